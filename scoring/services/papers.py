"""A unit's papers: the mid-year report and the year-end self-assessment, saved with a version check and sent once."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.services import log_action
from campaigns.services import campaign_require_open
from organisation.models import Unit
from scoring import notifications, selectors
from scoring.models import (
    Criterion,
    Evidence,
    MidyearReport,
    Scorecard,
    SelfScore,
)
from scoring.uploads import EVIDENCE_KINDS, REPORT_KINDS, check_upload, delete_on_commit, store

from .figures import figure_record, line_context, line_points


class StaleScorecard(Exception):
    def __init__(self, scorecard):
        super().__init__()
        self.scorecard = scorecard


@transaction.atomic
def midyear_report_upload(*, user, campaign, unit, upload, today):
    campaign_require_open(campaign.pk)
    checked = check_upload(upload, kinds=REPORT_KINDS)
    deadline = selectors.milestone_deadline(campaign=campaign, kind="midyear_report")
    # The unit's row serialises its uploads: two at once replace each other
    # rather than both finding no report and inserting two.
    Unit.objects.select_for_update().get(pk=unit.pk)
    report = MidyearReport.objects.filter(campaign=campaign, unit=unit).first()
    replaced = report is not None
    if report is None:
        report = MidyearReport(campaign=campaign, unit=unit)
    else:
        delete_on_commit(report.file)
    report.original_name = checked.name[-255:]
    report.size = len(checked.data)
    report.uploaded_by = user
    report.is_late = deadline is not None and today > deadline
    store(report.file, checked.name[-100:], checked.data)
    report.save()
    logged = log_action(
        obj=campaign,
        action="midyear_report.replaced" if replaced else "midyear_report.sent",
        user=user,
        data={"unit": unit.pk, "unit_name": unit.name, "file": report.original_name, "late": report.is_late},
    )
    notifications.midyear_report_received(report=report, actor=user, logged=logged)
    return report


def check_points(criterion, points):
    """Refuse points outside 0..maximum or with more than two decimals; return them to two decimals."""
    if points < 0 or points > criterion.max_points:
        raise ValidationError(
            _("%(criterion)s: points must lie between 0 and %(max)s.")
            % {"criterion": criterion, "max": criterion.max_points}
        )
    if points != points.quantize(Decimal("0.01")):
        raise ValidationError(_("%(criterion)s: at most two decimals.") % {"criterion": criterion})
    return points.quantize(Decimal("0.01"))


@transaction.atomic
def scorecard_save(*, user, campaign, unit, expected_version, scores, evidence, figures=None):
    """Save a unit's self-scores, figures, comments and new evidence.

    `scores` maps criterion ids to (points or None, comment); `figures` maps
    the ids of lines scored from figures to (figure or None, base or None):
    their points are computed here, never taken from the page. `evidence`
    maps criterion ids to uploaded files, each checked by its content.
    """
    campaign_require_open(campaign.pk)
    scorecard = Scorecard.objects.select_for_update().filter(campaign=campaign, unit=unit).first()
    if (scorecard.version if scorecard else 0) != expected_version:
        raise StaleScorecard(scorecard)
    if scorecard is None:
        try:
            with transaction.atomic():
                scorecard = Scorecard.objects.create(campaign=campaign, unit=unit)
        except IntegrityError:
            raise StaleScorecard(Scorecard.objects.get(campaign=campaign, unit=unit)) from None
    if scorecard.status == Scorecard.Status.SUBMITTED:
        raise ValidationError(_("This self-assessment was sent already."))
    criteria = {criterion.pk: criterion for criterion in Criterion.objects.filter(campaign=campaign)}
    existing = {score.criterion_id: score for score in SelfScore.objects.filter(scorecard=scorecard)}
    changes = []
    # Evidence first: a line that counts only with evidence sees the file sent with it.
    for criterion_id, uploads in evidence.items():
        for upload in uploads:
            checked = check_upload(upload, kinds=EVIDENCE_KINDS)
            item = Evidence(
                scorecard=scorecard,
                criterion=criteria[criterion_id],
                original_name=checked.name[-255:],
                size=len(checked.data),
                uploaded_by=user,
            )
            store(item.file, checked.name[-100:], checked.data)
            item.save()
            changes.append({"criterion": str(criteria[criterion_id]), "evidence": item.original_name})
    pairs = {}
    for criterion_id, (value, base) in (figures or {}).items():
        criterion = criteria[criterion_id]
        pairs[criterion_id] = figure_record(scorecard=scorecard, criterion=criterion, value=value, base=base)
        if pairs[criterion_id] is not None:
            changes.append({"criterion": str(criterion), "figure": [str(part) for part in pairs[criterion_id]]})
    context = line_context(campaign=campaign, unit_ids=[unit.pk])
    for criterion_id, (points, comment) in scores.items():
        criterion = criteria[criterion_id]
        current = existing.get(criterion_id)
        if points is not None:
            points = check_points(criterion, points)
        if criterion.is_computed or criterion.gate:
            points = line_points(
                criterion, unit_id=unit.pk, pair=pairs.get(criterion_id), typed=points, context=context
            )
        if points is None:
            if current is not None:
                changes.append({"criterion": str(criterion), "old": str(current.points), "new": None})
                current.delete()
            continue
        if current is None:
            SelfScore.objects.create(scorecard=scorecard, criterion=criterion, points=points, comment=comment)
            changes.append({"criterion": str(criterion), "old": None, "new": str(points)})
        elif current.points != points or current.comment != comment:
            changes.append({"criterion": str(criterion), "old": str(current.points), "new": str(points)})
            current.points, current.comment = points, comment
            current.save()
    scorecard.version += 1
    scorecard.save()
    log_action(
        obj=scorecard, action="scorecard.saved", user=user, data={"version": scorecard.version, "changes": changes}
    )
    return scorecard


@transaction.atomic
def scorecard_submit(*, user, scorecard, expected_version, today):
    """Send a saved self-assessment to the compiler once every applicable criterion is scored."""
    campaign_require_open(scorecard.campaign_id)
    scorecard = Scorecard.objects.select_for_update().select_related("campaign", "unit").get(pk=scorecard.pk)
    if scorecard.version != expected_version:
        raise StaleScorecard(scorecard)
    if scorecard.status == Scorecard.Status.SUBMITTED:
        raise ValidationError(_("This self-assessment was sent already."))
    campaign, unit = scorecard.campaign, scorecard.unit
    criteria = {criterion.pk: criterion for criterion in Criterion.objects.filter(campaign=campaign)}
    applicable = selectors.applicable_criteria(campaign=campaign, criteria=list(criteria.values()), unit_ids=[unit.pk])
    scored = set(SelfScore.objects.filter(scorecard=scorecard).values_list("criterion_id", flat=True))
    missing = [criteria[c] for c in sorted(applicable[unit.pk] - scored, key=lambda c: criteria[c].position)]
    if missing:
        raise ValidationError(
            _("Score every criterion before sending; missing: %(list)s.")
            % {"list": "; ".join(str(c.label or c.position) for c in missing)}
        )
    deadline = selectors.milestone_deadline(campaign=campaign, kind="yearend_report")
    scorecard.status = Scorecard.Status.SUBMITTED
    scorecard.submitted_at = timezone.now()
    scorecard.submitted_by = user
    scorecard.is_late = deadline is not None and today > deadline
    scorecard.version += 1
    scorecard.save()
    logged = log_action(
        obj=scorecard,
        action="scorecard.submitted",
        user=user,
        data={"version": scorecard.version, "late": scorecard.is_late},
    )
    notifications.self_assessment_received(scorecard=scorecard, actor=user, logged=logged)
    return scorecard
