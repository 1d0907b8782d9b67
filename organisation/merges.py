"""Merging units, as the two-level local government re-draws the trees: two communes into one, a district's units
into the province's, two provinces' trees into one.

The merged units end (they leave every list of choices) and keep their name,
history and awards; their staff, sub-units, bloc memberships from the merger's
year on, and roles move to the unit they merge into, and later apps move
what is theirs through the `unit_merged` signal (open registrations). The
whole merger is refused, with nothing changed, when it would put a unit under
itself or leave a bloc with two members of the same unit.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activity.services import log_action
from organisation.models import BlocMembership, Person, RoleAssignment, Unit, UnitMerge
from organisation.selectors import units_with_descendants
from organisation.signals import unit_merged


def _refuse_loops(*, units, into):
    for unit in units:
        if unit.pk == into.pk:
            raise ValidationError({"units": _("A unit cannot be merged into itself.")})
        if into.pk in units_with_descendants(unit_ids={unit.pk}):
            raise ValidationError(
                {
                    "into": _("%(into)s lies under %(unit)s: a unit cannot merge into its own sub-unit.")
                    % {"into": into.name, "unit": unit.name}
                }
            )
        if not unit.is_active:
            raise ValidationError({"units": _("%(unit)s has ended already.") % {"unit": unit.name}})
    if not into.is_active:
        raise ValidationError({"into": _("%(unit)s has ended: choose the unit of today.") % {"unit": into.name}})


def _refuse_bloc_doubles(*, units, into, year):
    """A bloc may not end up with the same unit twice in a year, nor a unit in two blocs the same year."""
    merging = [unit.pk for unit in units] + [into.pk]
    seen = {}
    for membership in BlocMembership.objects.filter(unit_id__in=merging, year__gte=year).select_related("bloc", "unit"):
        other = seen.setdefault(membership.year, membership)
        if other is not membership:
            raise ValidationError(
                {
                    "units": _(
                        "In %(year)s %(first)s (%(first_bloc)s) and %(second)s (%(second_bloc)s) are both in a bloc: "
                        "merged, %(into)s would sit in a bloc twice. Re-draw that year's blocs first, then merge."
                    )
                    % {
                        "year": membership.year,
                        "first": other.unit.name,
                        "first_bloc": other.bloc.name,
                        "second": membership.unit.name,
                        "second_bloc": membership.bloc.name,
                        "into": into.name,
                    }
                }
            )


def refuse(*, units, into, year):
    """The refusals of a merger, checked before anything moves (also by the Excel tree import's whole-file check)."""
    _refuse_loops(units=units, into=into)
    _refuse_bloc_doubles(units=units, into=into, year=year)


@transaction.atomic
def units_merge(*, user, units, into, merged_on, reason):
    """Merge `units` into `into` on `merged_on`; returns the report of what moved (also kept on each merger)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the units merge (the decision that merges them).")})
    if not units:
        raise ValidationError({"units": _("Choose the units that merge.")})
    locked = list(Unit.objects.select_for_update().filter(pk__in=[unit.pk for unit in units] + [into.pk]))
    fresh = {unit.pk: unit for unit in locked}
    units, into = [fresh[unit.pk] for unit in units], fresh[into.pk]
    refuse(units=units, into=into, year=merged_on.year)
    ids = [unit.pk for unit in units]
    report = {
        "units": [unit.name for unit in units],
        "into": into.name,
        "staff": Person.objects.filter(unit_id__in=ids).count(),
        "sub_units": list(Unit.objects.filter(parent_id__in=ids).order_by("sort_name").values_list("name", flat=True)),
        "blocs": [
            f"{bloc} {year}"
            for bloc, year in BlocMembership.objects.filter(unit_id__in=ids, year__gte=merged_on.year)
            .order_by("year", "bloc__sort_name")
            .values_list("bloc__name", "year")
        ],
        "roles": 0,
        "registrations": [],
        "kept": [],
    }
    Person.objects.filter(unit_id__in=ids).update(unit=into)
    for child in Unit.objects.filter(parent_id__in=ids):
        child.parent = into
        child.save(update_fields=["parent"])
    BlocMembership.objects.filter(unit_id__in=ids, year__gte=merged_on.year).update(unit=into)
    for role in RoleAssignment.objects.filter(unit_id__in=ids):
        _held, created = RoleAssignment.objects.get_or_create(user_id=role.user_id, role=role.role, unit=into)
        report["roles"] += int(created)
    RoleAssignment.objects.filter(unit_id__in=ids).delete()
    # Later apps move what is theirs (open registrations) and say so in the report.
    unit_merged.send(sender=Unit, units=units, into=into, merged_on=merged_on, report=report)
    UnitMerge.objects.filter(belongs_to_id__in=ids).update(belongs_to=into)
    for unit in units:
        if unit.parent_id is None:
            # A whole tree merging (two provinces into one): its top goes under the unit of today, so that the
            # office keeping that tree keeps its history too.
            unit.parent = into
        UnitMerge.objects.create(
            unit=unit,
            into=into,
            belongs_to=into,
            merged_on=merged_on,
            reason=reason[:2000],
            moved=report,
            created_by=user,
        )
        unit.is_active = False
        unit.save(update_fields=["is_active", "parent"])
        log_action(obj=unit, action="unit.merged", user=user, data={"into": into.name, "reason": reason[:500]})
    log_action(obj=into, action="unit.absorbed", user=user, data=report | {"reason": reason[:500]})
    return report
