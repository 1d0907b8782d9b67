"""What a registration's steps tell, and to whom: the compiler when it is sent, the unit when it is decided.

Each takes the log entry that records the step: it names the event, so a
notification is made once per step.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.selectors import campaign_participants
from notifications.services import clerks_of, clerks_of_compiler, clerks_of_units, notify
from registrations.models import Registration
from registrations.selectors import registration_deadline


def registration_sent(*, registration, actor, resubmission, logged):
    campaign, unit = registration.campaign, registration.unit
    names = {"unit": unit.name, "campaign": campaign.name}

    def message():
        if resubmission:
            line = _("%(unit)s sent its corrected registration in the campaign “%(campaign)s”.") % names
        else:
            line = _("%(unit)s sent its registration in the campaign “%(campaign)s”.") % names
        late = _("It was sent after the deadline.") if registration.is_late and not resubmission else ""
        return (
            _("Registration received: %(unit)s – %(campaign)s") % names,
            _("To the compiler of %(campaign)s,") % names,
            [line, late, _("Accept it, or return it with what must be corrected.")],
        )

    notify(
        event="registration.submitted",
        key=logged.pk,
        recipients=clerks_of_compiler(campaign=campaign, unit_id=unit.pk),
        link=reverse("registrations:detail", args=[registration.pk]),
        message=message,
        unit=unit,
        actor=actor,
    )


def registration_decided(*, registration, actor, logged):
    """Accepted, returned or reopened: the unit's clerks learn it, with the compiler's comment."""
    campaign, unit = registration.campaign, registration.unit
    names = {"unit": unit.name, "campaign": campaign.name}
    accepted = registration.status == Registration.Status.ACCEPTED

    def message():
        if accepted:
            subject = _("Registration accepted: %(campaign)s") % names
            line = _("The registration of %(unit)s in the campaign “%(campaign)s” was accepted.") % names
        else:
            subject = _("Registration returned for correction: %(campaign)s") % names
            line = (
                _("The registration of %(unit)s in the campaign “%(campaign)s” was returned to you for correction.")
                % names
            )
        comment = _("The compiler's comment: %(comment)s") % {"comment": registration.return_comment}
        return (
            subject,
            _("To the emulation clerk of %(unit)s,") % names,
            [
                line,
                comment if registration.return_comment else "",
                "" if accepted else _("Correct it and send it again."),
            ],
        )

    page = "registrations:detail" if accepted else "registrations:edit"
    notify(
        event="registration.accepted" if accepted else "registration.returned",
        key=logged.pk,
        recipients=clerks_of_units([unit.pk]),
        link=reverse(page, args=[registration.pk] if accepted else [campaign.pk, unit.pk]),
        message=message,
        unit=unit,
        actor=actor,
    )


def campaign_opened(*, campaign, actor, logged):
    """Each competing unit's clerks learn that the campaign is open, with the link to their unit's registration."""
    deadline = registration_deadline(campaign=campaign)
    units = list(campaign_participants(campaign=campaign))
    clerks = clerks_of([unit.pk for unit in units])
    for unit in units:
        names = {
            "campaign": campaign.name,
            "unit": unit.name,
            "date": deadline.strftime("%d/%m/%Y") if deadline else "",
        }

        def message(names=names):
            return (
                _("Register for the campaign: %(campaign)s") % names,
                _("To the emulation clerk of %(unit)s,") % names,
                [
                    _("The campaign “%(campaign)s” is open and %(unit)s takes part in it.") % names,
                    _("Send your unit's registration (its commitments and the titles it aims for) by %(date)s.") % names
                    if deadline
                    else _("Send your unit's registration (its commitments and the titles it aims for)."),
                ],
            )

        notify(
            event="campaign.opened",
            key=f"{logged.pk}:{unit.pk}",
            recipients=clerks[unit.pk],
            link=reverse("registrations:edit", args=[campaign.pk, unit.pk]),
            message=message,
            unit=unit,
            actor=actor,
        )
