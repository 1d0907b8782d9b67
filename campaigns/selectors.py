"""Reads, and the one access function per domain object.

Whom a user acts for is worked out once per request (`viewer_for`); every
view then goes through `unit_get_for_user`, `bloc_get_for_user` or
`campaign_get_for_user`, which answer 404 for anything outside the user's
reach, so a typed URL never reveals another unit's objects.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.http import Http404

from campaigns.models import (
    Bloc,
    BlocMembership,
    Campaign,
    Council,
    Milestone,
    RoleAssignment,
    Unit,
)
from thidua.text import fold

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


def campaigns_of_unit_q(*, unit_ids):
    """Campaigns a unit takes part in: issued by it, or it competes as a sub-unit or bloc member."""
    return (
        Q(issuer_id__in=unit_ids)
        | Q(covers_sub_units=True, issuer__children__id__in=unit_ids)
        | Q(blocs__memberships__unit_id__in=unit_ids, blocs__memberships__year=F("year"))
    )


def campaigns_visible_to(user):
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Campaign.objects.all()
    led = Q(pk__in=[])
    for bloc_id, year in viewer.led_bloc_years:
        led |= Q(blocs__id=bloc_id, year=year) | Q(issuing_bloc_id=bloc_id, year=year)
    ids = Campaign.objects.filter(
        campaigns_of_unit_q(unit_ids=viewer.own_unit_ids)
        | led
        | Q(council_id__in=viewer.council_ids)
        | Q(blocs__council_id__in=viewer.council_ids)
    ).values("id")
    return Campaign.objects.filter(id__in=ids)


def campaign_get_for_user(*, user, campaign_id):
    try:
        return campaigns_visible_to(user).select_related("issuer", "issuing_bloc", "council").get(pk=campaign_id)
    except Campaign.DoesNotExist:
        raise Http404 from None


def campaign_can_manage(*, user, campaign):
    """The issuer's clerk or leader, the leader of the issuing bloc, or the council's secretary."""
    viewer = viewer_for(user)
    return (
        viewer.is_admin
        or campaign.issuer_id in viewer.clerk_unit_ids | viewer.leader_unit_ids
        or (campaign.issuing_bloc_id, campaign.year) in viewer.led_bloc_years
        or (campaign.council_id is not None and campaign.council_id in viewer.secretary_council_ids)
    )


def campaign_list(*, user, query="", year=None):
    campaigns = campaigns_visible_to(user).select_related("issuer", "issuing_bloc")
    if query:
        campaigns = campaigns.filter(search_name__contains=fold(query))
    if year:
        campaigns = campaigns.filter(year=year)
    return campaigns.order_by("-year", "sort_name")


def campaign_participants(*, campaign):
    """The units that compete in the campaign, in Vietnamese order."""
    in_blocs = BlocMembership.objects.filter(bloc__in=campaign.blocs.all(), year=campaign.year).values("unit_id")
    query = Q(id__in=in_blocs)
    if campaign.covers_sub_units:
        query |= Q(parent_id=campaign.issuer_id)
    role = BlocMembership.objects.filter(unit=OuterRef("pk"), year=campaign.year).values("role")[:1]
    return Unit.objects.filter(query).annotate(bloc_role=Subquery(role)).order_by("sort_name")


def campaign_compilers(*, campaign):
    """{participant unit id: id of the unit that compiles it} for every unit competing in the campaign.

    The compiler receives a unit's registration, report and scores, and ranks
    it: the leader of its bloc that year when the bloc competes in the campaign
    and has a leader, otherwise the campaign's issuer (an agency compiling its
    own sub-units, or a bloc it organises).
    """
    participants = list(campaign_participants(campaign=campaign).values_list("id", flat=True))
    memberships = BlocMembership.objects.filter(bloc__in=campaign.blocs.all(), year=campaign.year).values_list(
        "bloc_id", "unit_id", "role"
    )
    leader_of_bloc = {bloc: unit for bloc, unit, role in memberships if role == BlocMembership.Role.LEADER}
    bloc_of_unit = {unit: bloc for bloc, unit, _role in memberships}
    return {unit: leader_of_bloc.get(bloc_of_unit.get(unit), campaign.issuer_id) for unit in participants}


@dataclass(frozen=True)
class CampaignRoles:
    """What a user does in a campaign: the competing units they act for, the ones they compile."""

    own_unit_ids: frozenset  # competing units the user registers, reports and self-scores for
    compiled_unit_ids: frozenset  # competing units whose papers the user receives and ranks
    compiler_unit_id: int | None  # the unit the user compiles as
    can_read_all: bool  # administrators and the reviewing council
    compilers: dict  # {competing unit id: compiler unit id}


def campaign_roles(*, user, campaign):
    viewer = viewer_for(user)
    compilers = campaign_compilers(campaign=campaign)
    acting = viewer.clerk_unit_ids | viewer.leader_unit_ids
    compiled = frozenset(unit for unit, compiler in compilers.items() if compiler in acting)
    return CampaignRoles(
        own_unit_ids=frozenset(unit for unit in compilers if unit in viewer.own_unit_ids),
        compiled_unit_ids=compiled,
        compiler_unit_id=next((compilers[unit] for unit in compiled), None),
        can_read_all=viewer.is_admin or (campaign.council_id is not None and campaign.council_id in viewer.council_ids),
        compilers=compilers,
    )


def bloc_year_members(*, bloc, year):
    return BlocMembership.objects.filter(bloc=bloc, year=year).select_related("unit").order_by("unit__sort_name")


def bloc_years(*, bloc):
    return list(BlocMembership.objects.filter(bloc=bloc).order_by("-year").values_list("year", flat=True).distinct())


def upcoming_milestones(*, campaigns, today: date, limit=10):
    """The next deadlines of these campaigns, soonest first, with days left.

    Milestones whose deadline has passed are kept when nothing later remains in
    their campaign, so a past campaign still shows where it stood.
    """
    milestones = Milestone.objects.filter(campaign__in=campaigns).select_related("campaign").order_by("campaign_id")
    rows = []
    for milestone in milestones:
        deadline = milestone.deadline
        rows.append({"milestone": milestone, "deadline": deadline, "days_left": (deadline - today).days})
    upcoming = sorted((r for r in rows if r["days_left"] >= 0), key=lambda r: r["deadline"])
    past = sorted((r for r in rows if r["days_left"] < 0), key=lambda r: r["deadline"], reverse=True)
    return upcoming[:limit], past[:limit]


def dashboard_data(*, user, today: date):
    viewer = viewer_for(user)
    campaigns = list(
        campaigns_visible_to(user).select_related("issuer", "issuing_bloc").order_by("-year", "sort_name")[:50]
    )
    upcoming, past = upcoming_milestones(campaigns=campaigns, today=today)
    own_units = Unit.objects.filter(id__in=viewer.clerk_unit_ids | viewer.leader_unit_ids).prefetch_related(
        Prefetch("bloc_memberships", queryset=BlocMembership.objects.select_related("bloc").order_by("-year"))
    )
    led = (
        BlocMembership.objects.filter(
            unit_id__in=viewer.leader_unit_ids,
            role__in=[BlocMembership.Role.LEADER, BlocMembership.Role.VICE_LEADER],
        )
        .select_related("bloc", "unit")
        .order_by("-year")
    )
    councils = Council.objects.filter(id__in=viewer.council_ids).select_related("unit")
    return {
        "viewer": viewer,
        "campaigns": campaigns,
        "upcoming": upcoming,
        "past": past,
        "own_units": own_units,
        "led_blocs": led,
        "councils": councils,
    }


def unit_can_manage(*, user, unit):
    """A unit's own clerk or leader (or one of its parent unit's) keeps its staff list."""
    viewer = viewer_for(user)
    return viewer.is_admin or unit.pk in viewer.own_unit_ids


def unit_tree(*, unit):
    """The unit and all its sub-units, the unit first."""
    ids = units_with_descendants(unit_ids={unit.pk})
    return [unit] + list(Unit.objects.filter(id__in=ids - {unit.pk}).order_by("sort_name"))
