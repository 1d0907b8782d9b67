"""Proposals: drawn up from the vote or a unit's registrations, edited as a draft, sent, recalled, returned and forwarded up the way."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from awards import notifications, selectors
from awards.achievement import reports_follow_forwarded_lines
from awards.campaign_limits import quotas_set, require_within_quotas
from awards.checks import build_context
from awards.models import (
    CouncilBallot,
    Proposal,
    ProposalLine,
)
from campaigns.models import Title
from campaigns.services import campaign_require_open
from core.db import copied
from core.templatetags.thidua import document_date
from organisation.selectors import units_with_descendants
from registrations.models import CollectiveAim, IndividualAim, Registration
from scoring.models import Ranking, RankingEntry
from scoring.selectors import vote_meeting_for, vote_results

from .common import lock, log


def _draft_already(*, campaign, kind, proposer):
    """The proposer's draft of this kind, if one exists; drawing up again returns it."""
    return Proposal.objects.filter(
        campaign=campaign, kind=kind, proposer=proposer, status=Proposal.Status.DRAFT, forwarded_from__isnull=True
    ).first()


def _draft_create(**fields):
    """The new draft and True; or, when a post of the same form at once drew one up first (the database keeps one
    draft per proposer, `one_draft_per_proposer`), that draft and False."""
    try:
        with transaction.atomic():
            return Proposal.objects.create(**fields), True
    except IntegrityError:
        draft = _draft_already(campaign=fields["campaign"], kind=fields["kind"], proposer=fields["proposer"])
        if draft is None:
            raise
        return draft, False


@transaction.atomic
def proposal_create_from_vote(*, user, campaign, compiler):
    """The bloc's proposal to the province: every unit the members' vote proposed, with its rank and votes."""
    campaign_require_open(campaign.pk)
    if draft := _draft_already(campaign=campaign, kind=Proposal.Kind.BLOC, proposer=compiler):
        return draft
    if campaign.council_id is None:
        raise ValidationError(_("The campaign names no reviewing council."))
    ranking = Ranking.objects.filter(campaign=campaign, compiler=compiler, status=Ranking.Status.FINAL).first()
    meeting = vote_meeting_for(campaign=campaign, compiler_id=compiler.pk)
    if ranking is None or meeting is None:
        raise ValidationError(_("Finalise the ranking and record the vote first."))
    ranks = dict(RankingEntry.objects.filter(ranking=ranking).values_list("unit_id", "rank"))
    passed = sorted(
        (result for result in vote_results(meeting=meeting) if result.passes),
        key=lambda result: (result.title.position, ranks.get(result.candidate.pk, 999)),
    )
    if not passed:
        raise ValidationError(_("The vote proposed no unit."))
    titles = [title.name for title in sorted({result.title for result in passed}, key=lambda title: title.position)]
    bloc = campaign.issuing_bloc
    proposal, created = _draft_create(
        campaign=campaign,
        kind=Proposal.Kind.BLOC,
        proposer=compiler,
        council=campaign.council,
        place=campaign.place,
        dated=meeting.held_on,
        summary=_("Proposal of %(titles)s for %(year)s") % {"titles": _(" and ").join(titles), "year": campaign.year},
        body=_(
            "On %(date)s the member units of %(bloc)s met to review the emulation movement of %(year)s and voted on "
            "the units to propose, on the basis of the scores each unit received against the criteria it "
            "registered. %(compiler)s respectfully submits to the %(council)s the list below for its consideration."
        )
        % {
            "date": document_date(meeting.held_on),
            "bloc": bloc.full_name or bloc.name if bloc else compiler.name,
            "year": campaign.year,
            "compiler": compiler.name,
            "council": campaign.council.name,
        },
        signing_authority=(f"TM. {bloc.name.upper()}\nKHỐI TRƯỞNG" if bloc else ""),
        signer_title=f"{compiler.head_title} {compiler.name}".strip().upper() if compiler.head_title else "",
        signer_name=compiler.head_name,
        recipients="\n".join([f"- Thường trực {campaign.council.name}", "- Các đơn vị thành viên Khối", "- Lưu: VT."]),
        created_by=user,
    )
    if not created:
        return proposal
    ProposalLine.objects.bulk_create(
        ProposalLine(
            proposal=proposal,
            position=position,
            title=result.title,
            unit=result.candidate,
            rank=ranks.get(result.candidate.pk),
            votes=f"{result.votes}/{result.present}",
        )
        for position, result in enumerate(passed, start=1)
    )
    log(proposal, "proposal.created", user, kind="bloc", lines=len(passed))
    return proposal


