"""Writes to awards: proposals, the council's secret ballot, the decision, initiatives; checked, locked and logged.

The ballot, the decision and their papers belong to the year's work, so each
of their writes asks `campaign_require_open`: a closed campaign is the
office's way of freezing the year, and an award decided after it would change
the register of a year everyone has closed. Reopen the campaign to decide.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from activity.services import log_action
from awards import notifications, selectors
from awards.models import (
    AwardDecision,
    BallotSeat,
    BallotThreshold,
    CampaignRules,
    CouncilBallot,
    Initiative,
    Proposal,
    ProposalLine,
    RenderedFile,
    RuleSet,
    SecretVote,
)
from awards.rulebook.gates import require_attendance, rules_require_in_force
from awards.rulebook.resolve import judging_day
from campaigns.models import Title
from campaigns.services import campaign_require_open, shift_years
from core.templatetags.thidua import document_date
from core.text import display_name
from honours.services import honours_record_decision
from organisation.models import CouncilMember, Unit
from organisation.selectors import units_with_descendants
from registrations.models import CollectiveAim, IndividualAim, Registration
from scoring.models import Ranking, RankingEntry
from scoring.selectors import vote_meeting_for, vote_results


def _lock(proposal):
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _log(proposal, action, user, **data):
    return log_action(obj=proposal, action=action, user=user, data=data)


def _draft_already(*, campaign, kind, proposer):
    """The proposer's draft of this kind, if one exists; drawing up again returns it.

    Locks the proposer's row first, so that two posts of the same form at
    once draw up one proposal, not two.
    """
    Unit.objects.select_for_update().get(pk=proposer.pk)
    return Proposal.objects.filter(
        campaign=campaign, kind=kind, proposer=proposer, status=Proposal.Status.DRAFT, forwarded_from__isnull=True
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
    """Send the proposal up to its council: a unit's to its own, a bloc's to the province's. Once."""
    campaign_require_open(proposal.campaign_id)
    current = _lock(proposal)
    if current.status != Proposal.Status.DRAFT:
        raise ValidationError(_("This proposal was sent to %(council)s already.") % {"council": current.council})
    if not current.lines.exists():
        raise ValidationError(_("The proposal has no line."))
    current.status = Proposal.Status.SUBMITTED
    current.returned_reason = ""
    current.version += 1
    current.save()
    logged = _log(current, "proposal.submitted", user, council=current.council.name)
    notifications.proposal_submitted(proposal=current, actor=user, logged=logged)
    return current


def _still_with_the_council(proposal):
    """Only a proposal the council has not begun to vote on can go back to its proposer."""
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ValidationError(_("Only a proposal with the council, not yet put to its vote, can go back."))
    if CouncilBallot.objects.filter(proposal=proposal).exists():
        raise ValidationError(_("The council is voting, or has voted, on this proposal: it can no longer go back."))


@transaction.atomic
def proposal_recall(*, user, proposal):
    """The proposer takes back a proposal before the council votes on it; it becomes a draft again."""
    campaign_require_open(proposal.campaign_id)
    current = _lock(proposal)
    _still_with_the_council(current)
    current.status = Proposal.Status.DRAFT
    current.version += 1
    current.save(update_fields=["status", "version"])
    logged = _log(current, "proposal.recalled", user, council=current.council.name)
    notifications.proposal_recalled(proposal=current, actor=user, logged=logged)
    return current


@transaction.atomic
def proposal_return(*, user, proposal, reason):
    """The council sends a proposal back to its proposer, saying why, before it votes on it."""
    campaign_require_open(proposal.campaign_id)
    current = _lock(proposal)
    _still_with_the_council(current)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the proposal goes back, so that the proposer can put it right."))
    current.status = Proposal.Status.DRAFT
    current.returned_reason = reason[:2000]
    current.version += 1
    current.save(update_fields=["status", "returned_reason", "version"])
    logged = _log(current, "proposal.returned", user, council=current.council.name, reason=current.returned_reason)
    notifications.proposal_returned(proposal=current, actor=user, logged=logged)
    return current


