"""Points computed from figures: a unit's line scored from what it reported, the compiler's confirmation or
correction of a figure with its reason, and every computed score brought up to date after the table changes."""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.services import log_action
from campaigns.services import campaign_require_open
from scoring import methods, notifications, selectors
from scoring.models import Evidence, Figure, FigureChange, MidyearReport, Score, Scorecard, ScoreChange, SelfScore

from .common import lock_campaign, refuse_if_locked


class LineContext(NamedTuple):
    """What a line's points depend on besides its figure: evidence attached (unit id, criterion id), the units that
    sent their mid-year report, and the table's rounding."""

    evidence: set
    reports: set
    rounding: methods.Rounding


def line_context(*, campaign, unit_ids):
    """The LineContext of these units' lines in the campaign: three queries."""
    evidence = set(
        Evidence.objects.filter(scorecard__campaign=campaign, scorecard__unit_id__in=unit_ids).values_list(
            "scorecard__unit_id", "criterion_id"
        )
    )
    reports = set(
        MidyearReport.objects.filter(campaign=campaign, unit_id__in=unit_ids).values_list("unit_id", flat=True)
    )
    return LineContext(evidence, reports, selectors.policy_for(campaign=campaign).rounding)


def line_points(criterion, *, unit_id, pair, typed, context):
    """The points of a line for a unit from a figure pair (value, base) or typed points, behind its gate, rounded as
    the table states: every point computed on the server comes from here."""
    value, base = pair if pair is not None else (None, None)
    return methods.criterion_points(
        criterion,
        value=value,
        base=base,
        typed=typed,
        evidence=(unit_id, criterion.pk) in context.evidence,
        report=unit_id in context.reports,
        rounding=context.rounding,
    )


def figure_record(*, scorecard, criterion, value, base):
    """Save (or clear, when `value` is None) the unit's figure on a line, after checking it; returns the pair."""
    if value is None:
        Figure.objects.filter(scorecard=scorecard, criterion=criterion).delete()
        return None
    base = base if criterion.needs_base else None
    methods.check_figure(criterion, value, base)
    Figure.objects.update_or_create(scorecard=scorecard, criterion=criterion, defaults={"value": value, "base": base})
    return value, base


@transaction.atomic
def figure_correct(*, user, campaign, unit, criterion, value, base, reason, compiler_id):
    """The compiler confirms (same figure) or corrects a unit's reported figure, with a reason for a correction.

    The change is logged with who, when and why; the compiler's points on the
    line are computed again from the figure kept. The unit's own figure stays.
    """
    campaign_require_open(campaign.pk)
    lock_campaign(campaign)
    refuse_if_locked(campaign, compiler_id)
    figure = (
        Figure.objects.select_for_update()
        .filter(scorecard__campaign=campaign, scorecard__unit=unit, criterion=criterion)
        .select_related("scorecard")
        .first()
    )
    if figure is None or figure.scorecard.status != Scorecard.Status.SUBMITTED:
        raise ValidationError(_("The unit has not sent a figure on this line yet."))
    base = base if criterion.needs_base else None
    methods.check_figure(criterion, value, base)
    reason = (reason or "").strip()
    old_value, old_base = figure.kept
    if (value, base) != (figure.value, figure.base) and not reason:
        raise ValidationError(_("Give the reason for correcting the figure the unit reported."))
    figure.confirmed_value, figure.confirmed_base = value, base
    figure.confirmed_at, figure.confirmed_by = timezone.now(), user
    figure.save()
    FigureChange.objects.create(
        figure=figure,
        old_value=old_value,
        old_base=old_base,
        new_value=value,
        new_base=base,
        reason=reason,
        changed_by=user,
    )
    logged = log_action(
        obj=campaign,
        action="figure.corrected" if figure.corrected else "figure.confirmed",
        user=user,
        data={
            "unit": unit.pk,
            "unit_name": unit.name,
            "criterion": criterion.pk,
            "criterion_label": str(criterion),
            "reported": [str(figure.value), None if figure.base is None else str(figure.base)],
            "old": [str(old_value), None if old_base is None else str(old_base)],
            "new": [str(value), None if base is None else str(base)],
            "reason": reason,
        },
    )
    points = line_points(
        criterion,
        unit_id=unit.pk,
        pair=(value, base),
        typed=None,
        context=line_context(campaign=campaign, unit_ids=[unit.pk]),
    )
    _set_score(user=user, campaign=campaign, unit=unit, scorer_id=compiler_id, criterion=criterion, points=points)
    if figure.corrected:
        notifications.figure_corrected(
            figure=figure, unit=unit, campaign=campaign, reason=reason, actor=user, logged=logged
        )
    return figure


def _set_score(*, user, campaign, unit, scorer_id, criterion, points):
    current = Score.objects.filter(criterion=criterion, unit=unit, scorer_id=scorer_id).first()
    old = current.points if current else None
    if old == points:
        return
    if current is None:
        Score.objects.create(criterion=criterion, unit=unit, scorer_id=scorer_id, points=points, updated_by=user)
    else:
        current.points, current.updated_by = points, user
        current.save()
    ScoreChange.objects.create(
        campaign=campaign, unit=unit, scorer_id=scorer_id, criterion=criterion, old=old, new=points, changed_by=user
    )


def recompute_line(*, user, criterion):
    """After a line's method or parameters changed: every unit's own and final points on it, from their figures.

    Returns {unit id: name} of the units whose points changed, for the log,
    the message the office sees and the notice each of them gets.
    """
    campaign = criterion.campaign
    figures = {
        figure.scorecard.unit_id: figure
        for figure in Figure.objects.filter(criterion=criterion).select_related("scorecard")
    }
    selfs = list(SelfScore.objects.filter(criterion=criterion).select_related("scorecard__unit"))
    scores = list(Score.objects.filter(criterion=criterion).select_related("unit"))
    context = line_context(
        campaign=campaign, unit_ids={s.scorecard.unit_id for s in selfs} | {s.unit_id for s in scores}
    )
    changed = {}
    for own in selfs:
        unit_id = own.scorecard.unit_id
        figure = figures.get(unit_id)
        pair = (figure.value, figure.base) if figure else None
        points = line_points(criterion, unit_id=unit_id, pair=pair, typed=own.points, context=context)
        if points is not None and points != own.points:
            own.points = points
            own.save(update_fields=["points"])
            changed[unit_id] = own.scorecard.unit.name
    for score in scores:
        figure = figures.get(score.unit_id)
        pair = figure.kept if figure else None
        points = line_points(criterion, unit_id=score.unit_id, pair=pair, typed=score.points, context=context)
        if points is not None and points != score.points:
            ScoreChange.objects.create(
                campaign=campaign,
                unit=score.unit,
                scorer_id=score.scorer_id,
                criterion=criterion,
                old=score.points,
                new=points,
                changed_by=user,
            )
            score.points, score.updated_by = points, user
            score.save()
            changed[score.unit_id] = score.unit.name
    return dict(sorted(changed.items(), key=lambda item: item[1]))
