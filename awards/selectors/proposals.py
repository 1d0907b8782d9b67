"""Reads of proposals: their lines checked against the rules, paged; the nominees; the approved counts."""

from django.core.paginator import Paginator
from django.db.models import Count, Q

from awards.access import proposals_visible_to
from awards.checks import build_context, check_line
from awards.models import (
    Proposal,
    ProposalLine,
)
from awards.rulebook.resolve import rule_set_of_proposal
from campaigns.selectors import campaign_compilers
from organisation.models import Person, Unit
from organisation.selectors import units_with_descendants

LINES_PER_PAGE = 50


def proposal_lines_page(*, proposal, page):
    """One page of the proposal's lines: a 500-line proposal's page stays light and its queries few."""
    lines = (
        ProposalLine.objects.filter(proposal=proposal)
        .select_related("title", "unit", "person__unit", "decided_by", "proposal", "achievement_report")
        .order_by("position", "id")
    )
    return Paginator(lines, LINES_PER_PAGE).get_page(page)


def checks_for(*, proposal, lines):
    """{line id: [Result]} for these lines only, against the whole campaign: the same verdicts as the full check."""
    context = build_context(campaign=proposal.campaign, rule_set=rule_set_of_proposal(proposal=proposal))
    return {line.pk: check_line(line, context) for line in lines}


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
    units = Unit.objects.filter(id__in=unit_ids, is_active=True).order_by("sort_name")
    people = Person.objects.filter(unit_id__in=unit_ids, is_active=True).select_related("unit").order_by("sort_name")
    return units, people


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
