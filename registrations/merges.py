"""A merged unit's open registrations move to the unit it merged into (an answer to `organisation.signals`)."""

from django.utils.translation import gettext as _

from campaigns.models import Campaign
from registrations.models import CollectiveAim, Registration

OPEN = (Registration.Status.DRAFT, Registration.Status.SUBMITTED, Registration.Status.RETURNED)


def move_open_registrations(*, units, into, merged_on, report):
    """Registrations still open in campaigns not closed move; one the unit of today already has stays, said so."""
    ids = [unit.pk for unit in units]
    taken = set(Registration.objects.filter(unit=into).values_list("campaign_id", flat=True))
    for registration in (
        Registration.objects.filter(unit_id__in=ids, status__in=OPEN)
        .exclude(campaign__status=Campaign.Status.CLOSED)
        .select_related("campaign", "unit")
        .order_by("campaign__sort_name")
    ):
        if registration.campaign_id in taken:
            report["kept"].append(
                _("%(unit)s's registration for %(campaign)s stays under its name: %(into)s has its own.")
                % {"unit": registration.unit.name, "campaign": registration.campaign.name, "into": into.name}
            )
            continue
        registration.unit = into
        registration.save(update_fields=["unit", "updated_at"])
        taken.add(registration.campaign_id)
        report["registrations"].append(registration.campaign.name)
    # Titles a merged sub-unit aimed for in an open registration become the unit of today's, once.
    for aim in CollectiveAim.objects.filter(unit_id__in=ids, registration__status__in=OPEN):
        if CollectiveAim.objects.filter(registration_id=aim.registration_id, unit=into, title_id=aim.title_id).exists():
            aim.delete()
        else:
            aim.unit = into
            aim.save(update_fields=["unit"])
