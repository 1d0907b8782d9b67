"""The members' vote, recorded after the objection window once every objection is answered."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.services import log_action
from campaigns.services import campaign_require_open
from scoring import notifications, selectors
from scoring.models import (
    Ballot,
    Objection,
    Ranking,
    VoteMeeting,
)

from .common import lock_campaign


def _refuse_vote_before_objections(campaign, compiler):
    ranking = Ranking.objects.filter(campaign=campaign, compiler=compiler).first()
    if ranking is None or not ranking.is_published:
        return
    if ranking.objections_until is not None and timezone.localdate() <= ranking.objections_until:
        raise ValidationError(
            _("Members may object to their scores until %(date)s; record the vote after that.")
            % {"date": ranking.objections_until.strftime("%d/%m/%Y")}
        )
    if Objection.objects.filter(ranking=ranking, status=Objection.Status.OPEN).exists():
        raise ValidationError(_("Answer every objection before recording the vote."))


@transaction.atomic
def vote_meeting_save(*, user, campaign, compiler, unit_ids, held_on, place, notes, present, ballots):
    """Record the vote meeting; each ballot is (voter, candidate, title) and voters must be present."""
    campaign_require_open(campaign.pk)
    lock_campaign(campaign)
    if not selectors.is_locked(campaign=campaign, compiler_id=compiler.pk):
        raise ValidationError(_("Finalise the ranking before recording the vote."))
    _refuse_vote_before_objections(campaign, compiler)
    present_ids = {unit.pk for unit in present}
    if not present_ids:
        raise ValidationError(_("Tick the units present at the meeting."))
    absent = {voter for voter, _candidate, _title in ballots} - present_ids
    if absent:
        raise ValidationError(_("Only units present at the meeting can vote."))
    if any(voter == candidate for voter, candidate, _title in ballots):
        raise ValidationError(_("A unit cannot vote for itself."))
    if {candidate for _voter, candidate, _title in ballots} - set(unit_ids):
        raise ValidationError(_("Only units of this ranking can be proposed."))
    meeting = VoteMeeting.objects.filter(campaign=campaign, compiler=compiler).first() or VoteMeeting(
        campaign=campaign, compiler=compiler, threshold=selectors.policy_for(campaign=campaign).vote_threshold
    )
    meeting.held_on, meeting.place, meeting.notes, meeting.recorded_by = held_on, place, notes, user
    meeting.full_clean()
    meeting.save()
    meeting.present.set(present)
    meeting.ballots.all().delete()
    Ballot.objects.bulk_create(
        Ballot(meeting=meeting, voter_id=voter, candidate_id=candidate, title_id=title)
        for voter, candidate, title in ballots
    )
    logged = log_action(
        obj=campaign,
        action="vote.recorded",
        user=user,
        data={"meeting": meeting.pk, "present": sorted(present_ids), "ballots": len(ballots)},
    )
    notifications.vote_recorded(meeting=meeting, actor=user, logged=logged)
    return meeting
