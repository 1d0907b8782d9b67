"""Reads for awards, and the access function for proposals and initiatives.

A proposal is seen by the users acting for its proposing unit and by the
members of its council; the proposer edits it while it is a draft; the
council's members and secretary review it. A council member of another
council gets 404 for it, whatever URL is typed.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404

from awards.models import Initiative, Proposal, ProposalLine
from campaigns.selectors import campaign_compilers
from organisation.access import units_visible_to, viewer_for
from organisation.models import Person, Unit
from organisation.selectors import units_with_descendants


@dataclass(frozen=True)
class ProposalAccess:
    can_edit: bool
    can_review: bool


def proposals_visible_to(user):
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Proposal.objects.all()
    return Proposal.objects.filter(
        Q(proposer_id__in=viewer.clerk_unit_ids | viewer.office_unit_ids)
        | Q(council_id__in=viewer.council_ids)
        | Q(council__unit_id__in=viewer.office_unit_ids)
    )


def proposal_get_for_user(*, user, proposal_id):
    try:
        proposal = proposals_visible_to(user).select_related("campaign", "proposer", "council").get(pk=proposal_id)
    except Proposal.DoesNotExist:
        raise Http404 from None
    viewer = viewer_for(user)
    access = ProposalAccess(
        can_edit=(viewer.is_admin or proposal.proposer_id in viewer.clerk_unit_ids)
        and proposal.status == Proposal.Status.DRAFT,
        can_review=(viewer.is_admin or proposal.council_id in viewer.council_ids)
        and proposal.status == Proposal.Status.SUBMITTED,
    )
    return proposal, access


def proposal_lines(*, proposal):
    return list(
        ProposalLine.objects.filter(proposal=proposal)
        .select_related("title", "unit", "person__unit", "decided_by", "proposal")
        .order_by("position", "id")
    )


def proposals_of_campaign(*, user, campaign):
    return proposals_visible_to(user).filter(campaign=campaign).select_related("proposer", "council")


def nominee_choices(*, proposal):
    """Units and staff a proposal may name: the proposer's tree, or for a bloc the units it compiles."""
    if proposal.kind == Proposal.Kind.BLOC:
        unit_ids = {u for u, c in campaign_compilers(campaign=proposal.campaign).items() if c == proposal.proposer_id}
    else:
        unit_ids = units_with_descendants(unit_ids={proposal.proposer_id})
    units = Unit.objects.filter(id__in=unit_ids).order_by("sort_name")
    people = Person.objects.filter(unit_id__in=unit_ids, is_active=True).select_related("unit").order_by("sort_name")
    return units, people


def initiatives_visible_to(user):
    viewer = viewer_for(user)
    if viewer.is_admin:
        return Initiative.objects.all()
    return Initiative.objects.filter(person__unit__in=units_visible_to(user))


def initiative_decider_unit_ids(*, user):
    """The units whose initiatives the user's councils recognise: each council's unit and every unit below it.

    Worked out once per page, so a list of initiatives asks nothing per row.
    """
    viewer = viewer_for(user)
    council_units = set(Unit.objects.filter(councils__id__in=viewer.council_ids).values_list("id", flat=True))
    return units_with_descendants(unit_ids=council_units)


def initiative_can_decide(*, user, initiative, decider_unit_ids=None):
    if viewer_for(user).is_admin:
        return True
    if decider_unit_ids is None:
        decider_unit_ids = initiative_decider_unit_ids(user=user)
    return initiative.person.unit_id in decider_unit_ids


def initiative_people(*, user):
    """The staff whose initiatives the user may register: their own units' and their office's."""
    viewer = viewer_for(user)
    people = Person.objects.filter(is_active=True).select_related("unit")
    if viewer.is_admin:
        return people
    return people.filter(unit_id__in=viewer.own_unit_ids | viewer.office_unit_ids)


def initiatives_list(*, user, year=None):
    initiatives = initiatives_visible_to(user).select_related("person__unit", "decided_by")
    if year:
        initiatives = initiatives.filter(year=year)
    return initiatives


def approved_counts(*, campaign, unit_ids):
    """{title id: units or staff of these units (and their sub-units) whose line the council approved}."""
    tree = units_with_descendants(unit_ids=set(unit_ids))
    return dict(
        ProposalLine.objects.filter(proposal__campaign=campaign, decision=ProposalLine.Decision.APPROVED)
        .filter(Q(unit_id__in=tree) | Q(person__unit_id__in=tree))
        .values("title_id")
        .annotate(n=Count("id"))
        .values_list("title_id", "n")
    )
