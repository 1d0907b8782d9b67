"""Writes about the organisation. Each one checks state under a lock and logs who did what, in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.services import log_action
from organisation.models import Bloc, BlocMembership, Person, StaffImport
from organisation.staff_excel import parse_staff_file
from thidua.text import fold


@transaction.atomic
def bloc_membership_set(*, user, bloc, year, unit, role):
    """Put a unit in the bloc for the year with the given role.

    A unit already in another bloc that year is refused; giving the leader or
    vice-leader role to a unit when another holds it is refused too, so the
    change of leader is explicit.
    """
    Bloc.objects.select_for_update().get(pk=bloc.pk)
    elsewhere = BlocMembership.objects.filter(unit=unit, year=year).exclude(bloc=bloc).select_related("bloc").first()
    if elsewhere:
        raise ValidationError(
            {
                "unit": _("%(unit)s is already in %(bloc)s in %(year)s.")
                % {"unit": unit, "bloc": elsewhere.bloc, "year": year}
            }
        )
    if role != BlocMembership.Role.MEMBER:
        holder = (
            BlocMembership.objects.filter(bloc=bloc, year=year, role=role)
            .exclude(unit=unit)
            .select_related("unit")
            .first()
        )
        if holder:
            raise ValidationError(
                {
                    "role": _("%(unit)s already holds this role in %(year)s; make it a member first.")
                    % {"unit": holder.unit, "year": year}
                }
            )
    membership, created = BlocMembership.objects.update_or_create(
        bloc=bloc, year=year, unit=unit, defaults={"role": role}
    )
    log_action(
        obj=bloc,
        action="bloc.member_set",
        user=user,
        data={"unit": unit.pk, "unit_name": unit.name, "year": year, "role": role, "created": created},
    )
    return membership


@transaction.atomic
def bloc_membership_remove(*, user, membership):
    Bloc.objects.select_for_update().get(pk=membership.bloc_id)
    data = {"unit": membership.unit_id, "unit_name": membership.unit.name, "year": membership.year}
    membership.delete()
    log_action(obj=membership.bloc, action="bloc.member_removed", user=user, data=data)


def staff_import_prepare(*, user, unit, units, file_name, data):
    """Check an uploaded staff list; keep it for confirmation when it is clean.

    Returns (staff_import or None, parsed list with its errors).
    """
    parsed = parse_staff_file(data=data, units=units)
    if not parsed.ok:
        return None, parsed
    staff_import = StaffImport.objects.create(unit=unit, file_name=file_name[:255], rows=parsed.rows, uploaded_by=user)
    return staff_import, parsed


@transaction.atomic
def staff_import_apply(*, user, staff_import):
    """Import a checked list once: add new people, update those already listed.

    People are matched by name and date of birth within the unit and its
    sub-units; nobody is removed. A second confirmation does nothing.
    """
    claimed = StaffImport.objects.filter(pk=staff_import.pk, status=StaffImport.Status.PENDING).update(
        status=StaffImport.Status.APPLIED, applied_at=timezone.now()
    )
    if not claimed:
        return None
    unit_ids = {row["unit_id"] for row in staff_import.rows}
    existing = {
        (person.search_name, person.birth_date.isoformat() if person.birth_date else None): person
        for person in Person.objects.select_for_update().filter(unit_id__in=unit_ids | {staff_import.unit_id})
    }
    created = updated = 0
    for row in staff_import.rows:
        person = existing.get((fold(row["full_name"]), row["birth_date"]))
        if person is None:
            person = Person(full_name=row["full_name"])
            created += 1
        else:
            updated += 1
        person.unit_id = row["unit_id"]
        person.gender = row["gender"]
        person.birth_date = row["birth_date"]
        person.position = row["position"]
        person.is_active = True
        person.full_clean()
        person.save()
    counts = {"created": created, "updated": updated, "file": staff_import.file_name}
    log_action(obj=staff_import.unit, action="staff.imported", user=user, data=counts)
    return counts
