"""What the steps of a proposal tell, and to whom: the council when it arrives and when it votes, the proposer
and the units awarded when it is decided, signed and published; the proposer of lines still without their
achievement report when the proposal goes to the council.

Each takes the log entry that records the step: it names the event, so a
notification is made once per step.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.models import AwardDecision, BallotSeat, ProposalLine
from notifications.services import Notice, clerks_of_units
from organisation.models import CouncilMember

_TO_SECRETARY = _("To the secretary of the %(council)s,")
_TO_PROPOSER = _("To the emulation clerk of %(proposer)s,")

PROPOSAL_SUBMITTED = Notice(
    "proposal.submitted",
    _("Proposal received: %(summary)s – %(proposer)s"),
    _TO_SECRETARY,
    (
        _("%(proposer)s sent the proposal “%(summary)s” (campaign “%(campaign)s”) to the council."),
        _("Check it, then open the council's ballot."),
    ),
)
BALLOT_OPENED = Notice(
    "ballot.opened",
    _("Council ballot opened: %(summary)s"),
    _("To the members of the %(council)s,"),
    (
        _("The council's secret ballot on the proposal “%(summary)s” of %(proposer)s is open."),
        _("Cast your ballot, line by line, before the secretary counts it."),
    ),
)
PROPOSAL_DECIDED = Notice(
    "proposal.decided",
    _("Proposal decided by the council: %(summary)s"),
    _("To %(proposer)s and the members of the %(council)s,"),
    (
        _("The %(council)s counted its ballot on the proposal “%(summary)s”."),
        _("Lines approved: %(approved)s; not approved: %(rejected)s. Each line gives its reason."),
    ),
)
DECISION_ISSUED = Notice(
    "decision.issued",
    _("Award decision issued: No. %(number)s"),
    _TO_PROPOSER,
    (
        _("Decision No. %(number)s of %(date)s on the proposal “%(summary)s” was issued."),
        _("The decision, its list and the certificates can be printed from the proposal's page."),
    ),
)
DECISION_TO_RECORD = Notice(
    "decision.to_record",
    _("Award decision issued: No. %(number)s"),
    _TO_SECRETARY,
    (
        _("Decision No. %(number)s of %(date)s on the proposal “%(summary)s” was issued."),
        _("Print its certificates, and upload the decision once it is signed digitally."),
    ),
)
BALLOT_COMPLETE = Notice(
    "ballot.complete",
    _("Every member has voted: %(summary)s"),
    _TO_SECRETARY,
    (
        _("Every member of the %(council)s has cast a ballot on the proposal “%(summary)s”."),
        _("Count the ballot when the meeting ends; until then a member may still change their ballot."),
    ),
)
DECISION_PREPARED = Notice(
    "decision.prepared",
    _("Award decision to issue: No. %(number)s"),
    _("To the chair of the %(council)s,"),
    (
        _("The secretary prepared decision No. %(number)s on the proposal “%(summary)s”."),
        _("Check it and issue it."),
    ),
)
DECISION_AWARDED = Notice(
    "decision.awarded",
    _("Award decision issued: No. %(number)s"),
    _("To the emulation clerks of the units awarded,"),
    (
        _(
            "Decision No. %(number)s of %(date)s, on the proposal of %(proposer)s in the campaign "
            "“%(campaign)s”, awards your unit or its staff."
        ),
    ),
)
PROPOSAL_RETURNED = Notice(
    "proposal.returned",
    _("Proposal returned: %(summary)s"),
    _TO_PROPOSER,
    (
        _("The %(council)s returned the proposal “%(summary)s” before its vote."),
        _("Its reason: %(reason)s"),
        _("Correct the proposal, then send it again."),
    ),
)
PROPOSAL_RECALLED = Notice(
    "proposal.recalled",
    _("Proposal recalled: %(summary)s"),
    _TO_SECRETARY,
    (_("%(proposer)s took back the proposal “%(summary)s” before the council's vote."),),
)
REPORTS_MISSING = Notice(
    "proposal.reports_missing",
    _("Achievement reports missing: %(summary)s"),
    _("To the emulation clerk of the proposing unit,"),
    (
        _("%(count)s line(s) of the proposal “%(summary)s” have no signed achievement report yet."),
        _("Upload them before the %(council)s opens its ballot."),
    ),
)
DECISION_SIGNED = Notice(
    "decision.signed",
    _("Decision No. %(number)s signed digitally"),
    _("To the emulation clerks of the proposer and of the units awarded,"),
    (
        _("Decision No. %(number)s (“%(summary)s”) was signed digitally by %(signer)s."),
        _("The signed file can be downloaded from the proposal's page."),
    ),
)
AWARDS_PUBLISHED = Notice(
    "awards.published",
    _("Awards of %(year)s published: %(authority)s"),
    _("To the emulation clerks of the units concerned,"),
    (_("The award decisions of %(authority)s for %(year)s are now public (công khai)."),),
)


def _send(notice, proposal, *, logged, actor, recipients, link=None, unit=True, **names):
    """One step of a proposal told; its page is the default link, its proposer the unit concerned."""
    notice.send(
        key=logged.pk,
        recipients=recipients,
        link=link or reverse("awards:detail", args=[proposal.pk]),
        names={
            "summary": proposal.summary,
            "proposer": proposal.proposer.name,
            "council": proposal.council.name,
            "campaign": proposal.campaign.name,
            **names,
        },
        unit=proposal.proposer if unit else None,
        actor=actor,
    )


def _council_secretaries(council_id):
    return CouncilMember.objects.filter(council_id=council_id, position=CouncilMember.Position.SECRETARY).values_list(
        "user_id", flat=True
    )


def _awarded_units(proposal):
    awarded = ProposalLine.objects.filter(proposal=proposal, decision=ProposalLine.Decision.APPROVED)
    return {unit for pair in awarded.values_list("unit_id", "person__unit_id") for unit in pair if unit}


def _seats(ballot):
    return BallotSeat.objects.filter(ballot=ballot).values_list("user_id", flat=True)


def proposal_submitted(*, proposal, actor, logged):
    _send(
        PROPOSAL_SUBMITTED, proposal, logged=logged, actor=actor, recipients=_council_secretaries(proposal.council_id)
    )


def ballot_opened(*, ballot, actor, logged):
    proposal = ballot.proposal
    link = reverse("awards:ballot", args=[proposal.pk])
    _send(BALLOT_OPENED, proposal, logged=logged, actor=actor, recipients=_seats(ballot), link=link)


def ballot_complete(*, ballot, actor):
    """The last seat has voted: the secretary learns the ballot can be counted (once per ballot)."""
    proposal = ballot.proposal
    BALLOT_COMPLETE.send(
        key=ballot.pk,
        recipients=_council_secretaries(proposal.council_id),
        link=reverse("awards:ballot", args=[proposal.pk]),
        names={"summary": proposal.summary, "council": proposal.council.name},
        unit=proposal.proposer,
        actor=actor,
    )


def decision_prepared(*, proposal, number, actor, logged):
    """The authority (through the council's chair) learns that a decision waits for it to issue."""
    chairs = CouncilMember.objects.filter(
        council_id=proposal.council_id, position=CouncilMember.Position.CHAIR
    ).values_list("user_id", flat=True)
    link = reverse("awards:decision", args=[proposal.pk])
    _send(DECISION_PREPARED, proposal, logged=logged, actor=actor, recipients=chairs, link=link, number=number)


def ballot_counted(*, ballot, actor, logged, approved, rejected):
    """The proposal is decided: its proposer and the council learn how many lines passed."""
    proposal = ballot.proposal
    recipients = [*clerks_of_units([proposal.proposer_id]), *_seats(ballot)]
    _send(
        PROPOSAL_DECIDED,
        proposal,
        logged=logged,
        actor=actor,
        recipients=recipients,
        approved=approved,
        rejected=rejected,
    )


def decision_issued(*, decision, actor, logged):
    """The proposer learns the decision's number; the units awarded, or whose staff are, learn it too."""
    proposal = decision.proposal
    names = {"number": decision.number, "date": decision.dated.strftime("%d/%m/%Y")}
    proposer_clerks = clerks_of_units([proposal.proposer_id])
    _send(DECISION_ISSUED, proposal, logged=logged, actor=actor, recipients=proposer_clerks, **names)
    secretaries = set(_council_secretaries(proposal.council_id)) - set(proposer_clerks)
    _send(DECISION_TO_RECORD, proposal, logged=logged, actor=actor, recipients=secretaries, **names)
    _send(
        DECISION_AWARDED,
        proposal,
        logged=logged,
        actor=actor,
        recipients=set(clerks_of_units(_awarded_units(proposal))) - set(proposer_clerks),
        link=reverse("awards:campaign", args=[proposal.campaign_id]),
        unit=False,
        **names,
    )


def proposal_returned(*, proposal, actor, logged):
    """The proposer learns why the council sent the proposal back, so that it can put it right."""
    recipients = clerks_of_units([proposal.proposer_id])
    _send(
        PROPOSAL_RETURNED, proposal, logged=logged, actor=actor, recipients=recipients, reason=proposal.returned_reason
    )


def proposal_recalled(*, proposal, actor, logged):
    """The council's secretary learns that the proposal it was holding went back to its proposer."""
    recipients = _council_secretaries(proposal.council_id)
    _send(PROPOSAL_RECALLED, proposal, logged=logged, actor=actor, recipients=recipients)


def reports_missing(*, proposal, actor, logged):
    """Sent with the proposal to its council: the proposer still owes the reports of these lines before the ballot."""
    missing = ProposalLine.objects.filter(proposal=proposal, achievement_report__isnull=True).count()
    if missing:
        recipients = clerks_of_units([proposal.proposer_id])
        _send(REPORTS_MISSING, proposal, logged=logged, actor=actor, recipients=recipients, count=missing)


def decision_signed(*, decision, signed, actor, logged):
    proposal = decision.proposal
    _send(
        DECISION_SIGNED,
        proposal,
        logged=logged,
        actor=actor,
        recipients=clerks_of_units({proposal.proposer_id} | _awarded_units(proposal)),
        number=decision.number,
        signer=signed.signer_name,
    )


def awards_published(*, publication, actor, logged):
    decisions = AwardDecision.objects.filter(
        authority_id=publication.authority_id, proposal__campaign__year=publication.year
    ).select_related("proposal")
    units = set()
    for decision in decisions:
        units |= {decision.proposal.proposer_id} | _awarded_units(decision.proposal)
    AWARDS_PUBLISHED.send(
        key=logged.pk,
        recipients=clerks_of_units(units),
        link=reverse("public:awards_year", args=[publication.authority_id, publication.year]),
        names={"authority": publication.authority.name, "year": publication.year},
        unit=publication.authority,
        actor=actor,
    )
