"""Writes to what a campaign does with the totals: its bands, listed events, the events recorded for units and the
tie rules; each logged, each refused with a message the office can act on, and all carried into next year's copy."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activity.services import log_action
from campaigns.services import campaign_require_not_closed
from core.db import copied
from scoring import notifications
from scoring.models import Band, Criterion, EventKind, TieRule, UnitEvent

from .changes import band_moves, bands_before, require_table_change


def _points(value):
    return number_format(format(value.normalize(), "f"))


def park_positions(model, rows):
    """Move rows out of the way of the unique positions before numbering them again."""
    for offset, row in enumerate(rows, start=1):
        model.objects.filter(pk=row.pk).update(position=10000 + offset)


def _renumber(model, ordered):
    for index, sibling in enumerate(ordered, start=1):
        sibling.position = index
        if sibling.pk is not None:
            model.objects.filter(pk=sibling.pk).update(position=index)


def _conditions(band):
    return {name for name in ("no_criterion_at_zero", "no_part_under_half") if getattr(band, name)}


def require_reachable(bands):
    """Refuse an order in which a band can never be reached: a band above it asks no more points and no more
    conditions, so every unit meeting it stops there first."""
    for index, band in enumerate(bands):
        for above in bands[:index]:
            if above.min_total <= band.min_total and _conditions(above) <= _conditions(band):
                raise ValidationError(
                    {
                        "min_total": _(
                            "“%(band)s” could never be reached: a unit with %(min)s points that meets its conditions "
                            "is classed “%(above)s” first (from %(above_min)s points). Give it a lower total than "
                            "the bands before it, or move it up."
                        )
                        % {
                            "band": band.name,
                            "min": _points(band.min_total),
                            "above": above.name,
                            "above_min": _points(above.min_total),
                        }
                    }
                )


def _band_data(band):
    return {
        "band": band.name,
        "position": band.position,
        "min_total": str(band.min_total),
        "no_criterion_at_zero": band.no_criterion_at_zero,
        "no_part_under_half": band.no_part_under_half,
    }


def _changing(campaign, reason):
    """The one rule of a change of the table (services.changes); True once units have scored."""
    campaign_require_not_closed(campaign.pk)
    return require_table_change(campaign, reason)


def _logged(*, user, campaign, action, data, reason, before=None):
    """Log a change of the classification with its reason and the units whose band it moved; tell each of them."""
    reason = (reason or "").strip()
    moves = band_moves(campaign, before)
    logged = log_action(
        obj=campaign,
        action=action,
        user=user,
        data={**data, "reason": reason, "units_moved": sorted(name for name, _old, _new in moves.values())},
    )
    if moves:
        notifications.bands_moved(
            campaign=campaign, moves=moves, change=ACTION_CHANGES[action], reason=reason, actor=user, logged=logged
        )
    return logged


# What each change is called in the notice to the units whose band it moved.
ACTION_CHANGES = {
    "band.created": gettext_lazy("a band was added"),
    "band.changed": gettext_lazy("a band was changed"),
    "band.deleted": gettext_lazy("a band was deleted"),
    "event_kind.changed": gettext_lazy("a listed event was changed"),
    "unit_event.recorded": gettext_lazy("an event was recorded for a unit"),
    "unit_event.removed": gettext_lazy("an event recorded for a unit was removed"),
}


@transaction.atomic
def band_save(*, user, band, position, reason=""):
    """Save a band at `position` in the order (best first), refused when the order leaves a band out of reach."""
    before = bands_before(band.campaign, _changing(band.campaign, reason))
    is_new = band.pk is None
    siblings = list(Band.objects.filter(campaign=band.campaign).order_by("position"))
    ordered = _placed(band, position, siblings)
    require_reachable(ordered)
    band.full_clean(exclude=["position"])
    _save_in_order(Band, band, ordered, siblings)
    _logged(
        user=user,
        campaign=band.campaign,
        action="band.created" if is_new else "band.changed",
        data=_band_data(band),
        reason=reason,
        before=before,
    )
    return band


def _placed(item, position, siblings):
    """`siblings` in their new order with `item` at `position` (1 = first; empty = last)."""
    ordered = [sibling for sibling in siblings if sibling.pk != item.pk]
    position = max(1, min(position or len(ordered) + 1, len(ordered) + 1))
    ordered.insert(position - 1, item)
    return ordered


def _save_in_order(model, item, ordered, siblings):
    park_positions(model, siblings)
    item.position = 0
    item.save()
    _renumber(model, ordered)


@transaction.atomic
def band_delete(*, user, band, reason=""):
    before = bands_before(band.campaign, _changing(band.campaign, reason))
    if EventKind.objects.filter(band=band).exists():
        raise ValidationError(_("A listed event leads to this band; change or delete the event first."))
    data = _band_data(band)
    try:
        with transaction.atomic():
            band.delete()
    except ProtectedError:
        raise ValidationError(_("A title of the campaign requires this band; change that requirement first.")) from None
    _renumber(Band, list(Band.objects.filter(campaign=band.campaign).order_by("position")))
    _logged(user=user, campaign=band.campaign, action="band.deleted", data=data, reason=reason, before=before)


@transaction.atomic
def event_kind_save(*, user, kind, reason=""):
    """Save a listed event; changing what it does moves the band of the units it is recorded for."""
    started = _changing(kind.campaign, reason)
    is_new = kind.pk is None
    # A new event is recorded for nobody yet: no band moves.
    before = bands_before(kind.campaign, started and not is_new)
    kind.full_clean()
    kind.save()
    _logged(
        user=user,
        campaign=kind.campaign,
        action="event_kind.created" if is_new else "event_kind.changed",
        data={"event": kind.name, "effect": kind.effect, "band": kind.band.name},
        reason=reason,
        before=before,
    )
    return kind


@transaction.atomic
def event_kind_delete(*, user, kind, reason=""):
    _changing(kind.campaign, reason)
    if UnitEvent.objects.filter(kind=kind).exists():
        raise ValidationError(_("This event is recorded for a unit; remove those records first."))
    data = {"event": kind.name}
    kind.delete()
    _logged(user=user, campaign=kind.campaign, action="event_kind.deleted", data=data, reason=reason)


@transaction.atomic
def unit_event_record(*, user, event):
    """Record a listed event for a unit: its band follows at once on the live ranking. Its grounds (the decision and
    its date, always asked) stand as the reason of the change once units have scored."""
    event.recorded_by = user
    event.full_clean(exclude=["recorded_by"])
    campaign = event.kind.campaign
    before = bands_before(campaign, _changing(campaign, event.note))
    event.save()
    _logged(
        user=user,
        campaign=campaign,
        action="unit_event.recorded",
        data={"unit_name": event.unit.name, "event": event.kind.name, "note": event.note},
        reason=event.note,
        before=before,
    )
    return event


@transaction.atomic
def unit_event_remove(*, user, event, reason):
    if not reason.strip():
        raise ValidationError(_("Give the reason for removing the event."))
    campaign = event.kind.campaign
    before = bands_before(campaign, _changing(campaign, reason))
    data = {"unit_name": event.unit.name, "event": event.kind.name}
    event.delete()
    _logged(user=user, campaign=campaign, action="unit_event.removed", data=data, reason=reason, before=before)


def check_tie_rule(rule, ordered, *, lines):
    """Refuse a rule the cascade cannot apply: a criterion rule without a line of the table, a figure rule without a
    line the units report a figure on, a rule after the vote, a rule twice. `lines` maps the ids of the table's lines
    to them (the lines of a file being imported, numbered, before they are saved); `ordered` is the cascade with the
    rule in its place."""
    if rule.kind == TieRule.Kind.CRITERION and rule.criterion_id not in lines:
        raise ValidationError({"criterion": _("Choose a criterion of this scoring table.")})
    if rule.kind in TieRule.FIGURE_KINDS:
        line_id = int(rule.figure) if rule.figure.isdigit() else None
        if line_id not in lines or not lines[line_id].needs_figure:
            raise ValidationError({"figure": _("Choose a figure the units report in this campaign.")})
        # The line the figure is reported on, held like a criterion rule's: not deleted or replaced under the rule.
        rule.criterion_id = line_id
    else:
        rule.figure = ""
        if rule.kind != TieRule.Kind.CRITERION:
            rule.criterion = None
    if any(other.kind == TieRule.Kind.VOTE for other in ordered[:-1]):
        raise ValidationError({"kind": _("The vote decides last: no rule can come after it.")})
    kinds = [(other.kind, other.criterion_id, other.figure) for other in ordered]
    if len(set(kinds)) != len(kinds):
        raise ValidationError({"kind": _("This rule is in the cascade already.")})


def _tie_data(rule):
    return {"position": rule.position, "rule": str(rule)}


@transaction.atomic
def tie_rule_save(*, user, rule, position, reason=""):
    """Save a tie rule at `position` in the cascade (empty: last); the vote, if any, stays last. A tie rule moves
    ranks, never a band: nobody is told, the ranking shows the new order."""
    _changing(rule.campaign, reason)
    is_new = rule.pk is None
    siblings = list(TieRule.objects.filter(campaign=rule.campaign).order_by("position"))
    ordered = _placed(rule, position, siblings)
    check_tie_rule(rule, ordered, lines={line.pk: line for line in Criterion.objects.filter(campaign=rule.campaign)})
    rule.full_clean(exclude=["position"])
    _save_in_order(TieRule, rule, ordered, siblings)
    action = "tie_rule.created" if is_new else "tie_rule.changed"
    _logged(user=user, campaign=rule.campaign, action=action, data=_tie_data(rule), reason=reason)
    return rule


@transaction.atomic
def tie_rule_delete(*, user, rule, reason=""):
    _changing(rule.campaign, reason)
    data = _tie_data(rule)
    rule.delete()
    _renumber(TieRule, list(TieRule.objects.filter(campaign=rule.campaign).order_by("position")))
    _logged(user=user, campaign=rule.campaign, action="tie_rule.deleted", data=data, reason=reason)


# What next year's copy carries of each.
BAND_FIELDS = ("position", "name", "min_total", "no_criterion_at_zero", "no_part_under_half")
EVENT_KIND_FIELDS = ("name", "effect")
TIE_RULE_FIELDS = ("position", "kind", "figure")


def classification_copy(*, source, target, criteria):
    """Carry the bands, the listed events and the tie rules into next year's campaign; `criteria` maps the source's
    criterion ids to the copies. Events recorded for units stay with their year."""
    bands = {band.pk: copied(band, BAND_FIELDS, campaign=target) for band in Band.objects.filter(campaign=source)}
    Band.objects.bulk_create(bands.values())
    EventKind.objects.bulk_create(
        copied(kind, EVENT_KIND_FIELDS, campaign=target, band=bands[kind.band_id])
        for kind in EventKind.objects.filter(campaign=source)
    )
    TieRule.objects.bulk_create(
        _copied_rule(rule, target, criteria) for rule in TieRule.objects.filter(campaign=source)
    )


def _copied_rule(rule, target, criteria):
    """A figure rule's key is its line's id: the copy names the copied line."""
    criterion = criteria.get(rule.criterion_id)
    copy = copied(rule, TIE_RULE_FIELDS, campaign=target, criterion=criterion)
    if rule.kind in TieRule.FIGURE_KINDS and criterion is not None:
        copy.figure = str(criterion.pk)
    return copy
