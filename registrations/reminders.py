"""What the registration milestone asks of a unit: a registration sent (or accepted)."""

from registrations.models import Registration


def registered(campaign, unit_ids):
    return set(
        Registration.objects.filter(
            campaign=campaign,
            unit_id__in=unit_ids,
            status__in=[Registration.Status.SUBMITTED, Registration.Status.ACCEPTED],
        ).values_list("unit_id", flat=True)
    )
