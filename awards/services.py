"""Writes to awards: building proposals, the council's decisions, initiatives; checked, locked and logged."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.services import log_action
from awards.checks import approved_lines_needing, check_proposal
from awards.models import CampaignRules, Initiative, Proposal, ProposalLine
from campaigns.models import Title
from campaigns.services import campaign_require_open
from campaigns.templatetags.thidua import document_date
from organisation.models import Unit
from organisation.selectors import units_with_descendants
from registrations.models import CollectiveAim, IndividualAim, Registration
from scoring.models import Ranking, RankingEntry
from scoring.selectors import vote_meeting_for, vote_results


def _lock(proposal):
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _log(proposal, action, user, **data):
    log_action(obj=proposal, action=action, user=user, data=data)


def _draft_already(*, campaign, kind, proposer):
    """The proposer's draft of this kind, if one exists; drawing up again returns it.

    Locks the proposer's row first, so that two posts of the same form at
    once draw up one proposal, not two.
    """
    Unit.objects.select_for_update().get(pk=proposer.pk)
    return Proposal.objects.filter(
        campaign=campaign, kind=kind, proposer=proposer, status=Proposal.Status.DRAFT
    ).first()


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
    proposal = Proposal.objects.create(
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
    _log(proposal, "proposal.created", user, kind="bloc", lines=len(passed))
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
    proposal = Proposal.objects.create(
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
    _log(proposal, "proposal.created", user, kind="unit", lines=len(lines))
    return proposal


def _editable(proposal):
    if proposal.status != Proposal.Status.DRAFT:
        raise ValidationError(_("The proposal was sent to the council; it can no longer change."))


@transaction.atomic
def proposal_update(*, user, proposal, expected_version):
    campaign_require_open(proposal.campaign_id)
    current = _lock(proposal)
    _editable(current)
    if current.version != expected_version:
        raise ValidationError(_("Someone else saved this proposal meanwhile; reload the page and try again."))
    proposal.version = current.version + 1
    proposal.full_clean()
    proposal.save()
    _log(proposal, "proposal.changed", user, version=proposal.version)
    return proposal


@transaction.atomic
def line_add(*, user, proposal, title, unit=None, person=None, outstanding=False, achievements=""):
    campaign_require_open(proposal.campaign_id)
    _editable(_lock(proposal))
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
    line.save()
    _log(proposal, "proposal.line_added", user, line=line.pk, nominee=str(line.nominee), title=title.name)
    return line


@transaction.atomic
def line_update(*, user, line, outstanding, achievements):
    campaign_require_open(line.proposal.campaign_id)
    _editable(_lock(line.proposal))
    line.outstanding, line.achievements = outstanding, achievements
    line.save(update_fields=["outstanding", "achievements"])
    _log(line.proposal, "proposal.line_changed", user, line=line.pk, outstanding=outstanding)


@transaction.atomic
def line_remove(*, user, line):
    campaign_require_open(line.proposal.campaign_id)
    _editable(_lock(line.proposal))
    data = {"line": line.pk, "nominee": str(line.nominee), "title": line.title.name}
    line.delete()
    _log(line.proposal, "proposal.line_removed", user, **data)


@transaction.atomic
def proposal_submit(*, user, proposal):
    campaign_require_open(proposal.campaign_id)
    current = _lock(proposal)
    _editable(current)
    if not current.lines.exists():
        raise ValidationError(_("The proposal has no line."))
    current.status = Proposal.Status.SUBMITTED
    current.version += 1
    current.save()
    _log(current, "proposal.submitted", user)
    return current


@transaction.atomic
def line_decide(*, user, line, approve, reason):
    """The council's decision on one line; a line that fails its automatic check cannot be approved."""
    campaign_require_open(line.proposal.campaign_id)
    proposal = _lock(line.proposal)
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ValidationError(_("Only a proposal with the council is reviewed."))
    line = ProposalLine.objects.select_for_update().get(pk=line.pk)
    if approve:
        failing = [result for result in check_proposal(proposal=proposal)[line.pk] if not result.passes]
        if failing:
            raise ValidationError(
                _("This line fails: %(reasons)s It cannot be approved.")
                % {"reasons": " ".join(f"{r.rule.text} {r.explanation}" for r in failing)}
            )
    else:
        if not reason.strip():
            raise ValidationError(_("Give the reason for rejecting this line."))
        # Refused rather than un-approving the lines that depend on this one: an
        # approved line must always pass its rules, each approval is undone by
        # a decision of its own with its reason logged, and a dependent line
        # may sit in another proposal the council has closed already.
        dependent = approved_lines_needing(line=line)
        if dependent:
            raise ValidationError(
                _(
                    "Rejecting this line would make these approved lines fail their rules: %(lines)s. "
                    "Reconsider them first."
                )
                % {"lines": "; ".join(str(other) for other in dependent)}
            )
    old = line.decision
    line.decision = ProposalLine.Decision.APPROVED if approve else ProposalLine.Decision.REJECTED
    line.reason = reason.strip()
    line.decided_by = user
    line.decided_at = timezone.now()
    line.save()
    _log(
        proposal,
        "proposal.line_decided",
        user,
        line=line.pk,
        nominee=str(line.nominee),
        title=line.title.name,
        old=old,
        new=line.decision,
        reason=line.reason,
    )
    return line


