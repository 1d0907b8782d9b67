"""What the report, year-end and vote milestones ask of a unit, for the reminders."""

from django.urls import reverse

from campaigns.models import Milestone
from notifications.reminders import register_completion
from scoring.models import MidyearReport, Scorecard, VoteMeeting


def reported(campaign, unit_ids):
    return set(MidyearReport.objects.filter(campaign=campaign, unit_id__in=unit_ids).values_list("unit_id", flat=True))


def self_assessed(campaign, unit_ids):
    return set(
        Scorecard.objects.filter(
            campaign=campaign, unit_id__in=unit_ids, status=Scorecard.Status.SUBMITTED
        ).values_list("unit_id", flat=True)
    )


def voted(campaign, unit_ids):
    return set(
        VoteMeeting.objects.filter(campaign=campaign, compiler_id__in=unit_ids).values_list("compiler_id", flat=True)
    )


def _page(name):
    return lambda campaign, unit_id: reverse(name, args=[campaign.pk, unit_id])


def register():
    register_completion(Milestone.Kind.MIDYEAR_REPORT, done=reported, link=_page("scoring:report"))
    register_completion(Milestone.Kind.YEAREND_REPORT, done=self_assessed, link=_page("scoring:self"))
    register_completion(
        Milestone.Kind.VOTE_MEETING,
        done=voted,
        link=lambda campaign, unit_id: reverse("scoring:vote", args=[campaign.pk]),
    )
