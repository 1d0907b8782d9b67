"""Writes to the scoring table: its rules (its rounding too), its criteria, and the copy into next year's campaign."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from activity.services import log_action
from campaigns.services import campaign_require_not_closed
from core.db import copied
from scoring import notifications
from scoring.models import (
    MAX_CRITERIA,
    Band,
    Criterion,
    Score,
    ScoringPolicy,
    SelfScore,
    TieRule,
)

from .changes import require_table_change
from .classification import band_save, classification_copy
from .common import lock_campaign
from .figures import recompute_line


@transaction.atomic
def policy_save(*, user, policy, reason=""):
    """Save the campaign's scoring rules; returns the names of the units whose points changed.

    The rounding is the table's: once units have scored, changing it needs a
    reason, an open campaign and no final ranking, and every point computed
    on the table is computed again and shown to the units it changes.
    """
    campaign_require_not_closed(policy.campaign_id)
    lock_campaign(policy.campaign)
    before = ScoringPolicy.objects.filter(pk=policy.pk).first() if policy.pk else ScoringPolicy()
    rounding_changed = policy.rounding != before.rounding
    if rounding_changed:
        require_table_change(policy.campaign, reason)
    policy.full_clean()
    policy.save()
    changed = {}
    if rounding_changed:
        for criterion in Criterion.objects.filter(campaign=policy.campaign).order_by("position"):
            if criterion.is_computed:
                changed.update(recompute_line(user=user, criterion=criterion))
    logged = log_action(
        obj=policy.campaign,
        action="scoring.policy_changed",
        user=user,
        data={
            "final_rule": policy.final_rule,
            "cross_scoring": policy.cross_scoring,
            "vote_threshold": str(policy.vote_threshold),
            "points_places": policy.points_places,
            "points_rounding": policy.points_rounding,
            "reason": (reason or "").strip(),
            "units_recomputed": sorted(set(changed.values())),
        },
    )
    if changed:
        notifications.rounding_changed(
            policy=policy, units=changed, reason=(reason or "").strip(), actor=user, logged=logged
        )
    return sorted(set(changed.values()))


@transaction.atomic
def criterion_save(*, user, criterion, reason=""):
    """Save a line; a new one goes last, its position taken under the campaign's lock.

    After units scored, adding or changing a line needs a reason, an open
    campaign and no final ranking; the points computed on it are computed again.
    """
    campaign_require_not_closed(criterion.campaign_id)
    require_table_change(criterion.campaign, reason)
    if criterion.pk is None:
        table = Criterion.objects.filter(campaign=criterion.campaign).aggregate(last=Max("position"), count=Count("pk"))
        if table["count"] >= MAX_CRITERIA:
            raise ValidationError(
                _("A scoring table has at most %(max)s lines.")
                % {"max": number_format(MAX_CRITERIA, force_grouping=True)}
            )
        criterion.position = (table["last"] or 0) + 1
    if criterion.pk:
        require_scores_within(criterion)
    criterion.full_clean()
    is_new = criterion.pk is None
    criterion.save()
    changed = {} if is_new else recompute_line(user=user, criterion=criterion)
    logged = log_action(
        obj=criterion.campaign,
        action="criterion.created" if is_new else "criterion.changed",
        user=user,
        data={
            "criterion": criterion.pk,
            "text": str(criterion),
            "max": str(criterion.max_points),
            "method": criterion.method,
            "formula": criterion.formula,
            "reason": (reason or "").strip(),
            "units_recomputed": list(changed.values()),
        },
    )
    if changed:
        notifications.table_changed(
            criterion=criterion, units=changed, reason=(reason or "").strip(), actor=user, logged=logged
        )
    return list(changed.values())


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


def require_scores_within(criterion):
    """Refuse a maximum below points already typed on the line (computed points are computed again instead)."""
    if criterion.is_computed:
        return
    too_high = Score.objects.filter(criterion=criterion, points__gt=criterion.max_points).exists() or (
        SelfScore.objects.filter(criterion=criterion, points__gt=criterion.max_points).exists()
    )
    if too_high:
        raise ValidationError({"max_points": _("Some scores already given are above this maximum; change them first.")})


# Every field of a line that a copy or an export carries, besides its place in the tree.
TABLE_FIELDS = (
    "position",
    "group",
    "label",
    "text",
    "max_points",
    "kind",
    "method",
    "figure_label",
    "base_label",
    "fixed_base",
    "target",
    "second_level",
    "tiers",
    "tiers_of",
    "per_occurrence",
    "gate",
    "gate_floor",
)


def scoring_copy(*, source, target, items):
    """Carry the scoring table and rules into next year's campaign (called by `campaign_copy`)."""
    copies = {}
    # Parents come before their lines in position order only by convention: map them after creating every line.
    originals = list(Criterion.objects.filter(campaign=source).order_by("position"))
    for criterion in originals:
        copies[criterion.pk] = copied(
            criterion, TABLE_FIELDS, campaign=target, content_item=items.get(criterion.content_item_id)
        )
        copies[criterion.pk].save()
    for criterion in originals:
        if criterion.parent_id is not None:
            copy = copies[criterion.pk]
            copy.parent = copies[criterion.parent_id]
            copy.save(update_fields=["parent"])
    policy = ScoringPolicy.objects.filter(campaign=source).first()
    if policy is not None:
        policy.pk = None
        policy.campaign = target
        policy.save()
    classification_copy(source=source, target=target, criteria=copies)


@transaction.atomic
def bands_from_plan(*, user, campaign, bands):
    """Save the bands the office kept from a plan's text, best first, when the campaign has none yet."""
    lock_campaign(campaign)
    if Band.objects.filter(campaign=campaign).exists():
        raise ValidationError(_("The campaign has bands already: add the others one by one on the bands page."))
    saved = []
    for band in bands:
        try:
            saved.append(band_save(user=user, band=Band(campaign=campaign, **band), position=None))
        except ValidationError as error:
            raise ValidationError(
                _("The band “%(band)s”: %(error)s") % {"band": band["name"], "error": " ".join(error.messages)}
            ) from None
    return saved
