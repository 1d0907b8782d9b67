"""Writes to the scoring table: its rules and criteria, the Excel import, and the copy into next year's campaign."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from activity.services import log_action
from campaigns.services import campaign_require_not_closed
from scoring.models import (
    MAX_CRITERIA,
    Criterion,
    Score,
    ScoringPolicy,
    SelfScore,
    TieRule,
)

from .classification import classification_copy
from .common import lock_campaign


@transaction.atomic
def policy_save(*, user, policy):
    campaign_require_not_closed(policy.campaign_id)
    policy.full_clean()
    policy.save()
    log_action(
        obj=policy.campaign,
        action="scoring.policy_changed",
        user=user,
        data={
            "final_rule": policy.final_rule,
            "cross_scoring": policy.cross_scoring,
            "vote_threshold": str(policy.vote_threshold),
        },
    )
    return policy


@transaction.atomic
def criterion_save(*, user, criterion):
    """Save a criterion; a new one goes last, its position taken under the campaign's lock."""
    campaign_require_not_closed(criterion.campaign_id)
    lock_campaign(criterion.campaign)
    if criterion.pk is None:
        table = Criterion.objects.filter(campaign=criterion.campaign).aggregate(last=Max("position"), count=Count("pk"))
        if table["count"] >= MAX_CRITERIA:
            raise ValidationError(
                _("A scoring table has at most %(max)s lines.")
                % {"max": number_format(MAX_CRITERIA, force_grouping=True)}
            )
        criterion.position = (table["last"] or 0) + 1
    if criterion.pk:
        too_high = Score.objects.filter(criterion=criterion, points__gt=criterion.max_points).exists() or (
            SelfScore.objects.filter(criterion=criterion, points__gt=criterion.max_points).exists()
        )
        if too_high:
            raise ValidationError(
                {"max_points": _("Some scores already given are above this maximum; change them first.")}
            )
    criterion.full_clean()
    is_new = criterion.pk is None
    criterion.save()
    log_action(
        obj=criterion.campaign,
        action="criterion.created" if is_new else "criterion.changed",
        user=user,
        data={"criterion": criterion.pk, "text": str(criterion), "max": str(criterion.max_points)},
    )
    return criterion


@transaction.atomic
def criterion_delete(*, user, criterion):
    campaign_require_not_closed(criterion.campaign_id)
    lock_campaign(criterion.campaign)
    if Score.objects.filter(criterion=criterion).exists() or SelfScore.objects.filter(criterion=criterion).exists():
        raise ValidationError(_("This criterion has been scored already; it cannot be deleted."))
    if TieRule.objects.filter(criterion=criterion).exists():
        raise ValidationError(_("A tie rule names this criterion; change or delete that tie rule first."))
    data = {"criterion": criterion.pk, "text": str(criterion)}
    criterion.delete()
    log_action(obj=criterion.campaign, action="criterion.deleted", user=user, data=data)


@transaction.atomic
def criteria_import(*, user, campaign, rows):
    """Replace the campaign's scoring table with the rows of an imported file, before any scoring."""
    campaign_require_not_closed(campaign.pk)
    lock_campaign(campaign)
    if (
        Score.objects.filter(criterion__campaign=campaign).exists()
        or SelfScore.objects.filter(criterion__campaign=campaign).exists()
    ):
        raise ValidationError(_("Scoring has started; the table can no longer be replaced."))
    if TieRule.objects.filter(campaign=campaign, criterion__isnull=False).exists():
        raise ValidationError(_("A tie rule names a criterion of this table; delete that tie rule, then import."))
    Criterion.objects.filter(campaign=campaign).delete()
    criteria = []
    for position, row in enumerate(rows, start=1):
        criterion = Criterion(campaign=campaign, position=position, **row)
        criterion.full_clean()
        criteria.append(criterion)
    Criterion.objects.bulk_create(criteria)
    log_action(obj=campaign, action="criteria.imported", user=user, data={"count": len(criteria)})
    return criteria


def scoring_copy(*, source, target, items):
    """Carry the scoring table and rules into next year's campaign (called by `campaign_copy`)."""
    copies = {}
    for criterion in Criterion.objects.filter(campaign=source).order_by("position"):
        copies[criterion.pk] = Criterion.objects.create(
            campaign=target,
            position=criterion.position,
            group=criterion.group,
            label=criterion.label,
            text=criterion.text,
            max_points=criterion.max_points,
            kind=criterion.kind,
            content_item=items.get(criterion.content_item_id),
        )
    policy = ScoringPolicy.objects.filter(campaign=source).first()
    if policy is not None:
        policy.pk = None
        policy.campaign = target
        policy.save()
    classification_copy(source=source, target=target, criteria=copies)