@transaction.atomic
def proposal_forward(*, user, proposal, number="", dated=None):
    """Carry the lines the council passed for titles a higher level decides up to the council above, once.

    They go in a proposal of their own, sent at once: the council above
    reviews it like any other and sees nothing else of this one.
    """
    campaign_require_open(proposal.campaign_id)
    current = _lock(proposal)
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
        ProposalLine(
            proposal=forwarded,
            position=position,
            title_id=line.title_id,
            unit_id=line.unit_id,
            person_id=line.person_id,
            outstanding=line.outstanding,
            achievements=line.achievements,
            rank=line.rank,
            votes=line.votes,
        )
        for position, line in enumerate(lines, start=1)
    )
    _log(current, "proposal.forwarded", user, council=above.name, lines=len(lines), to=forwarded.pk)
    logged = _log(
        forwarded, "proposal.submitted", user, council=above.name, lines=len(lines), forwarded_from=current.pk
    )
    notifications.proposal_submitted(proposal=forwarded, actor=user, logged=logged)
    return forwarded


# The council's secret ballot


def _percent(value):
    return number_format(format(value.normalize(), "f"))


@transaction.atomic
def ballot_open(*, user, proposal, held_on, council_figures):
    """Open the council's secret ballot: every member seated now counts, and each title's share is fixed.

    `council_figures` ({title id: per cent}) replaces the rule set's figure for
    the titles whose threshold the law leaves to the unit, and only for those.
    """
    campaign_require_open(proposal.campaign_id)
    current = _lock(proposal)
    if current.status != Proposal.Status.SUBMITTED:
        raise ValidationError(_("Only a proposal with the council is put to the council's vote."))
    if CouncilBallot.objects.filter(proposal=current).exists():
        raise ValidationError(_("The council has voted, or is voting, on this proposal already."))
    # Locked, so that an office editing the set at this moment makes a new version instead of changing it under us.
    rule_set = RuleSet.objects.select_for_update().get(pk=rules_require_in_force(campaign=current.campaign).pk)
    members = list(CouncilMember.objects.filter(council_id=current.council_id).select_related("user"))
    if not members:
        raise ValidationError(_("The council has no members to vote."))
    if rule_set.quorum_members and rule_set.quorum_members > len(members):
        raise ValidationError(
            _("%(rules)s asks for %(quorum)s members at the meeting, but %(council)s has %(members)s.")
            % {
                "rules": rule_set,
                "quorum": rule_set.quorum_members,
                "council": current.council,
                "members": len(members),
            }
        )
    thresholds = []
    for item in selectors.ballot_title_thresholds(proposal=current):
        percent, source = item.percent, item.legal_source
        figure = council_figures.get(item.title.pk) if item.council_sets else None
        if figure is not None and figure != percent:
            percent = figure
            source = _("Set by the council when it opened the ballot; %(source)s") % {"source": source}
        if percent is None:
            raise ValidationError(
                _("Give the share of votes “%(title)s” needs: the rule set names none.") % {"title": item.title}
            )
        thresholds.append(
            BallotThreshold(
                title=item.title,
                percent=percent,
                counted_over=item.counted_over,
                more_than=item.more_than,
                legal_source=source or _("The council"),
            )
        )
    ballot = CouncilBallot.objects.create(
        proposal=current,
        rule_set=rule_set,
        held_on=held_on,
        member_count=len(members),
        quorum=rule_set.quorum,
        quorum_source=rule_set.quorum_source,
        quorum_members=rule_set.quorum_members,
        attendance=rule_set.attendance,
        attendance_source=rule_set.attendance_source,
        opened_by=user,
    )
    for threshold in thresholds:
        threshold.ballot = ballot
    BallotThreshold.objects.bulk_create(thresholds)
    BallotSeat.objects.bulk_create(
        BallotSeat(
            ballot=ballot,
            user=member.user,
            position=member.position,
            name=display_name(member.user),
            job_title=member.job_title,
        )
        for member in members
    )
    logged = _log(current, "ballot.opened", user, members=len(members))
    notifications.ballot_opened(ballot=ballot, actor=user, logged=logged)
    return ballot


