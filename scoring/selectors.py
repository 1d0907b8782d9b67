"""Reads for scoring: the table, who sent what, final scores, the ranking and the vote's result.

Every function here issues a fixed number of queries whatever the number of
units and criteria; the ranking page's query count is held by a test.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Avg, Count, Q

from campaigns.models import Milestone, Title
from campaigns.selectors import campaign_compilers
from core.numbers import percent
from organisation.models import Unit
from registrations.models import Registration, RegistrationItem
from scoring import classification, ties
from scoring import totals as tree
from scoring.models import (
    Ballot,
    Criterion,
    Evidence,
    Figure,
    FigureChange,
    MidyearReport,
    Objection,
    Ranking,
    RankingEntry,
    Score,
    Scorecard,
    ScoreChange,
    ScoreSheet,
    ScoringPolicy,
    SelfScore,
    VoteMeeting,
)


def policy_for(*, campaign):
    """The campaign's scoring policy, or the defaults when it has none yet."""
    return ScoringPolicy.objects.filter(campaign=campaign).first() or ScoringPolicy(campaign=campaign)


def criteria_for(*, campaign):
    """The table's lines, parts before their lines (depth first), each with its `depth`."""
    return tree.tree_order(list(Criterion.objects.filter(campaign=campaign).order_by("position")))


def table_lines(*, campaign):
    return tree.tree_order(list(Criterion.objects.filter(campaign=campaign).select_related("content_item")))


def scoring_started(*, campaign_id):
    """Whether any unit has scored itself, or been scored, in the campaign: the table then changes only with a reason
    (services.changes)."""
    return (
        Score.objects.filter(criterion__campaign_id=campaign_id).exists()
        or SelfScore.objects.filter(criterion__campaign_id=campaign_id).exists()
    )


def milestone_deadline(*, campaign, kind):
    deadlines = [milestone.deadline for milestone in Milestone.objects.filter(campaign=campaign, kind=kind)]
    return min(deadlines) if deadlines else None


def applicable_criteria(*, campaign, criteria, unit_ids):
    """{unit id: set of criterion ids the unit is scored on}.

    A criterion tied to an optional content item applies only to units that
    registered that item; every other criterion applies to all. A line with
    sub-lines is never scored itself: its points are theirs.
    """
    parents = tree.parent_ids(criteria)
    criteria = [criterion for criterion in criteria if criterion.pk not in parents]
    tied = {criterion.pk: criterion.content_item_id for criterion in criteria if criterion.content_item_id}
    registered = defaultdict(set)
    if tied:
        for unit_id, item_id in RegistrationItem.objects.filter(
            registration__campaign=campaign,
            registration__unit_id__in=unit_ids,
            content_item_id__in=set(tied.values()),
        ).values_list("registration__unit_id", "content_item_id"):
            registered[unit_id].add(item_id)
    every = {criterion.pk for criterion in criteria}
    return {
        unit_id: {
            criterion_id
            for criterion_id in every
            if criterion_id not in tied or tied[criterion_id] in registered[unit_id]
        }
        for unit_id in unit_ids
    }


def final_scores(*, campaign, policy, unit_ids, compilers):
    """{(unit id, criterion id): final points} under the campaign's rule.

    Under the leader rule, the score the unit's compiler gave; under the mean
    rule, the mean of every scorer's points, rounded as the table states.
    """
    scores = Score.objects.filter(criterion__campaign=campaign, unit_id__in=unit_ids)
    if policy.final_rule == ScoringPolicy.FinalRule.LEADER:
        # One condition per compiler (a bloc has one), so the database returns
        # the compilers' rows alone rather than every cross-scorer's.
        by_compiler = defaultdict(list)
        for unit_id in unit_ids:
            if compilers.get(unit_id) is not None:
                by_compiler[compilers[unit_id]].append(unit_id)
        if not by_compiler:
            return {}
        condition = Q()
        for compiler_id, units in by_compiler.items():
            condition |= Q(scorer_id=compiler_id, unit_id__in=units)
        return {
            (unit_id, criterion_id): points
            for unit_id, criterion_id, points in scores.filter(condition).values_list(
                "unit_id", "criterion_id", "points"
            )
        }
    return {
        (row["unit_id"], row["criterion_id"]): policy.rounding(row["mean"])
        for row in scores.values("unit_id", "criterion_id").annotate(mean=Avg("points"))
    }


