"""The scoring table replaced from a checked file once the office confirms it: its criteria and each part the file
holds (the rounding, the bands, the listed events, the tie cascade, and the parts the apps above answer to
`table_parts`, such as the award quotas), in one transaction and one log entry."""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, ProtectedError
from django.utils.translation import gettext as _

from activity.services import log_action
from campaigns.services import campaign_require_not_closed
from core.dispatch import responses
from core.text import fold
from organisation.models import SheetImport
from organisation.services import sheet_import_claim
from scoring import notifications
from scoring.models import Band, Criterion, EventKind, Score, ScoringPolicy, SelfScore, TieRule
from scoring.signals import table_parts

from .changes import band_moves, bands_before, require_table_change
from .classification import park_positions
from .figures import recompute_line
from .table import TABLE_FIELDS, require_scores_within


@transaction.atomic
def criteria_import(*, user, campaign, rows, parts=None, reason=""):
    """Replace the campaign's scoring table with a file's rows; `parts` ({part key: rows}) are the other sheets the
    file has, each replacing that part of the table (a sheet it lacks leaves its part as is).

    Once units have scored, it is a change of the table like any other
    (services.changes): a reason, an open campaign, no final ranking. A line
    of the file is the table's line of the same number and text, kept with
    what units reported and scored on it; every point on the kept lines is
    computed again, and the units whose points or band moved are told.
    """
    parts = parts or {}
    campaign_require_not_closed(campaign.pk)
    started = require_table_change(campaign, reason)
    before = bands_before(campaign, started)
    if "ties" in parts:
        TieRule.objects.filter(campaign=campaign).delete()
    criteria, kept = _lines_replace(campaign, rows)
    counts = {"count": len(criteria)}
    if "rounding" in parts:
        counts["rounding"] = _rounding_replace(campaign, parts["rounding"])
    counts.update(_classification_replace(campaign, parts.get("bands"), parts.get("events")))
    if "ties" in parts:
        counts["tie_rules"] = _ties_replace(campaign, parts["ties"], criteria)
    for part in responses(table_parts):
        if part.key in parts:
            counts[part.key] = part.apply(user=user, campaign=campaign, rows=parts[part.key])
    changed = {}
    if started:
        for criterion in kept:
            changed.update(recompute_line(user=user, criterion=criterion))
    moves = band_moves(campaign, before)
    reason = (reason or "").strip()
    logged = log_action(
        obj=campaign,
        action="criteria.imported",
        user=user,
        data={
            **counts,
            "reason": reason,
            "units_recomputed": sorted(set(changed.values())),
            "units_moved": sorted(name for name, _old, _new in moves.values()),
        },
    )
    if changed:
        notifications.table_imported(campaign=campaign, units=changed, reason=reason, actor=user, logged=logged)
    if moves:
        notifications.bands_moved(
            campaign=campaign,
            moves=moves,
            change=_("the scoring table was imported from a file"),
            reason=reason,
            actor=user,
            logged=logged,
        )
    return criteria


def _lines_replace(campaign, rows):
    """(the table's lines as the file gives them, the lines it kept): a file's line is the table's line of the same
    number and text (the first such line when several share them), saved over it so that what units reported,
    attached and scored on it stays; the others are new. A line the file leaves out is deleted (its sub-lines with
    it), or the import refused, naming it, when units scored on it or a tie rule names it."""
    existing = defaultdict(list)
    for line in Criterion.objects.filter(campaign=campaign).order_by("position"):
        existing[fold(str(line))].append(line)
    # Out of the way of the unique positions the file's lines take; no table has 10,000 lines.
    Criterion.objects.filter(campaign=campaign).update(position=F("position") + 10000)
    criteria, kept = [], []
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
        same = existing.get(fold(str(criterion)))
        if same:
            # The line becomes what the file says, whatever it said before; only what the file cannot hold stays
            # (its content item), with what units gave on it.
            read, criterion = criterion, same.pop(0)
            for name in TABLE_FIELDS:
                setattr(criterion, name, getattr(read, name))
            criterion.parent = read.parent
            try:
                require_scores_within(criterion)
            except ValidationError as error:
                raise ValidationError(
                    _("The line “%(line)s”: %(error)s") % {"line": criterion, "error": " ".join(error.messages)}
                ) from None
            kept.append(criterion)
        criterion.full_clean()
        criterion.save()
        open_lines.append((level, criterion))
        criteria.append(criterion)
    _lines_delete([line for lines in existing.values() for line in lines])
    return criteria, kept


def _lines_delete(lines):
    """Delete the lines a file leaves out, unless units scored on one or a tie rule names one."""
    scored = {
        *Score.objects.filter(criterion__in=lines).values_list("criterion_id", flat=True),
        *SelfScore.objects.filter(criterion__in=lines).values_list("criterion_id", flat=True),
    }
    named = set(TieRule.objects.filter(criterion__in=lines).values_list("criterion_id", flat=True))
    for line in lines:
        if line.pk in scored:
            raise ValidationError(
                _("The file leaves out the line “%(line)s”, which units have scored: keep it in the file.")
                % {"line": line}
            )
        if line.pk in named:
            raise ValidationError(
                _(
                    "The file leaves out the line “%(line)s”, which a tie rule names: keep it in the file, or give "
                    "the tie rules in the file too."
                )
                % {"line": line}
            )
    Criterion.objects.filter(pk__in=[line.pk for line in lines]).delete()


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
def criteria_import_apply(*, user, campaign, sheet_import, reason=""):
    """Import a previewed table once; a second confirmation finds it taken and does nothing (None)."""
    criteria, parts = kept_rows(sheet_import)
    if not criteria:
        raise ValidationError(_("The file has no criteria."))
    if not sheet_import_claim(sheet_import):
        return None
    return criteria_import(user=user, campaign=campaign, rows=criteria, parts=parts, reason=reason)
