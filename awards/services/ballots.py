"""The council's secret ballot: opened by its secretary, cast by each member (written votes recorded), counted."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from awards import notifications, selectors
from awards.models import (
    BallotSeat,
    BallotThreshold,
    CouncilBallot,
    Proposal,
    ProposalLine,
    RenderedFile,
    RuleSet,
    SecretVote,
)
from awards.rulebook.gates import require_attendance, rules_require_in_force
from campaigns.services import campaign_require_open
from core.text import display_name
from organisation.models import CouncilMember

from .common import lock, log
from .files import queue_file


def _percent(value):
    return number_format(format(value.normalize(), "f"))


@transaction.atomic
def ballot_open(*, user, proposal, held_on, council_figures):
    """Open the council's secret ballot: every member seated now counts, and each title's share is fixed.

    `council_figures` ({title id: per cent}) replaces the rule set's figure for
    the titles whose threshold the law leaves to the unit, and only for those.
    """
    campaign_require_open(proposal.campaign_id)
    current = lock(proposal)
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
    logged = log(current, "ballot.opened", user, members=len(members))
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
    log(ballot.proposal, "ballot.cast", user, member=current.name, lines=len(choices), in_writing=not at_meeting)
    if not BallotSeat.objects.filter(ballot=ballot, voted_at__isnull=True).exists():
        notifications.ballot_complete(ballot=ballot, actor=user)
    return expected_version + 1


@transaction.atomic
def ballot_close(*, user, ballot):
    """Count the ballot and decide every line with its reason; the proposal then goes to the authority.

    Refused while too few members are at the meeting for the quorum.
    """
    proposal = lock(ballot.proposal)
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
    logged = log(proposal, "ballot.closed", user, present=present, approved=approved, rejected=len(counts) - approved)
    notifications.ballot_counted(
        ballot=ballot, actor=user, logged=logged, approved=approved, rejected=len(counts) - approved
    )
    queue_file(proposal=proposal, kind=RenderedFile.Kind.BALLOT_MINUTES, version=1)
    return ballot
