"""Scoring: the campaign's scoring table, mid-year reports, year-end self-scores with
evidence, the scores given by the leader and members, the ranking and the vote."""

from .classification import Band, EventKind, TieRule, UnitEvent
from .figures import Figure, FigureChange
from .ranking import Objection, Ranking, RankingEntry
from .reports import Evidence, MidyearReport, Scorecard, SelfScore, UploadedFile
from .scores import Score, ScoreChange, ScoreSheet
from .table import MAX_CRITERIA, POINTS, Criterion, ScoringPolicy
from .vote import Ballot, VoteMeeting

__all__ = [
    "ScoringPolicy",
    "Criterion",
    "UploadedFile",
    "MidyearReport",
    "Scorecard",
    "SelfScore",
    "Evidence",
    "Figure",
    "FigureChange",
    "Score",
    "ScoreChange",
    "ScoreSheet",
    "Ranking",
    "RankingEntry",
    "Objection",
    "VoteMeeting",
    "Band",
    "EventKind",
    "UnitEvent",
    "TieRule",
    "Ballot",
    "MAX_CRITERIA",
    "POINTS",
]