def self_scores(*, campaign, unit_ids):
    return {
        (unit_id, criterion_id): points
        for unit_id, criterion_id, points in SelfScore.objects.filter(
            scorecard__campaign=campaign, scorecard__unit_id__in=unit_ids
        ).values_list("scorecard__unit_id", "criterion_id", "points")
    }


def scorer_comments(*, campaign, policy, unit_ids, compilers):
    """{(unit id, criterion id): [comments]} of the scores the final score is made of.

    Under the leader rule the compiler's comment; under the mean rule every
    scorer's, in the scorers' order.
    """
    comments = defaultdict(list)
    rows = (
        Score.objects.filter(criterion__campaign=campaign, unit_id__in=unit_ids)
        .exclude(comment="")
        .order_by("scorer__sort_name")
        .values_list("unit_id", "criterion_id", "scorer_id", "comment")
    )
    for unit_id, criterion_id, scorer_id, comment in rows:
        if policy.final_rule == ScoringPolicy.FinalRule.MEAN or compilers.get(unit_id) == scorer_id:
            comments[(unit_id, criterion_id)].append(comment)
    return comments


@dataclass
class RankingRow:
    unit: Unit
    total: Decimal = Decimal("0")
    self_total: Decimal | None = None
    deductions: Decimal = Decimal("0")
    first_group: Decimal = Decimal("0")
    scored: int = 0
    applicable: int = 0
    rank: int = 0
    gap: Decimal | None = None
    tie_broken: bool = False
    tie_values: list = field(default_factory=list)
    tie_rule: object = None
    tie_reason: str = ""
    needs_vote: bool = False
    band: object = None
    band_reason: str = ""
    finals: dict = field(default_factory=dict)
    selfs: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)

    @property
    def difference(self):
        """Final total less the unit's own assessment."""
        return None if self.self_total is None else self.total - self.self_total

    @property
    def complete(self):
        return self.scored == self.applicable


def ranking_rows(*, campaign, policy, unit_ids, compilers, criteria=None, figures=False):
    """The live ranking of these units: totals, self-assessed totals, ranks, gaps, tie reasons and bands; with
    `figures`, the figures each unit sent (for the exports, one query more)."""
    criteria = criteria if criteria is not None else criteria_for(campaign=campaign)
    by_id = {criterion.pk: criterion for criterion in criteria}
    first_group = criteria[0].group if criteria else None
    applicable = applicable_criteria(campaign=campaign, criteria=criteria, unit_ids=unit_ids)
    finals = final_scores(campaign=campaign, policy=policy, unit_ids=unit_ids, compilers=compilers)
    selfs = self_scores(campaign=campaign, unit_ids=unit_ids)
    rows = {unit.pk: RankingRow(unit=unit) for unit in Unit.objects.filter(id__in=unit_ids)}
    for row in rows.values():
        row.applicable = len(applicable[row.unit.pk])
    for (unit_id, criterion_id), points in finals.items():
        criterion = by_id[criterion_id]
        if criterion_id not in applicable[unit_id]:
            continue
        row = rows[unit_id]
        row.finals[criterion_id] = points
        row.scored += 1
        if criterion.kind != Criterion.Kind.DEDUCTION and criterion.group == first_group:
            row.first_group += points
    for (unit_id, criterion_id), points in selfs.items():
        if criterion_id in applicable[unit_id]:
            rows[unit_id].selfs[criterion_id] = points
    if figures and any(criterion.needs_figure for criterion in criteria):
        for figure in Figure.objects.filter(
            scorecard__campaign=campaign, scorecard__unit_id__in=unit_ids, scorecard__status=Scorecard.Status.SUBMITTED
        ).select_related("scorecard", "criterion"):
            rows[figure.scorecard.unit_id].figures[figure.criterion_id] = figure
    for row in rows.values():
        # Parts cap their lines, so totals and deductions are summed over the tree, never line by line.
        kinds = tree.kind_totals(criteria, row.finals)
        row.total = kinds["regular"] + kinds["bonus"] - kinds["deduction"]
        row.deductions = kinds["deduction"]
        if row.selfs:
            row.self_total = tree.unit_total(criteria, row.selfs)
    ranked = ties.rank_rows(campaign=campaign, rows=list(rows.values()))
    return classification.classify(campaign=campaign, rows=ranked, criteria=criteria, applicable=applicable)


