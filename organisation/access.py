"""Who may see and change what in the organisation: one object per user and request.

`viewer_for(user)` works out once per request what the user acts for: the
units they are clerk of, the trees their emulation offices keep, the blocs
their units lead that year (from the membership alone), and their council
seats. Every view asks it; the `*_get_for_user` functions answer 404 for
anything outside the user's reach, so a typed URL never reveals another
province's objects.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404

from core.access import Scope
from organisation.models import Bloc, BlocMembership, Council, CouncilMember, RoleAssignment, Unit
from organisation.selectors import units_with_descendants

Role = RoleAssignment.Role
LEADING_ROLES = (BlocMembership.Role.LEADER, BlocMembership.Role.VICE_LEADER)


@dataclass(frozen=True)
class Viewer:
    """The units, offices, bloc-years and council seats of one user."""

    # the user it was worked out for (not part of what it says)
    user: object = field(default=None, compare=False, repr=False)
    is_admin: bool = False
    # Units the user is clerk of, and the same with all their sub-units.
    clerk_unit_ids: frozenset = frozenset()
    own_unit_ids: frozenset = frozenset()
    # Roots of the trees the user's emulation office keeps, and every unit in them.
    office_root_ids: frozenset = frozenset()
    office_unit_ids: frozenset = frozenset()
    # (bloc id, year) pairs that the user's units lead or vice-lead, and those they lead.
    led_bloc_years: frozenset = frozenset()
    leader_bloc_years: frozenset = frozenset()
    council_ids: frozenset = frozenset()
    secretary_council_ids: frozenset = frozenset()

    @property
    def is_office(self):
        return bool(self.office_root_ids)

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

    @property
    def keeps_organisation(self):
        """Administrators and emulation offices keep units, blocs, councils and accounts."""
        return self.is_admin or self.is_office

    def keeps_unit(self, unit_id):
        return self.is_admin or unit_id in self.office_unit_ids

    def keeps_bloc(self, bloc):
        return self.is_admin or (bloc.organizer_id is not None and bloc.organizer_id in self.office_unit_ids)

    def keeps_council(self, council):
        return self.is_admin or council.unit_id in self.office_unit_ids

    def keeps_staff_of(self, unit_id):
        """A unit's own clerks (or its parent's) and its office keep its staff list."""
        return self.keeps_unit(unit_id) or unit_id in self.own_unit_ids

    def invites_for(self, unit_id):
        """The office invites for any unit of its tree; a unit's clerk for their own unit only."""
        return self.keeps_unit(unit_id) or unit_id in self.clerk_unit_ids


def viewer_for(user):
    """Work out, once per request, what the user acts for."""
    cached = getattr(user, "_thidua_viewer", None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        return Viewer(user=user)
    roles = list(RoleAssignment.objects.filter(user=user).values_list("role", "unit_id"))
    clerk_units = frozenset(unit for role, unit in roles if role == Role.UNIT_CLERK)
    office_roots = frozenset(unit for role, unit in roles if role == Role.OFFICE)
    seats = list(CouncilMember.objects.filter(user=user).values_list("council_id", "position"))
    leading = list(
        BlocMembership.objects.filter(unit_id__in=clerk_units, role__in=LEADING_ROLES).values_list(
            "bloc_id", "year", "role"
        )
    )
    viewer = Viewer(
        user=user,
        is_admin=user.is_superuser,
        clerk_unit_ids=clerk_units,
        own_unit_ids=units_with_descendants(unit_ids=clerk_units),
        office_root_ids=office_roots,
        office_unit_ids=units_with_descendants(unit_ids=office_roots),
        led_bloc_years=frozenset((bloc, year) for bloc, year, _role in leading),
        leader_bloc_years=frozenset((bloc, year) for bloc, year, role in leading if role == BlocMembership.Role.LEADER),
        council_ids=frozenset(council for council, _position in seats),
        secretary_council_ids=frozenset(
            council for council, position in seats if position == CouncilMember.Position.SECRETARY
        ),
    )
    user._thidua_viewer = viewer
    return viewer


def bloc_year_q(pairs, prefix=""):
    query = Q(pk__in=[])
    for bloc_id, year in pairs:
        query |= Q(**{f"{prefix}bloc_id": bloc_id, f"{prefix}year": year})
    return query


def units_visible_to(user):
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Unit.objects.all()
    # The leader compiles its members, so it reads their pages; a vice-leader does not.
    led_members = BlocMembership.objects.filter(bloc_year_q(viewer.leader_bloc_years)).values("unit_id")
    council_units = Unit.objects.filter(
        Q(councils__id__in=viewer.council_ids) | Q(bloc_memberships__bloc__council_id__in=viewer.council_ids)
    ).values("id")
    return Unit.objects.filter(
        Q(id__in=viewer.own_unit_ids | viewer.office_unit_ids)
        | Q(id__in=led_members)
        | Q(id__in=council_units)
        | Q(parent_id__in=Unit.objects.filter(councils__id__in=viewer.council_ids).values("id"))
    )


def units_kept_by(user):
    """The units whose records the user may change: an office's tree, everything for an administrator."""
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Unit.objects.all()
    return Unit.objects.filter(id__in=viewer.office_unit_ids)


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
        | Q(organizer_id__in=viewer.own_unit_ids | viewer.office_unit_ids)
    )


def blocs_kept_by(user):
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Bloc.objects.all()
    return Bloc.objects.filter(organizer_id__in=viewer.office_unit_ids)


def bloc_get_for_user(*, user, bloc_id):
    try:
        return blocs_visible_to(user).get(pk=bloc_id)
    except Bloc.DoesNotExist:
        raise Http404 from None


