"""Writes to the scoring table: its rules and criteria, the Excel import, and the copy into next year's campaign."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from activity.services import log_action
from campaigns.services import campaign_require_not_closed, campaign_require_open
from core.db import copied
from organisation.models import SheetImport
from organisation.services import sheet_import_claim
from scoring import notifications
from scoring.models import (
    MAX_CRITERIA,
    Band,
    Criterion,
    Ranking,
    Score,
    ScoringPolicy,
    SelfScore,
    TieRule,
)

from .classification import band_save, classification_copy
from .common import lock_campaign
from .figures import recompute_line


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


def _scoring_started(campaign_id):
    return (
        Score.objects.filter(criterion__campaign_id=campaign_id).exists()
        or SelfScore.objects.filter(criterion__campaign_id=campaign_id).exists()
    )


def _require_table_changeable(campaign, reason):
    """Once units have scored, the table changes only while the campaign runs, before any ranking is final,
    and with a reason the log keeps."""
    campaign_require_open(campaign.pk)
    if Ranking.objects.filter(campaign=campaign, status=Ranking.Status.FINAL).exists():
        raise ValidationError(
            _("A ranking of this campaign is final: reopen it, with a reason, before changing the scoring table.")
        )
    if not (reason or "").strip():
        raise ValidationError(
            {"reason": _("Units have scored already: give the reason for changing the table; the log keeps it.")}
        )


@transaction.atomic
def criterion_save(*, user, criterion, reason=""):
    """Save a line; a new one goes last, its position taken under the campaign's lock.

    After units scored, changing a line needs a reason, an open campaign and
    no final ranking; the points computed on it are computed again.
    """
    campaign_require_not_closed(criterion.campaign_id)
    lock_campaign(criterion.campaign)
    started = criterion.pk is not None and _scoring_started(criterion.campaign_id)
    if started:
        _require_table_changeable(criterion.campaign, reason)
    if criterion.pk is None:
        table = Criterion.objects.filter(campaign=criterion.campaign).aggregate(last=Max("position"), count=Count("pk"))
        if table["count"] >= MAX_CRITERIA:
            raise ValidationError(
                _("A scoring table has at most %(max)s lines.")
                % {"max": number_format(MAX_CRITERIA, force_grouping=True)}
            )
        criterion.position = (table["last"] or 0) + 1
    if criterion.pk and not criterion.is_computed:
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
    # The file gives each line its level (1 a part, 2 its criterion, …): a line belongs to the last one above it.
    open_lines = []
    for position, row in enumerate(rows, start=1):
        row = dict(row)
        level = row.pop("level", 1)
        while open_lines and open_lines[-1][0] >= level:
            open_lines.pop()
        criterion = Criterion(
            campaign=campaign, position=position, parent=open_lines[-1][1] if open_lines else None, **row
        )
        criterion.full_clean()
        criterion.save()
        open_lines.append((level, criterion))
        criteria.append(criterion)
    log_action(obj=campaign, action="criteria.imported", user=user, data={"count": len(criteria)})
    return criteria


# The kind a scoring table's file is kept under while it waits for confirmation (organisation's SheetImport).
CRITERIA_IMPORT = "criteria"
DECIMAL_FIELDS = ("max_points", "fixed_base", "target", "second_level", "per_occurrence", "gate_floor")


def criteria_import_prepare(*, user, campaign, file_name, rows):
    """Keep a checked table for confirmation, exactly as the office previews it (numbers kept as text)."""
    kept = [
        {key: str(value) if key in DECIMAL_FIELDS and value is not None else value for key, value in row.items()}
        for row in rows
    ]
    return SheetImport.objects.create(
        kind=CRITERIA_IMPORT, unit=campaign.issuer, file_name=file_name[:255], rows=kept, uploaded_by=user
    )


def kept_rows(sheet_import):
    """The rows of a kept table as `criteria_import` takes them."""
    return [
        {key: Decimal(value) if key in DECIMAL_FIELDS and value is not None else value for key, value in row.items()}
        for row in sheet_import.rows
    ]


@transaction.atomic
def criteria_import_apply(*, user, campaign, sheet_import):
    """Import a previewed table once; a second confirmation finds it taken and does nothing (None)."""
    if not sheet_import.rows:
        raise ValidationError(_("The file has no criteria."))
    if not sheet_import_claim(sheet_import):
        return None
    return criteria_import(user=user, campaign=campaign, rows=kept_rows(sheet_import))


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
