"""Reads about the organisation: trees of units, blocs year by year, councils and accounts."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.models import ActivityLog
from core.text import fold
from organisation.models import Bloc, BlocMembership, Council, CouncilMember, Person, RoleAssignment, Unit, UnitMerge

# The accounts page shows the failed sign-ins of this many days.
FAILED_LOGINS_SHOWN_DAYS = 30


def units_with_descendants(*, unit_ids):
    """The units and every unit below them, one query per level (trees are a few levels deep)."""
    found = set(unit_ids)
    frontier = set(unit_ids)
    while frontier:
        frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= frontier
    return frozenset(found)


def subtrees(*, unit_ids):
    """{unit id: the unit and every unit below it}, for many units, one query per level of the deepest tree."""
    trees = {root: {root} for root in unit_ids}
    owner = {root: {root} for root in unit_ids}
    frontier = set(unit_ids)
    while frontier:
        children = list(Unit.objects.filter(parent_id__in=frontier).values_list("id", "parent_id"))
        frontier = set()
        for child, parent in children:
            for root in owner.get(parent, ()):
                if child not in trees[root]:
                    trees[root].add(child)
                    owner.setdefault(child, set()).add(root)
                    frontier.add(child)
    return trees


def unit_tree(*, unit):
    """The unit and all its sub-units, the unit first."""
    ids = units_with_descendants(unit_ids={unit.pk})
    return [unit] + list(Unit.objects.filter(id__in=ids - {unit.pk}).order_by("sort_name"))


def unit_tree_rows(*, units, query="", include_inactive=False):
    """The units as an indented tree, in Vietnamese order at each level; a search keeps the matches and their path.

    `units` is the queryset the user may see; a unit whose parent is outside it
    is shown as a root.
    """
    rows = list(
        units.order_by("sort_name").values("id", "parent_id", "name", "short_name", "code", "kind", "is_active")
    )
    by_id = {row["id"]: row for row in rows}
    kind_labels = dict(Unit.Kind.choices)
    for row in rows:
        row["kind_label"] = kind_labels.get(row["kind"], row["kind"])
    children = {}
    for row in rows:
        parent = row["parent_id"] if row["parent_id"] in by_id else None
        children.setdefault(parent, []).append(row)
    keep = None
    if query:
        folded = fold(query)
        keep = set()
        for row in rows:
            if folded in fold(row["name"]) or folded in fold(row["short_name"]) or folded == fold(row["code"]):
                node = row
                while node is not None and node["id"] not in keep:
                    keep.add(node["id"])
                    node = by_id.get(node["parent_id"])
    ordered = []

    def walk(parent, depth):
        for row in children.get(parent, []):
            if keep is not None and row["id"] not in keep:
                continue
            if not row["is_active"] and not include_inactive:
                continue
            ordered.append({**row, "depth": depth})
            walk(row["id"], depth + 1)

    walk(None, 0)
    return ordered


def bloc_year_members(*, bloc, year):
    return BlocMembership.objects.filter(bloc=bloc, year=year).select_related("unit").order_by("unit__sort_name")


def bloc_years(*, bloc):
    return list(BlocMembership.objects.filter(bloc=bloc).order_by("-year").values_list("year", flat=True).distinct())


def bloc_list(*, blocs, year):
    """The blocs with their leader, vice-leader and size in the year."""
    return blocs.select_related("council", "organizer").prefetch_related(
        Prefetch(
            "memberships",
            queryset=BlocMembership.objects.filter(year=year).select_related("unit").order_by("unit__sort_name"),
            to_attr="members_of_year",
        )
    )


def council_members(*, council):
    return list(
        CouncilMember.objects.filter(council=council)
        .select_related("user")
        .order_by("position", "user__last_name", "user__first_name")
    )


def council_list(*, councils):
    return councils.select_related("unit").annotate(member_count=Count("members")).order_by("sort_name")


def account_list(*, accounts, query=""):
    """Accounts with what they act for and their recent failed sign-ins, for the office's list.

    Search ignores accents and case.
    """
    failures = ActivityLog.objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_id=OuterRef("pk"),
        action="login.failed",
        created_at__gte=timezone.now() - timedelta(days=FAILED_LOGINS_SHOWN_DAYS),
    ).order_by()
    accounts = (
        accounts.annotate(
            failed_logins=Subquery(
                failures.values("object_id").annotate(count=Count("pk")).values("count"), output_field=IntegerField()
            ),
            last_failed_login=Subquery(failures.order_by("-created_at").values("created_at")[:1]),
        )
        .prefetch_related(
            Prefetch("roles", queryset=RoleAssignment.objects.select_related("unit")),
            Prefetch("council_seats", queryset=CouncilMember.objects.select_related("council")),
        )
        .order_by("last_name", "first_name", "username")
    )
    if query:
        folded = fold(query)
        return [
            account
            for account in accounts
            if folded in fold(f"{account.last_name} {account.first_name} {account.username} {account.email}")
        ]
    return list(accounts)


def staff_of_tree(*, unit):
    return Person.objects.filter(unit__in=unit_tree(unit=unit), is_active=True).select_related("unit")


def units_of_today(*, unit_ids):
    """{unit id: the unit it is today}: itself while active, the unit it merged into, or None when it ended."""
    merged = dict(UnitMerge.objects.filter(unit_id__in=unit_ids).values_list("unit_id", "belongs_to_id"))
    active = set(Unit.objects.filter(pk__in=unit_ids, is_active=True).values_list("id", flat=True))
    return {unit_id: merged.get(unit_id) or (unit_id if unit_id in active else None) for unit_id in unit_ids}


def bloc_members_of_today(*, bloc, year):
    """The units a bloc's members of `year` are today, for next year's bloc: merged members become the unit they
    merged into (once), ended ones are left out."""
    members = BlocMembership.objects.filter(bloc=bloc, year=year).values_list("unit_id", flat=True)
    return Unit.objects.filter(pk__in={today for today in units_of_today(unit_ids=set(members)).values() if today})


def predecessors_of(*, unit_ids):
    """The units that merged, directly or through others, into these."""
    return set(UnitMerge.objects.filter(belongs_to_id__in=unit_ids).values_list("unit_id", flat=True))


@dataclass(frozen=True)
class SetupStep:
    """One of the first steps of an office whose tree is new: what it is, whether it is done, the page that does it
    and what the page needs ((need, object) for `may`)."""

    label: str
    done: bool
    url: str
    need: tuple


def office_setup(*, viewer):
    """An emulation office's first steps, in the order the year needs them: the units of its tree, its blocs with
    their members, the units' clerks, its council. Nothing for anyone else."""
    if not viewer.is_office:
        return []
    root = Unit.objects.filter(id__in=viewer.office_root_ids).order_by("pk").first()
    below = viewer.office_unit_ids - viewer.office_root_ids
    kept = viewer.office_unit_ids
    return [
        SetupStep(
            _("Import the units of your tree"),
            bool(below),
            reverse("organisation:tree_import", args=[root.pk]),
            ("unit.manage", root),
        ),
        SetupStep(
            _("Create the emulation blocs with their members and leaders"),
            Bloc.objects.filter(organizer_id__in=kept).exists(),
            reverse("organisation:bloc_new"),
            ("office.keep", None),
        ),
        SetupStep(
            _("Invite the units' emulation clerks"),
            RoleAssignment.objects.filter(role=RoleAssignment.Role.UNIT_CLERK, unit_id__in=below).exists(),
            reverse("organisation:accounts_import"),
            ("office.import_accounts", None),
        ),
        SetupStep(
            _("Set up the council and seat its members"),
            Council.objects.filter(unit_id__in=kept).exists(),
            reverse("organisation:council_new"),
            ("office.keep", None),
        ),
    ]