@transaction.atomic
def proposal_create_for_unit(*, user, campaign, unit):
    """A unit's own proposal (its staff and sub-units), from the titles its accepted registrations aimed for."""
    campaign_require_open(campaign.pk)
    if draft := _draft_already(campaign=campaign, kind=Proposal.Kind.UNIT, proposer=unit):
        return draft
    council = campaign.council or unit.councils.first()
    if council is None:
        raise ValidationError(_("Neither the campaign nor the unit has a council to review the proposal."))
    tree = units_with_descendants(unit_ids={unit.pk})
    registrations = Registration.objects.filter(
        campaign=campaign, unit_id__in=tree, status=Registration.Status.ACCEPTED
    )
    collective = CollectiveAim.objects.filter(registration__in=registrations).select_related("title", "unit")
    individual = IndividualAim.objects.filter(registration__in=registrations).select_related("title", "person")
    if not collective and not individual:
        raise ValidationError(_("No accepted registration aims for a title yet."))
    proposal, created = _draft_create(
        campaign=campaign,
        kind=Proposal.Kind.UNIT,
        proposer=unit,
        council=council,
        place=campaign.place or unit.province,
        summary=_("Proposal of emulation titles for %(year)s") % {"year": campaign.year},
        body=_(
            "On the basis of the emulation movement of %(year)s and the registrations of its divisions and staff, "
            "%(unit)s respectfully submits to the %(council)s the list below for its consideration."
        )
        % {"year": campaign.year, "unit": unit.name, "council": council.name},
        signer_title=(unit.head_title or "").upper(),
        signer_name=unit.head_name,
        recipients="- Hội đồng Thi đua – Khen thưởng\n- Lưu: VT.",
        created_by=user,
    )
    if not created:
        return proposal
    lines = [
        ProposalLine(proposal=proposal, title=aim.title, unit=aim.unit)
        for aim in sorted(collective, key=lambda aim: (aim.title.position, aim.unit.sort_name))
    ] + [
        ProposalLine(proposal=proposal, title=aim.title, person=aim.person)
        for aim in sorted(individual, key=lambda aim: (aim.title.position, aim.person.sort_name))
    ]
    for position, line in enumerate(lines, start=1):
        line.position = position
    ProposalLine.objects.bulk_create(lines, ignore_conflicts=True)
    log(proposal, "proposal.created", user, kind="unit", lines=len(lines))
    return proposal


def _editable(proposal):
    if proposal.status != Proposal.Status.DRAFT:
        raise ValidationError(_("The proposal was sent to the council; it can no longer change."))


@transaction.atomic
def proposal_update(*, user, proposal, expected_version):
    campaign_require_open(proposal.campaign_id)
    current = lock(proposal)
    _editable(current)
    if current.version != expected_version:
        raise ValidationError(_("Someone else saved this proposal meanwhile; reload the page and try again."))
    proposal.version = current.version + 1
    proposal.full_clean()
    proposal.save()
    log(proposal, "proposal.changed", user, version=proposal.version)
    return proposal


