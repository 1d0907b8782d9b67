"""What the dossier's steps tell, and to whom: the proposer of lines still without their achievement report when
the proposal goes to the council; the proposer and the units awarded when the decision is signed and when the
office publishes it. Each takes the log entry of its step, so it is told once.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from awards.models import AwardDecision, ProposalLine
from notifications.services import clerks_of_units, notify


def _awarded_units(proposal):
    awarded = ProposalLine.objects.filter(proposal=proposal, decision=ProposalLine.Decision.APPROVED)
    return {unit for pair in awarded.values_list("unit_id", "person__unit_id") for unit in pair if unit}


def reports_missing(*, proposal, actor, logged):
    """Sent with the proposal to its council: the proposer still owes the reports of these lines before the ballot."""
    missing = ProposalLine.objects.filter(proposal=proposal, achievement_report__isnull=True).count()
    if not missing:
        return
    names = {"summary": proposal.summary, "council": proposal.council.name, "count": missing}
    notify(
        event="proposal.reports_missing",
        key=logged.pk,
        recipients=clerks_of_units([proposal.proposer_id]),
        link=reverse("awards:detail", args=[proposal.pk]),
        message=lambda: (
            _("Achievement reports missing: %(summary)s") % names,
            _("To the emulation clerk of the proposing unit,"),
            [
                _("%(count)s line(s) of the proposal “%(summary)s” have no signed achievement report yet.") % names,
                _("Upload them before the %(council)s opens its ballot.") % names,
            ],
        ),
        unit=proposal.proposer,
        actor=actor,
    )


def decision_signed(*, decision, signed, actor, logged):
    proposal = decision.proposal
    names = {"number": decision.number, "signer": signed.signer_name, "summary": proposal.summary}
    notify(
        event="decision.signed",
        key=logged.pk,
        recipients=clerks_of_units({proposal.proposer_id} | _awarded_units(proposal)),
        link=reverse("awards:detail", args=[proposal.pk]),
        message=lambda: (
            _("Decision No. %(number)s signed digitally") % names,
            _("To the emulation clerks of the proposer and of the units awarded,"),
            [
                _("Decision No. %(number)s (“%(summary)s”) was signed digitally by %(signer)s.") % names,
                _("The signed file can be downloaded from the proposal's page."),
            ],
        ),
        unit=proposal.proposer,
        actor=actor,
    )


def awards_published(*, publication, actor, logged):
    decisions = AwardDecision.objects.filter(
        authority_id=publication.authority_id, proposal__campaign__year=publication.year
    ).select_related("proposal")
    units = set()
    for decision in decisions:
        units |= {decision.proposal.proposer_id} | _awarded_units(decision.proposal)
    names = {"authority": publication.authority.name, "year": publication.year}
    notify(
        event="awards.published",
        key=logged.pk,
        recipients=clerks_of_units(units),
        link=reverse("public:awards_year", args=[publication.authority_id, publication.year]),
        message=lambda: (
            _("Awards of %(year)s published: %(authority)s") % names,
            _("To the emulation clerks of the units concerned,"),
            [_("The award decisions of %(authority)s for %(year)s are now public (công khai).") % names],
        ),
        unit=publication.authority,
        actor=actor,
    )