def unit_bands(*, campaign):
    """{unit id: (unit name, band name or "")} of every unit of the campaign as its live final scores stand (each
    unit's band reads its own total, so the units of every compiler are read together): what a change of the
    classification is compared against."""
    compilers = campaign_compilers(campaign=campaign)
    rows = ranking_rows(
        campaign=campaign, policy=policy_for(campaign=campaign), unit_ids=list(compilers), compilers=compilers
    )
    return {row.unit.pk: (row.unit.name, row.band.name if row.band else "") for row in rows}


@dataclass
class SheetTotals:
    """The totals of one unit's points on a score form."""

    regular: Decimal = Decimal("0")
    bonus: Decimal = Decimal("0")
    deduction: Decimal = Decimal("0")

    @property
    def final(self):
        return self.regular + self.bonus - self.deduction


def sheet_totals(*, criteria, points):
    """Criteria, bonus and deduction summed over the points given ({criterion id: points or None}), each part
    capped; `criteria` holds the parts too, so that their caps apply."""
    kinds = tree.kind_totals(criteria, points)
    return SheetTotals(regular=kinds["regular"], bonus=kinds["bonus"], deduction=kinds["deduction"])


def ranking_for(*, campaign, compiler_id):
    return Ranking.objects.filter(campaign=campaign, compiler_id=compiler_id).select_related("finalised_by").first()


def final_entries(*, ranking):
    return list(RankingEntry.objects.filter(ranking=ranking).select_related("unit"))


@dataclass
class ResultLine:
    """One line of a unit's published scores."""

    criterion: Criterion
    final: Decimal | None
    self_points: Decimal | None
    comments: list
    objections: list

    @property
    def difference(self):
        """The final score less the unit's own."""
        return None if self.final is None or self.self_points is None else self.final - self.self_points


def unit_results(*, campaign, policy, unit, ranking):
    """The unit's lines as its compiler's published ranking stands: final score, self-score, comments, objections."""
    criteria = criteria_for(campaign=campaign)
    applicable = applicable_criteria(campaign=campaign, criteria=criteria, unit_ids=[unit.pk])[unit.pk]
    compilers = {unit.pk: ranking.compiler_id}
    finals = final_scores(campaign=campaign, policy=policy, unit_ids=[unit.pk], compilers=compilers)
    selfs = self_scores(campaign=campaign, unit_ids=[unit.pk])
    comments = scorer_comments(campaign=campaign, policy=policy, unit_ids=[unit.pk], compilers=compilers)
    objections = defaultdict(list)
    for objection in Objection.objects.filter(ranking=ranking, unit=unit).select_related("answered_by"):
        objections[objection.criterion_id].append(objection)
    return [
        ResultLine(
            criterion=criterion,
            final=finals.get((unit.pk, criterion.pk)),
            self_points=selfs.get((unit.pk, criterion.pk)),
            comments=comments.get((unit.pk, criterion.pk), []),
            objections=objections.get(criterion.pk, []),
        )
        for criterion in criteria
        if criterion.pk in applicable
    ]


def objections_for(*, ranking):
    """Every objection to a ranking's published scores, the open ones first."""
    if ranking is None:
        return []
    return sorted(
        Objection.objects.filter(ranking=ranking).select_related("unit", "criterion", "created_by", "answered_by"),
        key=lambda objection: (objection.status != Objection.Status.OPEN, objection.created_at),
    )


def is_locked(*, campaign, compiler_id):
    return Ranking.objects.filter(campaign=campaign, compiler_id=compiler_id, status=Ranking.Status.FINAL).exists()


