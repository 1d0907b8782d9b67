"""What the registration milestone asks of a unit: a registration sent (or accepted)."""

from django.urls import reverse

from campaigns.models import Milestone
from notifications.reminders import register_completion
from registrations.models import Registration


def registered(campaign, unit_ids):
    return set(
        Registration.objects.filter(
            campaign=campaign,
            unit_id__in=unit_ids,
            status__in=[Registration.Status.SUBMITTED, Registration.Status.ACCEPTED],
        ).values_list("unit_id", flat=True)
    )


def register():
    register_completion(
        Milestone.Kind.REGISTRATION,
        done=registered,
        link=lambda campaign, unit_id: reverse("registrations:edit", args=[campaign.pk, unit_id]),
    )
