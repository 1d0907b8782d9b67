"""The way up: the council above a unit, the lines to forward, and where the forwarded lines stand."""

from dataclasses import dataclass

from awards.access import proposals_visible_to
from awards.models import (
    AwardDecision,
    Proposal,
    ProposalLine,
)
from awards.rulebook.resolve import rule_set_of_proposal
from awards.rulebook.terms import decided_title_ids
from campaigns.models import Title
from organisation.models import Council

# The title levels each council's authority decides: a unit's head (or a commune's chairman) the unit's titles, the
# province's chairman those and the province's own. The council passes the others on to the council above. Which
# level a title is decided at is the rule set's word (`AwardTerms`), else the title's own.
DECIDED_AT = {
    Council.Level.UNIT: (Title.Level.UNIT,),
    Council.Level.PROVINCE: (Title.Level.UNIT, Title.Level.PROVINCE),
}


def decided_titles(proposal):
    return decided_title_ids(
        rule_set=rule_set_of_proposal(proposal=proposal), levels=DECIDED_AT[proposal.council.level]
    )


def council_above(*, council):
    """The council of the nearest unit above this council's own: where the titles it does not decide go."""
    unit = council.unit.parent
    while unit is not None:
        above = Council.objects.filter(unit=unit).order_by("pk").first()
        if above is not None:
            return above
        unit = unit.parent
    return None


def lines_to_forward(*, proposal):
    """The lines the council passed for titles a higher level decides, in the proposal's order."""
    return list(
        ProposalLine.objects.filter(proposal=proposal, decision=ProposalLine.Decision.APPROVED)
        .exclude(title_id__in=decided_titles(proposal))
        .order_by("position", "id")
    )


@dataclass(frozen=True)
class Forwarding:
    """What became of the lines this proposal passed on to the council above, as the lower level sees it."""

    proposal: Proposal | None  # the proposal that carries them up, once forwarded
    council: Council | None  # the council they go to
    lines: int  # lines waiting to go up (before) or carried (after)
    decision: AwardDecision | None = None
    visible: bool = False  # whether the user may open the proposal above

    @property
    def returned(self):
        return self.proposal is not None and self.proposal.status == Proposal.Status.DRAFT


def forwarding_of(*, user, proposal):
    """Where the lines for higher titles stand: waiting to go up, with the council above, returned or decided."""
    forwarded = Proposal.objects.filter(forwarded_from=proposal).select_related("council").first()
    if forwarded is not None:
        return Forwarding(
            proposal=forwarded,
            council=forwarded.council,
            lines=forwarded.lines.count(),
            decision=AwardDecision.objects.filter(proposal=forwarded).first(),
            visible=proposals_visible_to(user).filter(pk=forwarded.pk).exists(),
        )
    if proposal.status != Proposal.Status.APPROVED:
        return None
    count = len(lines_to_forward(proposal=proposal))
    return Forwarding(proposal=None, council=council_above(council=proposal.council), lines=count) if count else None


def decided_here(lines, proposal):
    return lines.filter(
        proposal=proposal, decision=ProposalLine.Decision.APPROVED, title_id__in=decided_titles(proposal)
    )
