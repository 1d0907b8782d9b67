"""The award decision: numbered per authority and year, saved, entering the register."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from awards import notifications, selectors
from awards.certificates import certificate_codes_issue
from awards.models import (
    AwardDecision,
    CouncilBallot,
    PreparedDecision,
    Proposal,
    ProposalLine,
    RenderedFile,
)
from campaigns.services import campaign_require_open
from honours.services import honours_record_decision

from .common import lock, log
from .files import queue_file

DECISION_FIELDS = (
    "number",
    "place",
    "dated",
    "parent_body",
    "issuing_body",
    "grantor",
    "summary",
    "bases",
    "achievement",
    "article_2",
    "article_3",
    "recipients",
    "signing_authority",
    "signer_name",
)


def decision_require_possible(*, proposal):
    """A decision follows the council's count, and awards at least one line."""
    ballot = CouncilBallot.objects.filter(proposal=proposal).first()
    if ballot is not None and ballot.is_open:
        raise ValidationError(_("The council is still voting on this proposal: count the ballot before the decision."))
    if proposal.status != Proposal.Status.APPROVED:
        raise ValidationError(_("The council has not decided on this proposal yet."))
    if not proposal.lines.filter(decision=ProposalLine.Decision.APPROVED).exists():
        raise ValidationError(_("The council passed no line of this proposal, so there is nothing to award."))
    if not selectors.awarded_lines(proposal=proposal):
        raise ValidationError(
            _("Every line the council passed is for a title a higher level decides: forward them instead.")
        )


@transaction.atomic
def decision_save(*, user, proposal, decision, expected_version):
    """Issue the decision on the lines the council passed, or correct it; each save is a new version of its papers.

    The number is unique for the authority and the year of the decision's
    date: refused, with nothing saved, when that authority used it already.
    """
    campaign_require_open(proposal.campaign_id)
    current = lock(proposal)
    decision_require_possible(proposal=current)
    existing = AwardDecision.objects.select_for_update().filter(proposal=current).first()
    if (existing.version if existing else 0) != expected_version:
        raise ValidationError(_("Someone else saved this decision meanwhile; reload the page and try again."))
    decision.proposal = current
    decision.authority_id = current.council.unit_id
    decision.number = " ".join(decision.number.split())
    decision.year = decision.dated.year
    used = (
        AwardDecision.objects.filter(authority_id=decision.authority_id, year=decision.year)
        .exclude(proposal=current)
        .values_list("number", flat=True)
    )
    # Compared without regard to case, "Đ" included (which SQLite's iexact would miss).
    if decision.number.casefold() in {number.casefold() for number in used}:
        raise ValidationError(_number_taken(decision))
    if existing:
        decision.pk, decision.created_by, decision.created_at = existing.pk, existing.created_by, existing.created_at
    else:
        decision.created_by = user
    decision.version = expected_version + 1
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:
        raise ValidationError(_number_taken(decision)) from None
    logged = log(current, "decision.issued" if not existing else "decision.changed", user, number=decision.number)
    PreparedDecision.objects.filter(proposal=current).delete()
    # The register follows the decision, correction included, in this same transaction.
    honours_record_decision(
        decision=decision, lines=selectors.awarded_lines(proposal=current), year=current.campaign.year
    )
    # Each award gets the code its certificate is checked by, before the certificates are printed.
    certificate_codes_issue(proposal=current)
    if not existing:
        notifications.decision_issued(decision=decision, actor=user, logged=logged)
    for kind in (RenderedFile.Kind.DECISION, RenderedFile.Kind.DECISION_LIST, RenderedFile.Kind.CERTIFICATES):
        queue_file(proposal=current, kind=kind, version=decision.version)
    return decision


@transaction.atomic
def decision_prepare(*, user, proposal, fields):
    """The secretary's decision, kept as typed for the authority to issue (the council's setting); logged."""
    campaign_require_open(proposal.campaign_id)
    current = lock(proposal)
    decision_require_possible(proposal=current)
    PreparedDecision.objects.update_or_create(proposal=current, defaults={"fields": fields, "prepared_by": user})
    logged = log(current, "decision.prepared", user, number=fields.get("number", ""))
    notifications.decision_prepared(proposal=current, number=fields.get("number", ""), actor=user, logged=logged)


def _number_taken(decision):
    return _("Number %(number)s is already used by %(authority)s in %(year)s: give the decision another number.") % {
        "number": decision.number,
        "authority": decision.authority.name,
        "year": decision.year,
    }
