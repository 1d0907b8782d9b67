"""The compiler's scores, saved with a version check and logged line by line."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activity.services import log_action
from campaigns.access import may_score
from campaigns.services import campaign_require_open
from organisation.models import Unit
from scoring import selectors
from scoring.models import (
    Criterion,
    Figure,
    Score,
    Scorecard,
    ScoreChange,
    ScoreSheet,
)

from .common import lock_campaign, refuse_if_locked
from .figures import line_context, line_points
from .papers import check_points


class StaleScores(Exception):
    """The scorer's points for the unit changed since the user opened them; `sheet` is the current row."""

    def __init__(self, sheet):
        super().__init__()
        self.sheet = sheet


@transaction.atomic
def scores_set(*, user, campaign, scorer, unit, expected_version, points, compilers, comments=None):
    """Record the scorer's points for a unit, criterion by criterion, logging each change's old and new value.

    `comments` ({criterion id: text}) are the scorer's words on each line,
    shown to the unit once the results are published; None leaves them as
    they are. Raises StaleScores when someone saved these points since
    `expected_version`.
    """
    campaign_require_open(campaign.pk)
    # The campaign's lock serialises every scorer of the campaign, so the sheet
    # below is read, compared and created by one writer at a time.
    lock_campaign(campaign)
    policy = selectors.policy_for(campaign=campaign)
    if not may_score(compilers=compilers, scorer_id=scorer.pk, unit_id=unit.pk, cross_scoring=policy.cross_scoring):
        raise ValidationError(_("%(scorer)s may not score %(unit)s.") % {"scorer": scorer, "unit": unit})
    refuse_if_locked(campaign, compilers[unit.pk])
    sheet = ScoreSheet.objects.filter(campaign=campaign, unit=unit, scorer=scorer).first()
    if (sheet.version if sheet else 0) != expected_version:
        raise StaleScores(sheet)
    criteria = {criterion.pk: criterion for criterion in Criterion.objects.filter(campaign=campaign)}
    existing = {
        score.criterion_id: score
        for score in Score.objects.select_for_update().filter(criterion__campaign=campaign, unit=unit, scorer=scorer)
    }
    changes = []
    commented = False
    # Lines scored from figures take the figures the unit sent (as the compiler kept them), whatever the page posted.
    kept = {
        figure.criterion_id: figure.kept
        for figure in Figure.objects.filter(
            scorecard__campaign=campaign, scorecard__unit=unit, scorecard__status=Scorecard.Status.SUBMITTED
        )
    }
    context = line_context(campaign=campaign, unit_ids=[unit.pk])
    for criterion_id, value in points.items():
        criterion = criteria[criterion_id]
        current = existing.get(criterion_id)
        old = current.points if current else None
        comment = (comments or {}).get(criterion_id, current.comment if current else "")
        if criterion.is_computed:
            value = None
        if criterion.is_computed or criterion.gate:
            typed = None if value is None else check_points(criterion, value)
            value = line_points(criterion, unit_id=unit.pk, pair=kept.get(criterion_id), typed=typed, context=context)
        if value is None:
            if current is not None:
                current.delete()
        else:
            value = check_points(criterion, value)
            if current is None:
                Score.objects.create(
                    criterion=criterion, unit=unit, scorer=scorer, points=value, comment=comment, updated_by=user
                )
            elif current.points != value or current.comment != comment:
                commented = commented or current.comment != comment
                current.points, current.comment, current.updated_by = value, comment, user
                current.save()
        if old != value:
            changes.append(
                ScoreChange(
                    campaign=campaign,
                    unit=unit,
                    scorer=scorer,
                    criterion=criterion,
                    old=old,
                    new=value,
                    changed_by=user,
                )
            )
            log_action(
                obj=campaign,
                action="score.changed",
                user=user,
                data={
                    "unit": unit.pk,
                    "unit_name": unit.name,
                    "scorer": scorer.pk,
                    "scorer_name": scorer.name,
                    "criterion": criterion.pk,
                    "criterion_label": str(criterion),
                    "old": None if old is None else str(old),
                    "new": None if value is None else str(value),
                },
            )
    ScoreChange.objects.bulk_create(changes)
    if changes or commented:
        sheet = sheet or ScoreSheet(campaign=campaign, unit=unit, scorer=scorer)
        sheet.version += 1
        sheet.updated_by = user
        sheet.save()
    return sheet


@transaction.atomic
def scores_agree_with_self(*, user, campaign, unit_ids, compilers, only_unscored):
    """The compiler takes each unit's own points as its scores, in one action; it then changes only what it disputes.

    Units that have not sent their self-assessment are left out; with
    `only_unscored`, so are units the compiler has scored already, so that
    nothing it typed is overwritten. Each line is saved and logged as a typed
    score is (scores_set); the agreement itself is logged per unit. Returns the
    units agreed with.
    """
    cards = (
        Scorecard.objects.filter(campaign=campaign, unit_id__in=unit_ids, status=Scorecard.Status.SUBMITTED)
        .select_related("unit")
        .prefetch_related("self_scores")
        .order_by("unit__sort_name")
    )
    agreed = []
    for card in cards:
        unit, scorer = card.unit, Unit.objects.get(pk=compilers[card.unit_id])
        if only_unscored and Score.objects.filter(criterion__campaign=campaign, unit=unit, scorer=scorer).exists():
            continue
        sheet = ScoreSheet.objects.filter(campaign=campaign, unit=unit, scorer=scorer).first()
        scores_set(
            user=user,
            campaign=campaign,
            scorer=scorer,
            unit=unit,
            expected_version=sheet.version if sheet else 0,
            points={score.criterion_id: score.points for score in card.self_scores.all()},
            compilers=compilers,
        )
        log_action(obj=campaign, action="score.agreed", user=user, data={"unit": unit.pk, "unit_name": unit.name})
        agreed.append(unit)
    return agreed
