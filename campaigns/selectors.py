"""Reads about campaigns, and the access function for a campaign.

Every view resolves a campaign through `campaign_get_for_user`, which answers
404 for a campaign outside the user's reach.
"""

from collections import defaultdict
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.http import Http404

from activity.models import ActivityLog
from campaigns.models import Campaign, Milestone
from core.text import fold
from organisation.access import LEADING_ROLES, councils_kept_by, viewer_for
from organisation.models import Bloc, BlocMembership, CouncilMember, Unit


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
    office = viewer.office_unit_ids
    ids = Campaign.objects.filter(
        campaigns_of_unit_q(unit_ids=viewer.own_unit_ids)
        | led
        | Q(council_id__in=viewer.council_ids)
        | Q(blocs__council_id__in=viewer.council_ids)
        | Q(issuer_id__in=office)
        | Q(issuing_bloc__organizer_id__in=office)
        | Q(blocs__organizer_id__in=office)
    ).values("id")
    return Campaign.objects.filter(id__in=ids)


def campaign_get_for_user(*, user, campaign_id):
    try:
        return campaigns_visible_to(user).select_related("issuer", "issuing_bloc", "council").get(pk=campaign_id)
    except Campaign.DoesNotExist:
        raise Http404 from None


def campaign_list(*, user, query="", year=None):
    campaigns = campaigns_visible_to(user).select_related("issuer", "issuing_bloc")
    if query:
        campaigns = campaigns.filter(search_name__contains=fold(query))
    if year:
        campaigns = campaigns.filter(year=year)
    return campaigns.order_by("-year", "sort_name")


def campaign_participants(*, campaign):
    """The units that compete in the campaign, in Vietnamese order."""
    role = BlocMembership.objects.filter(unit=OuterRef("pk"), year=campaign.year).values("role")[:1]
    return (
        Unit.objects.filter(id__in=list(campaign_compilers(campaign=campaign)))
        .annotate(bloc_role=Subquery(role))
        .order_by("sort_name")
    )


def campaign_compilers(*, campaign):
    """{participant unit id: id of the unit that compiles it} for every unit competing in the campaign."""
    return campaigns_compilers(campaigns=[campaign])[campaign.pk]


def campaigns_compilers(*, campaigns):
    """{campaign id: {participant unit id: id of the unit that compiles it}}, in two queries for any number of
    campaigns, in the units' Vietnamese order, so that a list of campaigns (the dashboard's) asks each one's access without a query per campaign.

    The units that compete are the members of its blocs that year and, when
    it covers them, the issuer's sub-units (one that merged away takes part
    until its merger's year; its work then goes on in the unit of today). The
    compiler receives a unit's registration, report and scores, and ranks it:
    the leader of its bloc that year when the bloc competes in the campaign
    and has a leader, otherwise the campaign's issuer (an agency compiling its
    own sub-units, or a bloc it organises).
    """
    campaigns = list(campaigns)
    memberships = (
        BlocMembership.objects.filter(bloc__campaigns__in=campaigns, year=F("bloc__campaigns__year"))
        .order_by()
        .values_list("bloc__campaigns__id", "bloc_id", "unit_id", "role", "unit__sort_name")
    )
    leader_of_bloc, bloc_of_unit, sort_names = defaultdict(dict), defaultdict(dict), {}
    for campaign_id, bloc, unit, role, sort_name in memberships:
        bloc_of_unit[campaign_id][unit], sort_names[unit] = bloc, sort_name
        if role == BlocMembership.Role.LEADER:
            leader_of_bloc[campaign_id][bloc] = unit
    covering = {campaign.issuer_id for campaign in campaigns if campaign.covers_sub_units}
    children = defaultdict(list)
    sub_units = Unit.objects.filter(parent_id__in=covering).values_list(
        "id", "parent_id", "merge__merged_on", "sort_name"
    )
    for unit, parent, merged_on, sort_name in sub_units.order_by():
        children[parent].append((unit, merged_on))
        sort_names[unit] = sort_name
    compilers = {}
    for campaign in campaigns:
        units = set(bloc_of_unit[campaign.pk])
        if campaign.covers_sub_units:
            units |= {
                unit
                for unit, merged_on in children[campaign.issuer_id]
                if merged_on is None or merged_on.year > campaign.year
            }
        leaders, blocs = leader_of_bloc[campaign.pk], bloc_of_unit[campaign.pk]
        compilers[campaign.pk] = {
            unit: leaders.get(blocs.get(unit), campaign.issuer_id)
            for unit in sorted(units, key=lambda unit: (sort_names[unit], unit))
        }
    return compilers


# The dashboard shows the deadlines passed this recently; older ones are history, listed on their campaign's page.
RECENTLY_PASSED_DAYS = 90


