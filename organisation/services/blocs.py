"""Writes about blocs: their members for a year, with the leader and vice-leader, and next year's bloc."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activity.services import log_action
from organisation.models import Bloc, BlocMembership
from organisation.selectors import units_of_today


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
def bloc_members_add(*, user, bloc, year, units, leader=None, vice_leader=None):
    """Several units into the bloc for the year in one step, with its leader and vice-leader; all or none.

    A unit already in the bloc keeps its role unless it is named leader or
    vice-leader here; each membership is set (and logged) as one at a time is.
    """
    current = dict(BlocMembership.objects.filter(bloc=bloc, year=year).values_list("unit_id", "role"))
    roles = {unit: BlocMembership.Role.MEMBER for unit in units if unit.pk not in current}
    if leader is not None:
        roles[leader] = BlocMembership.Role.LEADER
    if vice_leader is not None:
        roles[vice_leader] = BlocMembership.Role.VICE_LEADER
    # A member first, the leader and vice after: a refusal names the unit it is about.
    for unit, role in sorted(roles.items(), key=lambda item: item[1] != BlocMembership.Role.MEMBER):
        try:
            bloc_membership_set(user=user, bloc=bloc, year=year, unit=unit, role=role)
        except ValidationError as error:
            raise ValidationError(
                [f"{unit.name}: {message}" for messages in error.message_dict.values() for message in messages]
                if hasattr(error, "error_dict")
                else [f"{unit.name}: {message}" for message in error.messages]
            ) from error
    return list(roles)


@transaction.atomic
def bloc_membership_remove(*, user, membership):
    Bloc.objects.select_for_update().get(pk=membership.bloc_id)
    data = {"unit": membership.unit_id, "unit_name": membership.unit.name, "year": membership.year}
    membership.delete()
    log_action(obj=membership.bloc, action="bloc.member_removed", user=user, data=data)


@transaction.atomic
def bloc_save(*, user, bloc):
    is_new = bloc.pk is None
    if not is_new:
        Bloc.objects.select_for_update().get(pk=bloc.pk)
    bloc.full_clean()
    bloc.save()
    log_action(obj=bloc, action="bloc.created" if is_new else "bloc.changed", user=user, data={"name": bloc.name})
    return bloc


@transaction.atomic
def bloc_create(*, user, bloc, year, units=(), leader=None, vice_leader=None):
    """A new bloc with its members for the year, its leader and vice-leader, in one step: all or none."""
    bloc_save(user=user, bloc=bloc)
    if units or leader or vice_leader:
        bloc_members_add(user=user, bloc=bloc, year=year, units=units, leader=leader, vice_leader=vice_leader)
    return bloc


@transaction.atomic
def bloc_year_copy(*, user, bloc, from_year, to_year, leader, vice_leader):
    """Carry the bloc's members into another year, with that year's leader and vice-leader.

    Members that merged since come as the unit they merged into (once), and
    ended ones are left out, so next year's bloc follows the re-drawn tree.
    Refused when the bloc already has members that year, or when a member has
    joined another bloc that year; the leader and vice-leader must be two
    different members.
    """
    Bloc.objects.select_for_update().get(pk=bloc.pk)
    members = list(BlocMembership.objects.filter(bloc=bloc, year=from_year).values_list("unit_id", flat=True))
    if not members:
        raise ValidationError(_("The bloc has no members in %(year)s.") % {"year": from_year})
    if BlocMembership.objects.filter(bloc=bloc, year=to_year).exists():
        raise ValidationError(
            _("The bloc already has members in %(year)s; change them on its page.") % {"year": to_year}
        )
    today = units_of_today(unit_ids=set(members))
    unit_ids = sorted({unit_id for unit_id in today.values() if unit_id})
    if leader.pk not in unit_ids or (vice_leader is not None and vice_leader.pk not in unit_ids):
        raise ValidationError(_("The leader and vice-leader are chosen among the bloc's members."))
    if vice_leader is not None and vice_leader.pk == leader.pk:
        raise ValidationError(_("The leader and the vice-leader are two different units."))
    elsewhere = (
        BlocMembership.objects.filter(unit_id__in=unit_ids, year=to_year).exclude(bloc=bloc).select_related("unit")
    )
    if elsewhere:
        raise ValidationError(
            _("Already in another bloc in %(year)s: %(units)s.")
            % {"year": to_year, "units": ", ".join(member.unit.name for member in elsewhere)}
        )
    for unit_id in unit_ids:
        role = BlocMembership.Role.MEMBER
        if unit_id == leader.pk:
            role = BlocMembership.Role.LEADER
        elif vice_leader is not None and unit_id == vice_leader.pk:
            role = BlocMembership.Role.VICE_LEADER
        BlocMembership.objects.create(bloc=bloc, unit_id=unit_id, year=to_year, role=role)
    log_action(
        obj=bloc,
        action="bloc.year_copied",
        user=user,
        data={
            "from": from_year,
            "to": to_year,
            "members": len(unit_ids),
            "leader": leader.name,
            "vice_leader": vice_leader.name if vice_leader else "",
            "merged_or_ended": sorted(str(unit_id) for unit_id, now in today.items() if now != unit_id),
        },
    )
