"""How a unit stands on its registration, and how many registrations wait for their compiler."""

from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.dashboard import Step, Task
from registrations.models import Registration
from registrations.selectors import registration_deadline

Status = Registration.Status


def registration_steps(campaign, unit_ids):
    registrations = {
        registration.unit_id: registration
        for registration in Registration.objects.filter(campaign=campaign, unit_id__in=unit_ids)
    }
    deadline = registration_deadline(campaign=campaign)
    steps = {}
    for unit_id in unit_ids:
        registration = registrations.get(unit_id)
        status = registration.status if registration else None
        steps[unit_id] = Step(
            label=_("Registration"),
            state=registration.get_status_display() if registration else _("Not started"),
            done=status in (Status.SUBMITTED, Status.ACCEPTED),
            link=reverse("registrations:edit", args=[campaign.pk, unit_id]),
            action=_("Correct and send the registration again")
            if status == Status.RETURNED
            else _("Send the registration"),
            deadline=deadline,
        )
    return steps


def registrations_waiting(access):
    waiting = Registration.objects.filter(
        campaign=access.campaign, unit_id__in=access.compiled_unit_ids, status=Status.SUBMITTED
    ).count()
    return [
        Task(
            label=_("Registrations to accept or return"),
            count=waiting,
            link=reverse("registrations:overview", args=[access.campaign.pk]),
        )
    ]
