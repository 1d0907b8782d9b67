"""Classification (xếp loại): each unit's band from its total, the bands' conditions and the events recorded for it.

A band is reached from its total when its conditions hold; the first band
reached, in the campaign's order (best first), is the unit's. An event that
sets a band gives that band whatever the points (the lowest such band when
several are recorded); an event that caps one lowers a better band to it.
Every step that moved the unit leaves its reason, in words. Three queries
whatever the number of units.
"""

from collections import defaultdict
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from scoring import totals
from scoring.models import Band, Criterion, EventKind, UnitEvent
from scoring.totals import ZERO


def bands_for(*, campaign):
    return list(Band.objects.filter(campaign=campaign).order_by("position"))


def events_by_unit(*, campaign, unit_ids):
    """{unit id: [UnitEvent]} for the units, with each event's kind and band."""
    events = defaultdict(list)
    for event in UnitEvent.objects.filter(kind__campaign=campaign, unit_id__in=unit_ids).select_related(
        "kind__band", "unit"
    ):
        events[event.unit_id].append(event)
    return events


def _points(value):
    return number_format(format(Decimal(value).normalize(), "f"))


def _failed_condition(band, row, criteria, applicable):
    """Why the band's conditions do not hold for the row, or None when they do."""
    regular = [c for c in criteria if c.kind == Criterion.Kind.REGULAR and c.pk in applicable]
    if band.no_criterion_at_zero:
        zero = [str(c) for c in regular if row.finals.get(c.pk) == 0]
        if zero:
            return _("a criterion at 0 points (%(criteria)s)") % {"criteria": "; ".join(zero)}
    if band.no_part_under_half:
        under = [
            _("%(part)s: %(points)s of %(max)s") % {"part": part, "points": _points(points), "max": _points(maximum)}
            for part, points, maximum in _parts(criteria, row, applicable)
            if points * 2 < maximum
        ]
        if under:
            return _("a part under half its maximum (%(parts)s)") % {"parts": "; ".join(under)}
    return None


def _parts(criteria, row, applicable):
    """[(name, points, maximum)] of the table's regular parts for the row.

    A table with a tree has its top lines with sub-lines as parts, each worth
    its sub-lines capped at its maximum; the maximum is what the unit's
    applicable lines can reach under that cap. A flat table groups its lines
    by their `group`.
    """
    parents = totals.parent_ids(criteria)
    if parents:
        leaves = totals.leaves(criteria)
        points = totals.tree_points(criteria, row.finals)
        reachable = totals.tree_points(criteria, {c.pk: c.max_points for c in leaves if c.pk in applicable})
        return [
            (str(part), points.get(part.pk, ZERO), reachable[part.pk])
            for part in totals.roots(criteria)
            if part.kind == Criterion.Kind.REGULAR and part.pk in parents and part.pk in reachable
        ]
    parts = defaultdict(lambda: [ZERO, ZERO])
    for criterion in criteria:
        if criterion.kind == Criterion.Kind.REGULAR and criterion.group and criterion.pk in applicable:
            parts[criterion.group][0] += row.finals.get(criterion.pk, ZERO)
            parts[criterion.group][1] += criterion.max_points
    return [(part, points, maximum) for part, (points, maximum) in parts.items()]


def band_of(*, row, bands, events, criteria, applicable):
    """(band or None, [reasons]) for one ranking row."""
    order = {band.pk: index for index, band in enumerate(bands)}
    reasons = []
    setting = [event for event in events if event.kind.effect == EventKind.Effect.SETS]
    if setting:
        event = max(setting, key=lambda event: order[event.kind.band_id])
        reasons.append(
            _("“%(event)s” (%(note)s) sets the band to %(band)s.")
            % {"event": event.kind.name, "note": event.note, "band": event.kind.band.name}
        )
        return event.kind.band, reasons
    reached = None
    for band in bands:
        if row.total < band.min_total:
            continue
        failed = _failed_condition(band, row, criteria, applicable)
        if failed is None:
            reached = band
            break
        reasons.append(
            _("Not %(band)s despite %(total)s points (from %(min)s): %(why)s.")
            % {"band": band.name, "total": _points(row.total), "min": _points(band.min_total), "why": failed}
        )
    if reached is None:
        reasons.append(_("No band is reached with %(total)s points.") % {"total": _points(row.total)})
        return None, reasons
    caps = [event for event in events if event.kind.effect == EventKind.Effect.CAPS]
    cap = max(caps, key=lambda event: order[event.kind.band_id], default=None)
    if cap is not None and order[cap.kind.band_id] > order[reached.pk]:
        reasons.append(
            _("%(total)s points reach %(reached)s, but “%(event)s” (%(note)s) caps the band at %(band)s.")
            % {
                "total": _points(row.total),
                "reached": reached.name,
                "event": cap.kind.name,
                "note": cap.note,
                "band": cap.kind.band.name,
            }
        )
        return cap.kind.band, reasons
    return reached, reasons


def classify(*, campaign, rows, criteria, applicable):
    """Set `band` and `band_reason` on each ranking row; nothing when the campaign has no bands."""
    bands = bands_for(campaign=campaign)
    if not bands:
        return rows
    events = events_by_unit(campaign=campaign, unit_ids=[row.unit.pk for row in rows])
    for row in rows:
        row.band, reasons = band_of(
            row=row,
            bands=bands,
            events=events.get(row.unit.pk, []),
            criteria=criteria,
            applicable=applicable.get(row.unit.pk, set()),
        )
        row.band_reason = " ".join(reasons)
    return rows
