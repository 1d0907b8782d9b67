"""What the steps of a proposal tell, and to whom: the council when it arrives and when it votes, the proposer
and the units awarded when it is decided.

Each takes the log entry that records the step: it names the event, so a
notification is made once per step.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from awards.models import BallotSeat, ProposalLine
from notifications.services import clerks_of_units, notify
from organisation.models import CouncilMember


def _names(proposal):
    return {
        "summary": proposal.summary,
        "proposer": proposal.proposer.name,
        "council": proposal.council.name,
        "campaign": proposal.campaign.name,
    }


def proposal_submitted(*, proposal, actor, logged):
    names = _names(proposal)
    notify(
        event="proposal.submitted",
        key=logged.pk,
        recipients=CouncilMember.objects.filter(
            council_id=proposal.council_id, position=CouncilMember.Position.SECRETARY
        ).values_list("user_id", flat=True),
        link=reverse("awards:detail", args=[proposal.pk]),
        message=lambda: (
            _("Proposal received: %(summary)s – %(proposer)s") % names,
            _("To the secretary of the %(council)s,") % names,
            [
                _("%(proposer)s sent the proposal “%(summary)s” (campaign “%(campaign)s”) to the council.") % names,
                _("Check it, then open the council's ballot."),
            ],
        ),
        unit=proposal.proposer,
        actor=actor,
    )


def ballot_opened(*, ballot, actor, logged):
    proposal = ballot.proposal
    names = _names(proposal)
    notify(
        event="ballot.opened",
        key=logged.pk,
        recipients=BallotSeat.objects.filter(ballot=ballot).values_list("user_id", flat=True),
        link=reverse("awards:ballot", args=[proposal.pk]),
        message=lambda: (
            _("Council ballot opened: %(summary)s") % names,
            _("To the members of the %(council)s,") % names,
            [
                _("The council's secret ballot on the proposal “%(summary)s” of %(proposer)s is open.") % names,
                _("Cast your ballot, line by line, before the secretary counts it."),
            ],
        ),
        unit=proposal.proposer,
        actor=actor,
    )


def ballot_counted(*, ballot, actor, logged, approved, rejected):
    """The proposal is decided: its proposer and the council learn how many lines passed."""
    proposal = ballot.proposal
    names = {**_names(proposal), "approved": approved, "rejected": rejected}
    notify(
        event="proposal.decided",
        key=logged.pk,
        recipients=[
            *clerks_of_units([proposal.proposer_id]),
            *BallotSeat.objects.filter(ballot=ballot).values_list("user_id", flat=True),
        ],
        link=reverse("awards:detail", args=[proposal.pk]),
        message=lambda: (
            _("Proposal decided by the council: %(summary)s") % names,
            _("To %(proposer)s and the members of the %(council)s,") % names,
            [
                _("The %(council)s counted its ballot on the proposal “%(summary)s”.") % names,
                _("Lines approved: %(approved)s; not approved: %(rejected)s. Each line gives its reason.") % names,
            ],
        ),
        unit=proposal.proposer,
        actor=actor,
    )


def decision_issued(*, decision, actor, logged):
    """The proposer learns the decision's number; the units awarded, or whose staff are, learn it too."""
    proposal = decision.proposal
    names = {**_names(proposal), "number": decision.number, "date": decision.dated.strftime("%d/%m/%Y")}
    proposer_clerks = clerks_of_units([proposal.proposer_id])
    notify(
        event="decision.issued",
        key=logged.pk,
        recipients=proposer_clerks,
        link=reverse("awards:detail", args=[proposal.pk]),
        message=lambda: (
            _("Award decision issued: No. %(number)s") % names,
            _("To the emulation clerk of %(proposer)s,") % names,
            [
                _("Decision No. %(number)s of %(date)s on the proposal “%(summary)s” was issued.") % names,
                _("The decision, its list and the certificates can be printed from the proposal's page."),
            ],
        ),
        unit=proposal.proposer,
        actor=actor,
    )
    awarded = ProposalLine.objects.filter(proposal=proposal, decision=ProposalLine.Decision.APPROVED)
    units = {unit for pair in awarded.values_list("unit_id", "person__unit_id") for unit in pair if unit}
    notify(
        event="decision.awarded",
        key=logged.pk,
        recipients=set(clerks_of_units(units)) - set(proposer_clerks),
        link=reverse("awards:campaign", args=[proposal.campaign_id]),
        message=lambda: (
            _("Award decision issued: No. %(number)s") % names,
            _("To the emulation clerks of the units awarded,"),
            [
                _(
                    "Decision No. %(number)s of %(date)s, on the proposal of %(proposer)s in the campaign "
                    "“%(campaign)s”, awards your unit or its staff."
                )
                % names
            ],
        ),
        actor=actor,
    )


def _council_secretaries(council_id):
    return CouncilMember.objects.filter(council_id=council_id, position=CouncilMember.Position.SECRETARY).values_list(
        "user_id", flat=True
    )


def proposal_returned(*, proposal, actor, logged):
    """The proposer learns why the council sent the proposal back, so that it can put it right."""
    names = {**_names(proposal), "reason": proposal.returned_reason}
    notify(
        event="proposal.returned",
        key=logged.pk,
        recipients=clerks_of_units([proposal.proposer_id]),
        link=reverse("awards:detail", args=[proposal.pk]),
        message=lambda: (
            _("Proposal returned: %(summary)s") % names,
            _("To the emulation clerk of %(proposer)s,") % names,
            [
                _("The %(council)s returned the proposal “%(summary)s” before its vote.") % names,
                _("Its reason: %(reason)s") % names,
                _("Correct the proposal, then send it again."),
            ],
        ),
        unit=proposal.proposer,
        actor=actor,
    )


def proposal_recalled(*, proposal, actor, logged):
    """The council's secretary learns that the proposal it was holding went back to its proposer."""
    names = _names(proposal)
    notify(
        event="proposal.recalled",
        key=logged.pk,
        recipients=_council_secretaries(proposal.council_id),
        link=reverse("awards:detail", args=[proposal.pk]),
        message=lambda: (
            _("Proposal recalled: %(summary)s") % names,
            _("To the secretary of the %(council)s,") % names,
            [_("%(proposer)s took back the proposal “%(summary)s” before the council's vote.") % names],
        ),
        unit=proposal.proposer,
        actor=actor,
    )
