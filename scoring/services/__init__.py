"""Writes to scoring: each checks the campaign's state, locks, compares versions and logs, in one transaction."""

from .figures import figure_correct  # noqa: F401
from .papers import StaleScorecard, midyear_report_upload, scorecard_save, scorecard_submit  # noqa: F401
from .ranking import objection_answer, objection_send, ranking_finalise, ranking_publish, ranking_reopen  # noqa: F401
from .scores import StaleScores, scores_agree_with_self, scores_set  # noqa: F401
from .table import (  # noqa: F401
    criteria_import,
    criteria_import_apply,
    criteria_import_prepare,
    criterion_delete,
    criterion_save,
    policy_save,
    scoring_copy,
)
from .vote import vote_meeting_save  # noqa: F401