def councils_visible_to(user):
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Council.objects.all()
    return Council.objects.filter(Q(id__in=viewer.council_ids) | Q(unit_id__in=viewer.office_unit_ids))


def councils_kept_by(user):
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Council.objects.all()
    return Council.objects.filter(unit_id__in=viewer.office_unit_ids)


def council_get_for_user(*, user, council_id):
    try:
        return councils_visible_to(user).select_related("unit").get(pk=council_id)
    except Council.DoesNotExist:
        raise Http404 from None


def accounts_visible_to(user):
    """The accounts of the units the user invites for and of the councils their office keeps."""
    viewer = viewer_for(user)
    users = get_user_model().objects.filter(is_superuser=False)
    if viewer.is_admin:
        return users
    unit_ids = viewer.office_unit_ids | viewer.clerk_unit_ids
    return users.filter(
        Q(roles__unit_id__in=unit_ids) | Q(council_seats__council__unit_id__in=viewer.office_unit_ids)
    ).distinct()


def account_get_for_user(*, user, account_id):
    try:
        return accounts_visible_to(user).get(pk=account_id)
    except get_user_model().DoesNotExist:
        raise Http404 from None


def account_may_change(*, user, account):
    """Deactivating an account takes the right over every role and seat it holds, and never one's own."""
    viewer = viewer_for(user)
    if account.pk == user.pk:
        return False
    if viewer.is_admin:
        return True
    # Through the relations, so that a list that prefetched them (the accounts page) asks nothing per row.
    roles = [(role.role, role.unit_id) for role in account.roles.all()]
    council_units = [seat.council.unit_id for seat in account.council_seats.all()]
    return all(
        viewer.keeps_unit(unit) if role == Role.OFFICE else viewer.invites_for(unit) for role, unit in roles
    ) and all(viewer.keeps_unit(unit) for unit in council_units)


def invitable_units(user):
    """The units a user may invite people for: the office's tree, a clerk's own units."""
    viewer = viewer_for(user)
    units = Unit.objects.filter(is_active=True).order_by("sort_name")
    if viewer.is_admin:
        return units
    return units.filter(id__in=viewer.office_unit_ids | viewer.clerk_unit_ids)


def role_giver(user):
    """Whether the user may give `role` for `unit`: the office role only within its tree."""
    viewer = viewer_for(user)

    def may_give(role, unit):
        if role == RoleAssignment.Role.OFFICE:
            return viewer.keeps_unit(unit.pk)
        return viewer.invites_for(unit.pk)

    return may_give


def invite_roles(user):
    """The roles a user may give: a clerk invites clerks; the office also other office staff."""
    viewer = viewer_for(user)
    roles = [RoleAssignment.Role.UNIT_CLERK]
    if viewer.keeps_organisation:
        roles.append(RoleAssignment.Role.OFFICE)
    return roles


def accounts_import_unit(user):
    """The unit an accounts import is filed under: the inviter's office root or their own unit (None: nobody)."""
    viewer = viewer_for(user)
    unit_id = min(viewer.office_root_ids or viewer.clerk_unit_ids or {0})
    return Unit.objects.filter(pk=unit_id).first() or invitable_units(user).first()


def office_roots(user):
    """The tops of the trees the user's emulation office keeps."""
    return Unit.objects.filter(id__in=viewer_for(user).office_root_ids).order_by("sort_name")


def _viewer(request, subject):
    return viewer_for(request.user)


def _resolved(get, name):
    return lambda request, object_id: get(user=request.user, **{f"{name}_id": object_id})


def organisation_scopes():
    """The office's pages as a whole, and a unit, bloc, council or account reached by its id."""
    return {
        "office": Scope(
            grant=_viewer,
            verbs={
                "keep": lambda viewer, _obj: viewer.keeps_organisation,
                "invite": lambda viewer, _obj: viewer.keeps_organisation or viewer.is_clerk,
                "import_accounts": lambda viewer, _obj: accounts_import_unit(viewer.user) is not None,
                # (role, unit): the office role only within the office's tree
                "give_role": lambda viewer, given: role_giver(viewer.user)(*given),
            },
        ),
        "unit": Scope(
            url_kwarg="unit_id",
            resolve=_resolved(unit_get_for_user, "unit"),
            grant=_viewer,
            verbs={
                "see": lambda viewer, unit: True,
                "manage_staff": lambda viewer, unit: viewer.keeps_staff_of(unit.pk),
                "manage": lambda viewer, unit: viewer.keeps_unit(unit.pk),
                "invite_for": lambda viewer, unit: viewer.invites_for(unit.pk),
                "see_parent": lambda viewer, unit: unit.parent_id is not None
                and units_visible_to(viewer.user).filter(pk=unit.parent_id).exists(),
            },
        ),
        "bloc": Scope(
            url_kwarg="bloc_id",
            resolve=_resolved(bloc_get_for_user, "bloc"),
            grant=_viewer,
            verbs={"see": lambda viewer, bloc: True, "manage": lambda viewer, bloc: viewer.keeps_bloc(bloc)},
        ),
        "council": Scope(
            url_kwarg="council_id",
            resolve=_resolved(council_get_for_user, "council"),
            grant=_viewer,
            verbs={
                "see": lambda viewer, council: True,
                "manage": lambda viewer, council: viewer.keeps_council(council),
            },
        ),
        "account": Scope(
            url_kwarg="account_id",
            resolve=_resolved(account_get_for_user, "account"),
            grant=_viewer,
            verbs={"change": lambda viewer, account: account_may_change(user=viewer.user, account=account)},
        ),
    }