@transaction.atomic
def line_add(*, user, proposal, title, unit=None, person=None, outstanding=False, achievements=""):
    campaign_require_open(proposal.campaign_id)
    _editable(lock(proposal))
    if (unit is None) == (person is None):
        raise ValidationError(_("Choose a unit or a person."))
    if title.subject == Title.Subject.INDIVIDUAL and person is None:
        raise ValidationError(_("“%(title)s” is awarded to a person.") % {"title": title})
    if title.subject == Title.Subject.COLLECTIVE and unit is None:
        raise ValidationError(_("“%(title)s” is awarded to a collective.") % {"title": title})
    last = proposal.lines.order_by("-position").values_list("position", flat=True).first() or 0
    line = ProposalLine(
        proposal=proposal,
        position=last + 1,
        title=title,
        unit=unit,
        person=person,
        outstanding=outstanding,
        achievements=achievements,
    )
    line.full_clean()
    if quotas_set(campaign=proposal.campaign, title_ids=[title.pk]):
        require_within_quotas(line, build_context(campaign=proposal.campaign))
    line.save()
    log(proposal, "proposal.line_added", user, line=line.pk, nominee=str(line.nominee), title=title.name)
    return line


class StaleLine(Exception):
    """The line was changed by someone else since the page was loaded; carries the saved line."""

    def __init__(self, line):
        super().__init__(line)
        self.line = line


@transaction.atomic
def line_update(*, user, line, expected_version, changes):
    """Change the fields in `changes` (outstanding, achievements) and only those: a field the form did not
    show keeps its text. Refused with StaleLine when the line changed since `expected_version`."""
    campaign_require_open(line.proposal.campaign_id)
    _editable(lock(line.proposal))
    current = ProposalLine.objects.select_for_update().get(pk=line.pk)
    if current.version != expected_version:
        raise StaleLine(current)
    fields = [field for field in ("outstanding", "achievements") if field in changes]
    for field in fields:
        setattr(current, field, changes[field])
    current.version += 1
    current.save(update_fields=[*fields, "version"])
    log(
        current.proposal, "proposal.line_changed", user, line=current.pk, fields=fields, outstanding=current.outstanding
    )
    return current


@transaction.atomic
def line_remove(*, user, line):
    campaign_require_open(line.proposal.campaign_id)
    _editable(lock(line.proposal))
    data = {"line": line.pk, "nominee": str(line.nominee), "title": line.title.name}
    line.delete()
    log(line.proposal, "proposal.line_removed", user, **data)


@transaction.atomic
def proposal_submit(*, user, proposal):
    """Send the proposal up to its council: a unit's to its own, a bloc's to the province's. Once."""
    campaign_require_open(proposal.campaign_id)
    current = lock(proposal)
    if current.status != Proposal.Status.DRAFT:
        raise ValidationError(_("This proposal was sent to %(council)s already.") % {"council": current.council})
    if not current.lines.exists():
        raise ValidationError(_("The proposal has no line."))
    # Lines drawn up from the vote or the unit's results are made without a form: their quotas are checked here.
    lines = list(current.lines.select_related("proposal"))
    if quotas_set(campaign=current.campaign, title_ids={line.title_id for line in lines}):
        context = build_context(campaign=current.campaign)
        for line in lines:
            require_within_quotas(line, context)
    current.status = Proposal.Status.SUBMITTED
    current.returned_reason = ""
    current.version += 1
    current.save()
    logged = log(current, "proposal.submitted", user, council=current.council.name)
    notifications.proposal_submitted(proposal=current, actor=user, logged=logged)
    notifications.reports_missing(proposal=current, actor=user, logged=logged)
    return current


def _still_with_the_council(proposal):
    """Only a proposal the council has not begun to vote on can go back to its proposer."""
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ValidationError(_("Only a proposal with the council, not yet put to its vote, can go back."))
    if CouncilBallot.objects.filter(proposal=proposal).exists():
        raise ValidationError(_("The council is voting, or has voted, on this proposal: it can no longer go back."))


def _back_to_draft(proposal, *, fields):
    """Save a proposal going back to its proposer as a draft: refused while the proposer has drawn up another one."""
    try:
        with transaction.atomic():
            proposal.save(update_fields=fields)
    except IntegrityError:
        raise ValidationError(
            _("%(unit)s has another draft of this proposal: this one can go back once that draft is sent.")
            % {"unit": proposal.proposer}
        ) from None


