"""Reads about the organisation, and the one access function per organisational object.

Whom a user acts for is worked out once per request (`viewer_for`); views go
through `unit_get_for_user` or `bloc_get_for_user`, which answer 404 for
anything outside the user's reach, so a typed URL never reveals another
unit's objects.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404

from organisation.models import Bloc, BlocMembership, RoleAssignment, Unit

Role = RoleAssignment.Role


@dataclass(frozen=True)
class Viewer:
    """The units, bloc-years and councils a user acts for."""

    is_admin: bool = False
    clerk_unit_ids: frozenset = frozenset()
    leader_unit_ids: frozenset = frozenset()
    # Own units and all their sub-units: what a clerk or leader may read.
    own_unit_ids: frozenset = frozenset()
    # (bloc_id, year) pairs the user's units lead or vice-lead.
    led_bloc_years: frozenset = frozenset()
    council_ids: frozenset = frozenset()
    secretary_council_ids: frozenset = frozenset()
    roles: tuple = field(default=())

    @property
    def is_clerk(self):
        return bool(self.clerk_unit_ids)

    @property
    def is_bloc_leader(self):
        return bool(self.led_bloc_years)

    @property
    def is_council(self):
        return bool(self.council_ids)

    @property
    def led_bloc_ids(self):
        return frozenset(bloc_id for bloc_id, _year in self.led_bloc_years)


def units_with_descendants(*, unit_ids):
    """The units and every unit below them (hierarchies are a few levels deep)."""
    found = set(unit_ids)
    frontier = set(unit_ids)
    while frontier:
        frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= frontier
    return frozenset(found)


def subtrees(*, unit_ids):
    """{unit id: the unit and every unit below it}, for many units in one query."""
    children = {}
    for unit_id, parent_id in Unit.objects.filter(parent__isnull=False).values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(unit_id)
    trees = {}
    for root in unit_ids:
        tree, frontier = {root}, [root]
        while frontier:
            frontier = [child for parent in frontier for child in children.get(parent, ()) if child not in tree]
            tree.update(frontier)
        trees[root] = tree
    return trees


def viewer_for(user):
    """Work out, once per request, what the user acts for."""
    cached = getattr(user, "_thidua_viewer", None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        return Viewer()
    assignments = list(RoleAssignment.objects.filter(user=user).values_list("role", "unit_id", "council_id"))
    clerk_units = frozenset(unit for role, unit, _c in assignments if role == Role.UNIT_CLERK)
    leader_units = frozenset(unit for role, unit, _c in assignments if role == Role.BLOC_LEADER)
    councils = frozenset(c for role, _u, c in assignments if role in RoleAssignment.COUNCIL_ROLES)
    secretary_of = frozenset(c for role, _u, c in assignments if role == Role.COUNCIL_SECRETARY)
    led = frozenset(
        BlocMembership.objects.filter(
            unit_id__in=leader_units,
            role__in=[BlocMembership.Role.LEADER, BlocMembership.Role.VICE_LEADER],
        ).values_list("bloc_id", "year")
    )
    viewer = Viewer(
        is_admin=user.is_superuser,
        clerk_unit_ids=clerk_units,
        leader_unit_ids=leader_units,
        own_unit_ids=units_with_descendants(unit_ids=clerk_units | leader_units),
        led_bloc_years=led,
        council_ids=councils,
        secretary_council_ids=secretary_of,
        roles=tuple(sorted({role for role, _u, _c in assignments})),
    )
    user._thidua_viewer = viewer
    return viewer


def _bloc_year_q(pairs, prefix=""):
    query = Q(pk__in=[])
    for bloc_id, year in pairs:
        query |= Q(**{f"{prefix}bloc_id": bloc_id, f"{prefix}year": year})
    return query


def units_visible_to(user):
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Unit.objects.all()
    led_members = BlocMembership.objects.filter(_bloc_year_q(viewer.led_bloc_years)).values("unit_id")
    council_units = Unit.objects.filter(
        Q(councils__id__in=viewer.council_ids) | Q(bloc_memberships__bloc__council_id__in=viewer.council_ids)
    ).values("id")
    return Unit.objects.filter(
        Q(id__in=viewer.own_unit_ids)
        | Q(id__in=led_members)
        | Q(id__in=council_units)
        | Q(parent_id__in=Unit.objects.filter(councils__id__in=viewer.council_ids).values("id"))
    )


def unit_get_for_user(*, user, unit_id):
    try:
        return units_visible_to(user).get(pk=unit_id)
    except Unit.DoesNotExist:
        raise Http404 from None


def blocs_visible_to(user):
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Bloc.objects.all()
    member_of = BlocMembership.objects.filter(unit_id__in=viewer.own_unit_ids).values("bloc_id")
    return Bloc.objects.filter(
        Q(id__in=member_of)
        | Q(id__in=viewer.led_bloc_ids)
        | Q(council_id__in=viewer.council_ids)
        | Q(organizer_id__in=viewer.own_unit_ids)
    )


def bloc_get_for_user(*, user, bloc_id):
    try:
        return blocs_visible_to(user).get(pk=bloc_id)
    except Bloc.DoesNotExist:
        raise Http404 from None


def bloc_can_manage(*, user, bloc):
    """Membership of a bloc is set by its council's secretary (or an administrator)."""
    viewer = viewer_for(user)
    return viewer.is_admin or (bloc.council_id is not None and bloc.council_id in viewer.secretary_council_ids)


def bloc_year_members(*, bloc, year):
    return BlocMembership.objects.filter(bloc=bloc, year=year).select_related("unit").order_by("unit__sort_name")


def bloc_years(*, bloc):
    return list(BlocMembership.objects.filter(bloc=bloc).order_by("-year").values_list("year", flat=True).distinct())


def unit_can_manage(*, user, unit):
    """A unit's own clerk or leader (or one of its parent unit's) keeps its staff list."""
    viewer = viewer_for(user)
    return viewer.is_admin or unit.pk in viewer.own_unit_ids


def unit_tree(*, unit):
    """The unit and all its sub-units, the unit first."""
    ids = units_with_descendants(unit_ids={unit.pk})
    return [unit] + list(Unit.objects.filter(id__in=ids - {unit.pk}).order_by("sort_name"))
