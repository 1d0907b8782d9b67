"""The scoring table replaced from a checked file once the office confirms it: its criteria and each part the file
holds (the rounding, the bands, the listed events, the tie cascade, and the parts the apps above answer to
`table_parts`, such as the award quotas), in one transaction and one log entry."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from activity.services import log_action
from campaigns.services import campaign_require_not_closed
from core.dispatch import responses
from core.text import fold
from organisation.models import SheetImport
from organisation.services import sheet_import_claim
from scoring.models import Band, Criterion, EventKind, Score, ScoringPolicy, SelfScore, TieRule
from scoring.signals import table_parts

from .classification import park_positions
from .common import lock_campaign


@transaction.atomic
def criteria_import(*, user, campaign, rows, parts=None):
    """Replace the campaign's scoring table with a file's rows, before any scoring; `parts` ({part key: rows}) are
    the other sheets the file has, each replacing that part of the table (a sheet it lacks leaves its part as is)."""
    parts = parts or {}
    campaign_require_not_closed(campaign.pk)
    lock_campaign(campaign)
    if (
        Score.objects.filter(criterion__campaign=campaign).exists()
        or SelfScore.objects.filter(criterion__campaign=campaign).exists()
    ):
        raise ValidationError(_("Scoring has started; the table can no longer be replaced."))
    if "ties" in parts:
        TieRule.objects.filter(campaign=campaign).delete()
    elif TieRule.objects.filter(campaign=campaign, criterion__isnull=False).exists():
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
    counts = {"count": len(criteria)}
    if "rounding" in parts:
        counts["rounding"] = _rounding_replace(campaign, parts["rounding"])
    counts.update(_classification_replace(campaign, parts.get("bands"), parts.get("events")))
    if "ties" in parts:
        counts["tie_rules"] = _ties_replace(campaign, parts["ties"], criteria)
    for part in responses(table_parts):
        if part.key in parts:
            counts[part.key] = part.apply(user=user, campaign=campaign, rows=parts[part.key])
    log_action(obj=campaign, action="criteria.imported", user=user, data=counts)
    return criteria


def _rounding_replace(campaign, rows):
    """The table's rounding as the file states it; a sheet with no line sets it back to two decimals, half up."""
    policy = ScoringPolicy.objects.filter(campaign=campaign).first() or ScoringPolicy(campaign=campaign)
    default = ScoringPolicy()
    row = rows[0] if rows else {"points_places": default.points_places, "points_rounding": default.points_rounding}
    policy.points_places, policy.points_rounding = row["points_places"], row["points_rounding"]
    policy.full_clean()
    policy.save()
    return policy.rounding_text


def _delete(row, message):
    """Delete a band or event the file leaves out; refused, naming it, when something of the campaign rests on it."""
    try:
        with transaction.atomic():
            row.delete()
    except ProtectedError:
        raise ValidationError(message % {"name": row.name}) from None


def _classification_replace(campaign, bands, events):
    """The bands and the listed events as the file gives them (None: the file has no such sheet, they stay).

    Bands and events are matched by name, so what rests on one the file
    keeps (a title requiring the band, an event recorded for a unit) stays
    with it; one the file leaves out is deleted, or the import refused when
    something still rests on it.
    """
    counts = {}
    existing = {fold(band.name): band for band in Band.objects.filter(campaign=campaign)}
    dropped = {}
    if bands is not None:
        park_positions(Band, existing.values())
        dropped = dict(existing)
        for position, row in enumerate(bands, start=1):
            band = dropped.pop(fold(row["name"]), None) or Band(campaign=campaign)
            band.position, band.name, band.min_total = position, row["name"], Decimal(row["min_total"])
            band.no_criterion_at_zero, band.no_part_under_half = row["no_criterion_at_zero"], row["no_part_under_half"]
            band.full_clean()
            band.save()
            existing[fold(band.name)] = band
        counts["bands"] = len(bands)
    if events is not None:
        kinds = {fold(kind.name): kind for kind in EventKind.objects.filter(campaign=campaign)}
        for row in events:
            kind = kinds.pop(fold(row["name"]), None) or EventKind(campaign=campaign)
            kind.name, kind.effect, kind.band = row["name"], row["effect"], existing[fold(row["band"])]
            kind.full_clean()
            kind.save()
        for kind in kinds.values():
            _delete(kind, _("The file leaves out the event “%(name)s”, recorded for a unit: keep it in the file."))
        counts["events"] = len(events)
    for band in dropped.values():
        _delete(
            band,
            _(
                "The file leaves out the band “%(name)s”, which a listed event or a title of the campaign requires: "
                "keep it in the file, or change what requires it first."
            ),
        )
    return counts


def _ties_replace(campaign, rows, criteria):
    """The tie cascade as the file orders it; a rule names a line by its place in the file."""
    rules = []
    for position, row in enumerate(rows, start=1):
        line = None if row["criterion"] is None else criteria[row["criterion"]]
        rule = TieRule(campaign=campaign, position=position, kind=row["kind"], criterion=line)
        rule.figure = str(line.pk) if row["kind"] in TieRule.FIGURE_KINDS else ""
        rule.full_clean()
        rules.append(rule)
    TieRule.objects.bulk_create(rules)
    return len(rules)


# The kind a scoring table's file is kept under while it waits for confirmation (organisation's SheetImport).
CRITERIA_IMPORT = "criteria"
DECIMAL_FIELDS = ("max_points", "fixed_base", "target", "second_level", "per_occurrence", "gate_floor")


def criteria_import_prepare(*, user, campaign, file_name, rows, parts=None):
    """Keep a checked table for confirmation, exactly as the office previews it (numbers kept as text)."""
    kept = [
        {key: str(value) if key in DECIMAL_FIELDS and value is not None else value for key, value in row.items()}
        for row in rows
    ]
    return SheetImport.objects.create(
        kind=CRITERIA_IMPORT,
        unit=campaign.issuer,
        file_name=file_name[:255],
        rows={"criteria": kept, "parts": parts or {}},
        uploaded_by=user,
    )


def kept_rows(sheet_import):
    """(criteria rows as `criteria_import` takes them, {part key: rows}) of a kept table; a table kept before the
    other sheets were read is its criteria alone."""
    kept = sheet_import.rows if isinstance(sheet_import.rows, dict) else {"criteria": sheet_import.rows, "parts": {}}
    criteria = [
        {key: Decimal(value) if key in DECIMAL_FIELDS and value is not None else value for key, value in row.items()}
        for row in kept["criteria"]
    ]
    return criteria, kept["parts"]


@transaction.atomic
def criteria_import_apply(*, user, campaign, sheet_import):
    """Import a previewed table once; a second confirmation finds it taken and does nothing (None)."""
    criteria, parts = kept_rows(sheet_import)
    if not criteria:
        raise ValidationError(_("The file has no criteria."))
    if not sheet_import_claim(sheet_import):
        return None
    return criteria_import(user=user, campaign=campaign, rows=criteria, parts=parts)