@transaction.atomic
def proposal_approve(*, user, proposal):
    """Close the review. Every line decided, and the approved ones together break no quota."""
    campaign_require_open(proposal.campaign_id)
    current = _lock(proposal)
    if current.status != Proposal.Status.SUBMITTED:
        raise ValidationError(_("Only a proposal with the council can be approved."))
    if current.lines.filter(decision=ProposalLine.Decision.PENDING).exists():
        raise ValidationError(_("Decide every line first."))
    results = check_proposal(proposal=current, only_approved=True)
    broken = {r.rule.text for line_results in results.values() for r in line_results if not r.passes}
    if broken:
        raise ValidationError(
            _("The approved lines break these rules, so the proposal cannot go forward: %(rules)s")
            % {"rules": "; ".join(sorted(broken))}
        )
    current.status = Proposal.Status.APPROVED
    current.version += 1
    current.save()
    _log(current, "proposal.approved", user, approved=len(results))
    return current


@transaction.atomic
def initiative_register(*, user, person, year, name, summary):
    """Register an initiative once: the same author, year and name posted twice at once make one row.

    The form refuses a name registered already; two posts at the same instant
    both pass it, and the database's constraint lets one in.
    """
    initiative = Initiative(person=person, year=year, name=name, summary=summary, created_by=user)
    initiative.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            initiative.save()
    except IntegrityError:
        return Initiative.objects.get(person=person, year=year, name=name)
    log_action(obj=initiative, action="initiative.registered", user=user, data={"name": name, "person": person.pk})
    return initiative


@transaction.atomic
def initiative_decide(*, user, initiative, recognise, recognised_by, decision):
    current = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if current.status != Initiative.Status.SUBMITTED:
        raise ValidationError(_("This initiative was decided already."))
    if recognise and not decision.strip():
        raise ValidationError(_("Give the number and date of the recognition decision."))
    current.status = Initiative.Status.RECOGNISED if recognise else Initiative.Status.REJECTED
    current.recognised_by, current.decision = recognised_by.strip(), decision.strip()
    current.decided_by, current.decided_at = user, timezone.now()
    current.save()
    log_action(obj=current, action="initiative.decided", user=user, data={"status": current.status})
    return current


def rules_copy(*, source, target, items):
    """A rule set chosen for last year's campaign is chosen for the copy too (called by `campaign_copy`)."""
    chosen = CampaignRules.objects.filter(campaign=source).first()
    if chosen is not None:
        CampaignRules.objects.create(campaign=target, rule_set_id=chosen.rule_set_id)