@transaction.atomic
def ballot_cast(*, user, seat, choices, expected_version, present=True):
    """One member's ballot ({line id: agrees}); changeable until the count, and never taken twice from one form.

    A member casting their own ballot is at the meeting. The secretary records
    a paper ballot for another member: one handed in at the meeting, or the
    written vote of an absent member, which the law asks of absent members.
    The log says who voted and when, never how.
    """
    ballot = CouncilBallot.objects.select_for_update().select_related("proposal").get(pk=seat.ballot_id)
    campaign_require_open(ballot.proposal.campaign_id)
    if not ballot.is_open:
        raise ValidationError(_("The ballot has been counted: no vote can change any more."))
    current = BallotSeat.objects.get(pk=seat.pk)
    own = current.user_id == user.pk
    if not own and current.recorded_by_id == current.user_id:
        raise ValidationError(
            _("%(name)s cast their own ballot; nobody else can record one for them.") % {"name": current.name}
        )
    if not choices:
        raise ValidationError(_("Choose “agree” or “disagree” on at least one line."))
    lines = set(
        ProposalLine.objects.filter(proposal_id=ballot.proposal_id, pk__in=choices).values_list("pk", flat=True)
    )
    if lines != set(choices):
        raise ValidationError(_("The ballot names a line that is not in this proposal."))
    at_meeting = own or present
    taken = BallotSeat.objects.filter(pk=current.pk, version=expected_version).update(
        version=F("version") + 1,
        present=at_meeting,
        in_writing=not at_meeting,
        voted_at=timezone.now(),
        recorded_by=user,
    )
    if not taken:
        raise ValidationError(
            _("This ballot was recorded a moment ago from another window; reload the page, check it and vote again.")
        )
    SecretVote.objects.bulk_create(
        [SecretVote(seat=current, line_id=line_id, agree=agree) for line_id, agree in choices.items()],
        update_conflicts=True,
        unique_fields=["seat", "line"],
        update_fields=["agree"],
    )
    _log(ballot.proposal, "ballot.cast", user, member=current.name, lines=len(choices), in_writing=not at_meeting)
    return expected_version + 1


@transaction.atomic
def ballot_close(*, user, ballot):
    """Count the ballot and decide every line with its reason; the proposal then goes to the authority.

    Refused while too few members are at the meeting for the quorum.
    """
    proposal = _lock(ballot.proposal)
    campaign_require_open(proposal.campaign_id)
    ballot = CouncilBallot.objects.select_for_update().get(pk=ballot.pk)
    if not ballot.is_open:
        raise ValidationError(_("The ballot has been counted already."))
    present = BallotSeat.objects.filter(ballot=ballot, present=True).count()
    require_attendance(ballot=ballot, present=present)
    if selectors.share(present, ballot.member_count) < ballot.quorum:
        raise ValidationError(
            _(
                "Too few members at the meeting to count the ballot: %(present)s of %(members)s present, "
                "at least %(quorum)s%% needed (%(source)s)."
            )
            % {
                "present": present,
                "members": ballot.member_count,
                "quorum": _percent(ballot.quorum),
                "source": ballot.quorum_source,
            }
        )
    ballot.proposal = proposal
    counts = selectors.ballot_count(ballot=ballot)
    now = timezone.now()
    lines = []
    for count in counts:
        line = count.line
        figures = {
            "agree": count.agree,
            "members": count.members,
            "share": _percent(count.share),
            "needed": _percent(count.needed),
        }
        if count.passes:
            line.reason = (
                _("%(agree)s of %(members)s members present agreed (%(share)s%%; %(needed)s%% of them needed).")
                if count.over_present
                else _("%(agree)s of %(members)s members agreed (%(share)s%%; %(needed)s%% of all members needed).")
            )
        elif not count.passes_vote:
            line.reason = (
                _(
                    "Not passed: %(agree)s of %(members)s members present agreed (%(share)s%%; %(needed)s%% of them "
                    "needed)."
                )
                if count.over_present
                else _(
                    "Not passed: %(agree)s of %(members)s members agreed (%(share)s%%; %(needed)s%% of all members "
                    "needed)."
                )
            )
        else:
            figures["reasons"] = " ".join(f"{result.rule.text} {result.explanation}" for result in count.failing)
            line.reason = _("Passed the vote (%(agree)s of %(members)s members) but not approved: %(reasons)s")
        line.reason %= figures
        line.decision = ProposalLine.Decision.APPROVED if count.passes else ProposalLine.Decision.REJECTED
        line.decided_by, line.decided_at = user, now
        lines.append(line)
    ProposalLine.objects.bulk_update(lines, ["decision", "reason", "decided_by", "decided_at"], batch_size=500)
    ballot.status, ballot.closed_by, ballot.closed_at = CouncilBallot.Status.CLOSED, user, now
    ballot.save(update_fields=["status", "closed_by", "closed_at"])
    proposal.status = Proposal.Status.APPROVED
    proposal.version += 1
    proposal.save(update_fields=["status", "version"])
    approved = sum(1 for count in counts if count.passes)
    logged = _log(proposal, "ballot.closed", user, present=present, approved=approved, rejected=len(counts) - approved)
    notifications.ballot_counted(
        ballot=ballot, actor=user, logged=logged, approved=approved, rejected=len(counts) - approved
    )
    _queue_file(proposal=proposal, kind=RenderedFile.Kind.BALLOT_MINUTES, version=1)
    return ballot