@transaction.atomic
def proposal_recall(*, user, proposal):
    """The proposer takes back a proposal before the council votes on it; it becomes a draft again."""
    campaign_require_open(proposal.campaign_id)
    current = lock(proposal)
    _still_with_the_council(current)
    current.status = Proposal.Status.DRAFT
    current.version += 1
    _back_to_draft(current, fields=["status", "version"])
    logged = log(current, "proposal.recalled", user, council=current.council.name)
    notifications.proposal_recalled(proposal=current, actor=user, logged=logged)
    return current


@transaction.atomic
def proposal_return(*, user, proposal, reason):
    """The council sends a proposal back to its proposer, saying why, before it votes on it."""
    campaign_require_open(proposal.campaign_id)
    current = lock(proposal)
    _still_with_the_council(current)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the proposal goes back, so that the proposer can put it right."))
    current.status = Proposal.Status.DRAFT
    current.returned_reason = reason[:2000]
    current.version += 1
    _back_to_draft(current, fields=["status", "returned_reason", "version"])
    logged = log(current, "proposal.returned", user, council=current.council.name, reason=current.returned_reason)
    notifications.proposal_returned(proposal=current, actor=user, logged=logged)
    return current


@transaction.atomic
def proposal_forward(*, user, proposal, number="", dated=None):
    """Carry the lines the council passed for titles a higher level decides up to the council above, once.

    They go in a proposal of their own, sent at once: the council above
    reviews it like any other and sees nothing else of this one.
    """
    campaign_require_open(proposal.campaign_id)
    current = lock(proposal)
    already = Proposal.objects.filter(forwarded_from=current).select_related("council").first()
    if already is not None:
        raise ValidationError(
            _("These lines were forwarded to %(council)s already; follow them there.") % {"council": already.council}
        )
    if current.status != Proposal.Status.APPROVED:
        raise ValidationError(_("The council has not decided on this proposal yet."))
    lines = selectors.lines_to_forward(proposal=current)
    if not lines:
        raise ValidationError(_("The council passed no line for a title a higher level decides: nothing goes up."))
    above = selectors.council_above(council=current.council)
    if above is None:
        raise ValidationError(
            _("No council above %(council)s is kept in thidua: send these lines on paper.")
            % {"council": current.council}
        )
    campaign = current.campaign
    forwarded = Proposal.objects.create(
        campaign=campaign,
        kind=current.kind,
        proposer=current.proposer,
        council=above,
        forwarded_from=current,
        status=Proposal.Status.SUBMITTED,
        number=number,
        place=current.place,
        dated=dated,
        summary=_("Proposal of titles decided by %(council)s for %(year)s") % {"council": above, "year": campaign.year},
        body=_(
            "The %(lower)s reviewed the proposal “%(summary)s” and passed the lines below, for titles the %(upper)s "
            "decides. %(proposer)s respectfully submits them to the %(upper)s for its consideration."
        )
        % {
            "lower": current.council.name,
            "summary": current.summary,
            "upper": above.name,
            "proposer": current.proposer.name,
        },
        signing_authority=current.signing_authority,
        signer_title=current.signer_title,
        signer_name=current.signer_name,
        recipients="\n".join([f"- Thường trực {above.name}", "- Lưu: VT."]),
        created_by=user,
    )
    ProposalLine.objects.bulk_create(
        copied(
            line,
            ("title", "unit", "person", "outstanding", "achievements", "rank", "votes"),
            proposal=forwarded,
            position=position,
        )
        for position, line in enumerate(lines, start=1)
    )
    reports_follow_forwarded_lines(source=current, forwarded=forwarded)
    log(current, "proposal.forwarded", user, council=above.name, lines=len(lines), to=forwarded.pk)
    logged = log(forwarded, "proposal.submitted", user, council=above.name, lines=len(lines), forwarded_from=current.pk)
    notifications.proposal_submitted(proposal=forwarded, actor=user, logged=logged)
    return forwarded