def unit_status(*, campaign, unit_ids, compilers, today):
    """Per unit: its mid-year report and year-end self-assessment (overdue if missing past the deadline),
    and how many criteria its compiler scored."""
    report_due = milestone_deadline(campaign=campaign, kind=Milestone.Kind.MIDYEAR_REPORT)
    yearend_due = milestone_deadline(campaign=campaign, kind=Milestone.Kind.YEAREND_REPORT)
    reports = {
        report.unit_id: report for report in MidyearReport.objects.filter(campaign=campaign, unit_id__in=unit_ids)
    }
    scorecards = {card.unit_id: card for card in Scorecard.objects.filter(campaign=campaign, unit_id__in=unit_ids)}
    scored = defaultdict(int)
    for unit_id, scorer_id, count in (
        Score.objects.filter(criterion__campaign=campaign, unit_id__in=unit_ids)
        .values("unit_id", "scorer_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "scorer_id", "n")
    ):
        if compilers.get(unit_id) == scorer_id:
            scored[unit_id] = count
    return [
        {
            "unit": unit,
            "report": reports.get(unit.pk),
            "scorecard": scorecards.get(unit.pk),
            "scored": scored[unit.pk],
            "report_overdue": report_due is not None and today > report_due and unit.pk not in reports,
            "scorecard_overdue": yearend_due is not None
            and today > yearend_due
            and getattr(scorecards.get(unit.pk), "status", None) != Scorecard.Status.SUBMITTED,
        }
        for unit in Unit.objects.filter(id__in=unit_ids).order_by("sort_name")
    ]


def figures_by_criterion(*, scorecard):
    """{criterion id: Figure} of a unit's self-assessment."""
    if scorecard is None:
        return {}
    return {figure.criterion_id: figure for figure in Figure.objects.filter(scorecard=scorecard)}


def figure_changes(*, scorecard):
    """{criterion id: [FigureChange]} the compiler made to a unit's figures, newest first, for the unit to see."""
    grouped = defaultdict(list)
    if scorecard is not None:
        for change in FigureChange.objects.filter(figure__scorecard=scorecard).select_related("figure", "changed_by"):
            grouped[change.figure.criterion_id].append(change)
    return grouped


def scorecard_for(*, campaign, unit):
    return Scorecard.objects.filter(campaign=campaign, unit=unit).first()


def evidence_by_criterion(*, scorecard):
    grouped = defaultdict(list)
    if scorecard is not None:
        for evidence in Evidence.objects.filter(scorecard=scorecard).select_related("uploaded_by"):
            grouped[evidence.criterion_id].append(evidence)
    return grouped


def scores_by_scorer(*, campaign, unit, scorer):
    """{criterion id: the scorer's Score} for one unit."""
    return {
        score.criterion_id: score
        for score in Score.objects.filter(criterion__campaign=campaign, unit=unit, scorer=scorer)
    }


def score_sheet_for(*, campaign, unit, scorer):
    """The version and last author of the scorer's points for the unit; None before the first save."""
    return ScoreSheet.objects.filter(campaign=campaign, unit=unit, scorer=scorer).select_related("updated_by").first()


HISTORY_PER_PAGE = 50


def score_history(*, campaign, unit_ids, page=1):
    """One page of the units' score changes, newest first: the same two queries after ten saves or ten thousand."""
    changes = ScoreChange.objects.filter(campaign=campaign, unit_id__in=unit_ids).select_related(
        "changed_by", "scorer", "criterion"
    )
    return Paginator(changes, HISTORY_PER_PAGE).get_page(page)


def vote_meeting_for(*, campaign, compiler_id):
    return VoteMeeting.objects.filter(campaign=campaign, compiler_id=compiler_id).first()


@dataclass
class VoteResult:
    candidate: Unit
    title: object
    votes: int
    present: int
    threshold: Decimal

    @property
    def percent(self):
        return percent(self.votes, self.present, places=2) or Decimal("0")

    @property
    def passes(self):
        return self.present > 0 and self.percent >= self.threshold


def vote_results(*, meeting):
    """Per candidate and title: votes in favour, units present, and whether the threshold is reached."""
    if meeting is None:
        return []
    present = meeting.present.count()
    counts = (
        Ballot.objects.filter(meeting=meeting)
        .values("candidate_id", "title_id")
        .annotate(n=Count("id"))
        .order_by("title_id", "-n")
    )
    units = Unit.objects.in_bulk({row["candidate_id"] for row in counts})
    titles = Title.objects.in_bulk({row["title_id"] for row in counts})
    return [
        VoteResult(
            candidate=units[row["candidate_id"]],
            title=titles[row["title_id"]],
            votes=row["n"],
            present=present,
            threshold=meeting.threshold,
        )
        for row in counts
    ]


def progress_counts(*, campaign, unit_ids):
    """How many of the units sent each paper the campaign's milestones ask for."""
    total = len(unit_ids)
    registrations = Registration.objects.filter(campaign=campaign, unit_id__in=unit_ids).exclude(status="draft")
    return {
        "total": total,
        "registrations": registrations.count(),
        "reports": MidyearReport.objects.filter(campaign=campaign, unit_id__in=unit_ids).count(),
        "scorecards": Scorecard.objects.filter(
            campaign=campaign, unit_id__in=unit_ids, status=Scorecard.Status.SUBMITTED
        ).count(),
        "scored": Score.objects.filter(criterion__campaign=campaign, unit_id__in=unit_ids)
        .values("unit_id")
        .distinct()
        .count(),
    }
