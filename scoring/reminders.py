"""What the report, year-end and vote milestones ask of a unit, for the reminders."""

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