def upcoming_milestones(*, campaigns, today: date, limit=10, passed_within=None):
    """(upcoming, past): the next deadlines of these campaigns, soonest first, and those passed, latest first,
    each with its days left.

    `passed_within` days, when given, bounds how far back the past goes, except that a campaign with no deadline
    ahead keeps its last one, so a past campaign still shows where it stood.
    """
    milestones = Milestone.objects.filter(campaign__in=campaigns).select_related("campaign").order_by("campaign_id")
    rows = []
    for milestone in milestones:
        deadline = milestone.deadline
        rows.append({"milestone": milestone, "deadline": deadline, "days_left": (deadline - today).days})
    upcoming = sorted((r for r in rows if r["days_left"] >= 0), key=lambda r: r["deadline"])
    past = sorted((r for r in rows if r["days_left"] < 0), key=lambda r: r["deadline"], reverse=True)
    if passed_within is not None:
        ahead = {r["milestone"].campaign_id for r in upcoming}
        last = {}
        for row in past:
            last.setdefault(row["milestone"].campaign_id, row)
        past = [
            row
            for row in past
            if row["days_left"] >= -passed_within
            or (row["milestone"].campaign_id not in ahead and last[row["milestone"].campaign_id] is row)
        ]
    return upcoming[:limit], past[:limit]


def dashboard_data(*, user, today: date):
    viewer = viewer_for(user)
    campaigns = list(
        campaigns_visible_to(user).select_related("issuer", "issuing_bloc").order_by("-year", "sort_name")[:50]
    )
    upcoming, past = upcoming_milestones(campaigns=campaigns, today=today, passed_within=RECENTLY_PASSED_DAYS)
    own_units = Unit.objects.filter(id__in=viewer.clerk_unit_ids).prefetch_related(
        Prefetch("bloc_memberships", queryset=BlocMembership.objects.select_related("bloc").order_by("-year"))
    )
    led = (
        BlocMembership.objects.filter(unit_id__in=viewer.clerk_unit_ids, role__in=LEADING_ROLES)
        .select_related("bloc", "unit")
        .order_by("-year")
    )
    seats = CouncilMember.objects.filter(user=user).select_related("council__unit")
    return {
        "viewer": viewer,
        "campaigns": campaigns,
        "upcoming": upcoming,
        "past": past,
        "own_units": own_units,
        "led_blocs": led,
        "seats": seats,
        "offices": Unit.objects.filter(id__in=viewer.office_root_ids).order_by("sort_name"),
    }


def campaign_issuers(*, user):
    """The units the user may open a campaign for: its office's tree, or the units it is clerk of."""
    viewer = viewer_for(user)
    units = Unit.objects.filter(is_active=True)
    if viewer.is_admin:
        return units
    return units.filter(id__in=viewer.office_unit_ids | viewer.clerk_unit_ids)


def campaign_issuing_blocs(*, user):
    """The blocs the user may issue a campaign for: those its office keeps, or those its units lead."""
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Bloc.objects.all()
    led = {bloc for bloc, _year in viewer.leader_bloc_years}
    return Bloc.objects.filter(Q(organizer_id__in=viewer.office_unit_ids) | Q(id__in=led))


def campaign_history(*, campaign, limit=10):
    return campaign_history_entries(campaign=campaign)[:limit]


def campaign_history_entries(*, campaign, user_id=None, action="", since=None, until=None):
    """The campaign's log, newest first, narrowed to who acted, the kind of action (its code or the code's first
    word, "score" for every score) and the days it falls between."""
    entries = ActivityLog.objects.filter(content_type__model="campaign", object_id=campaign.pk).select_related("user")
    if user_id:
        entries = entries.filter(user_id=user_id)
    if action:
        entries = entries.filter(Q(action=action) | Q(action__startswith=f"{action}."))
    if since:
        entries = entries.filter(created_at__date__gte=since)
    if until:
        entries = entries.filter(created_at__date__lte=until)
    return entries


def campaign_history_choices(*, campaign):
    """Who acted in the campaign's log and which kinds of action it holds, for the history's filters."""
    entries = ActivityLog.objects.filter(content_type__model="campaign", object_id=campaign.pk)
    users = get_user_model().objects.filter(pk__in=entries.values("user_id")).order_by("last_name", "first_name")
    actions = sorted(entries.values_list("action", flat=True).distinct())
    return users, actions


def status_changes(*, campaign):
    """Who opened, closed or reopened the campaign, when and why, oldest first."""
    return list(
        ActivityLog.objects.filter(
            content_type__model="campaign",
            object_id=campaign.pk,
            action__in=["campaign.opened", "campaign.closed", "campaign.reopened"],
        )
        .select_related("user")
        .order_by("created_at", "id")
    )


def office_waiting(*, user, today):
    """What waits for an emulation office: milestones of its campaigns not yet open that are already past (the
    units would be late the day it opens), and councils it keeps that have no secretary (no one runs their ballots).
    """
    viewer = viewer_for(user)
    if not viewer.is_office:
        return {}
    past = (
        Milestone.objects.filter(
            campaign__issuer_id__in=viewer.office_unit_ids, campaign__status=Campaign.Status.DRAFT, due_on__lt=today
        )
        .select_related("campaign")
        .order_by("due_on")[:20]
    )
    without_secretary = (
        councils_kept_by(user).exclude(members__position=CouncilMember.Position.SECRETARY).order_by("name")[:20]
    )
    return {"past_milestones": list(past), "councils_without_secretary": list(without_secretary)}