# The decision


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
    current = _lock(proposal)
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
    logged = _log(current, "decision.issued" if not existing else "decision.changed", user, number=decision.number)
    # The register follows the decision, correction included, in this same transaction.
    honours_record_decision(
        decision=decision, lines=selectors.awarded_lines(proposal=current), year=current.campaign.year
    )
    if not existing:
        notifications.decision_issued(decision=decision, actor=user, logged=logged)
    for kind in (RenderedFile.Kind.DECISION, RenderedFile.Kind.DECISION_LIST, RenderedFile.Kind.CERTIFICATES):
        _queue_file(proposal=current, kind=kind, version=decision.version)
    return decision


def _number_taken(decision):
    return _("Number %(number)s is already used by %(authority)s in %(year)s: give the decision another number.") % {
        "number": decision.number,
        "authority": decision.authority.name,
        "year": decision.year,
    }


# Papers kept once rendered

STALE = timedelta(minutes=10)


def _queue_file(*, proposal, kind, version):
    """Create the file's row once and queue its rendering when the transaction commits."""
    file, created = RenderedFile.objects.get_or_create(proposal=proposal, kind=kind, version=version)
    if created:
        _queue_on_commit(file.pk)
    return file


def _queue_on_commit(file_id):
    from awards.tasks import queue_render  # tasks call back into this module

    transaction.on_commit(lambda: queue_render(file_id))


@transaction.atomic
def rendered_file_request(*, proposal, kind, version, retry=False):
    """The file of this document version: ready, on its way, or queued now (once, however many ask).

    Asking again while it renders only reads, so a page polling its progress
    never waits for the task's own writes.
    """
    file = _queue_file(proposal=proposal, kind=kind, version=version)
    stale = timezone.now() - STALE
    Status = RenderedFile.Status
    # A failed render is tried again on request; one lost with a restarted worker, after a while.
    again = (
        (retry and file.status == Status.FAILED)
        or (file.status == Status.PENDING and file.requested_at < stale)
        or (file.status == Status.RUNNING and file.started_at is not None and file.started_at < stale)
    )
    if again and RenderedFile.objects.filter(pk=file.pk, status=file.status, requested_at=file.requested_at).update(
        status=Status.PENDING, requested_at=timezone.now(), error="", done=0
    ):
        _queue_on_commit(file.pk)
        file.refresh_from_db()
    return file


def rendered_file_render(*, file_id):
    """The task's work: claim the file, render it with its progress saved as it goes, keep it. A rerun is a no-op."""
    from awards.pdf import RENDERED  # the PDF layer reads through selectors; imported where it is used

    now = timezone.now()
    claimable = Q(status=RenderedFile.Status.PENDING) | Q(
        status=RenderedFile.Status.RUNNING, started_at__lt=now - STALE
    )
    if not RenderedFile.objects.filter(claimable, pk=file_id).update(
        status=RenderedFile.Status.RUNNING, started_at=now
    ):
        return None
    file = RenderedFile.objects.select_related("proposal").get(pk=file_id)

    def progress(done, total):
        RenderedFile.objects.filter(pk=file_id).update(done=done, total=total)

    try:
        filename, _mime, content = RENDERED[file.kind](file.proposal).generate(progress=progress)
    except Exception as error:
        RenderedFile.objects.filter(pk=file_id).update(
            status=RenderedFile.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    file.file.save(f"{file.proposal_id}-v{file.version}-{filename}", ContentFile(content), save=False)
    RenderedFile.objects.filter(pk=file_id).update(
        status=RenderedFile.Status.DONE, file=file.file.name, finished_at=timezone.now()
    )
    return file.file.name


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
    """The copy is judged on the same day of its own year, by the chosen set only if it is still in force then.

    Called by `campaign_copy`; a set chosen for a 2020 campaign must not judge
    its 2026 copy.
    """
    chosen = CampaignRules.objects.filter(campaign=source).select_related("rule_set").first()
    if chosen is None:
        return
    judged_on = shift_years(chosen.judged_on, target.year - source.year) if chosen.judged_on else None
    day = judged_on or judging_day(campaign=target)
    rule_set = chosen.rule_set if chosen.rule_set and chosen.rule_set.in_force_on(day) else None
    if judged_on or rule_set:
        CampaignRules.objects.create(campaign=target, rule_set=rule_set, judged_on=judged_on)
