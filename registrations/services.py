"""Writes to registrations: each under a row lock, compared against the version the user saw, and logged."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.services import log_action
from campaigns.models import ContentItem, Title
from campaigns.services import campaign_require_open
from organisation.models import Person, Unit
from registrations import notifications
from registrations.models import CollectiveAim, IndividualAim, Registration, RegistrationItem, RegistrationSheet
from registrations.selectors import registration_deadline, registration_state


class StaleRegistration(Exception):
    """The registration changed since the user opened it; `registration` is the current row."""

    def __init__(self, registration):
        super().__init__()
        self.registration = registration


def _describe(state):
    """Readable labels for a state, so the history keeps names as they were; items in the plan's order."""
    items = ContentItem.objects.filter(pk__in=state["items"].keys()).order_by("position")
    units = Unit.objects.in_bulk({unit for unit, _title in state["collective"]})
    people = Person.objects.in_bulk({person for person, _title in state["individual"]})
    titles = Title.objects.in_bulk(
        {title for _u, title in state["collective"]} | {title for _p, title in state["individual"]}
    )
    return {
        "items": {str(item): state["items"][item.pk] for item in items},
        "titles": {f"{units[u].name}: {titles[t].name}" for u, t in state["collective"]}
        | {f"{people[p].full_name}: {titles[t].name}" for p, t in state["individual"]},
    }


def _diff(old, new):
    before, after = _describe(old), _describe(new)
    changes = {}
    # By the items' positions, not their labels: item 10 comes after item 2.
    added = [item for item in after["items"] if item not in before["items"]]
    removed = [item for item in before["items"] if item not in after["items"]]
    changed = [
        {"item": item, "old": text, "new": after["items"][item]}
        for item, text in before["items"].items()
        if item in after["items"] and text != after["items"][item]
    ]
    if added:
        changes["items_added"] = added
    if removed:
        changes["items_removed"] = removed
    if changed:
        changes["commitments_changed"] = changed
    if after["titles"] - before["titles"]:
        changes["titles_added"] = sorted(after["titles"] - before["titles"])
    if before["titles"] - after["titles"]:
        changes["titles_removed"] = sorted(before["titles"] - after["titles"])
    return changes


def _lock(*, campaign, unit, expected_version):
    """The registration row, locked, if it is still at the version the user saw."""
    registration = Registration.objects.select_for_update().filter(campaign=campaign, unit=unit).first()
    current_version = registration.version if registration else 0
    if current_version != expected_version:
        raise StaleRegistration(registration)
    return registration


def _write_state(registration, state):
    registration.items.all().delete()
    registration.collective_aims.all().delete()
    registration.individual_aims.all().delete()
    RegistrationItem.objects.bulk_create(
        RegistrationItem(registration=registration, content_item_id=item, commitment=text)
        for item, text in state["items"].items()
    )
    CollectiveAim.objects.bulk_create(
        CollectiveAim(registration=registration, unit_id=unit, title_id=title) for unit, title in state["collective"]
    )
    IndividualAim.objects.bulk_create(
        IndividualAim(registration=registration, person_id=person, title_id=title)
        for person, title in state["individual"]
    )


def _check_complete(campaign, state):
    """A registration is sent only with every mandatory item and a target for each chosen item."""
    errors = []
    mandatory = campaign.content_items.filter(is_mandatory=True)
    for item in mandatory:
        if item.pk not in state["items"]:
            errors.append(_("Content item %(item)s is mandatory.") % {"item": item.label or item.position})
    for item in campaign.content_items.filter(pk__in=state["items"].keys()):
        if not state["items"][item.pk].strip():
            errors.append(_("Write a target or commitment for item %(item)s.") % {"item": item.label or item.position})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def registration_save(*, user, campaign, unit, expected_version, state):
    """Save the unit's registration, creating it on first save.

    Raises StaleRegistration if someone saved since `expected_version`, and
    ValidationError when it has been sent and not returned.
    """
    campaign_require_open(campaign.pk)
    registration = _lock(campaign=campaign, unit=unit, expected_version=expected_version)
    if registration is None:
        try:
            with transaction.atomic():
                registration = Registration.objects.create(campaign=campaign, unit=unit, version=0)
        except IntegrityError:
            # Someone created it between our check and our insert.
            raise StaleRegistration(Registration.objects.get(campaign=campaign, unit=unit)) from None
    if not registration.is_editable:
        raise ValidationError(_("This registration was sent; it can change only after it is returned."))
    old_state = registration_state(registration=registration)
    changes = _diff(old_state, state)
    if changes or registration.version == 0:
        _write_state(registration, state)
        registration.version += 1
        registration.save(update_fields=["version", "updated_at"])
        log_action(
            obj=registration, action="registration.saved", user=user, data={"version": registration.version, **changes}
        )
    return registration


@transaction.atomic
def registration_submit(*, user, registration, expected_version, today):
    """Send a saved registration to its reviewer, flagged if late or refused where the campaign says so.

    Separate from saving, so that a refused send keeps the saved draft.
    """
    campaign_require_open(registration.campaign_id)
    registration = Registration.objects.select_for_update().select_related("campaign").get(pk=registration.pk)
    if registration.version != expected_version:
        raise StaleRegistration(registration)
    if not registration.is_editable:
        raise ValidationError(_("This registration was sent; it can change only after it is returned."))
    campaign = registration.campaign
    _check_complete(campaign, registration_state(registration=registration))
    resubmission = registration.status == Registration.Status.RETURNED
    deadline = registration_deadline(campaign=campaign)
    # Lateness is that of the first sending: a registration sent on time and
    # returned after the deadline is corrected, not late, and never refused.
    late = not resubmission and deadline is not None and today > deadline
    if late and campaign.refuse_late_registrations:
        raise ValidationError(
            _("The registration deadline (%(date)s) has passed; this campaign takes no late registrations.")
            % {"date": deadline.strftime("%d/%m/%Y")}
        )
    registration.status = Registration.Status.SUBMITTED
    registration.submitted_at = timezone.now()
    registration.submitted_by = user
    if not resubmission:
        registration.is_late = late
    registration.version += 1
    registration.save()
    logged = log_action(
        obj=registration,
        action="registration.resubmitted" if resubmission else "registration.submitted",
        user=user,
        data={"version": registration.version, "late": late},
    )
    notifications.registration_sent(registration=registration, actor=user, resubmission=resubmission, logged=logged)


def _decide(*, user, registration, expected_status, new_status, action, comment=""):
    campaign_require_open(registration.campaign_id)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status != expected_status:
        raise ValidationError(
            _("This registration is now “%(status)s”; reload the page.") % {"status": locked.get_status_display()}
        )
    locked.status = new_status
    locked.decided_at = timezone.now()
    locked.decided_by = user
    locked.return_comment = comment
    locked.version += 1
    locked.save()
    logged = log_action(obj=locked, action=action, user=user, data={"version": locked.version, "comment": comment})
    notifications.registration_decided(registration=locked, actor=user, logged=logged)
    return locked


@transaction.atomic
def registration_accept(*, user, registration):
    return _decide(
        user=user,
        registration=registration,
        expected_status=Registration.Status.SUBMITTED,
        new_status=Registration.Status.ACCEPTED,
        action="registration.accepted",
    )


def registrations_accept(*, user, registrations):
    """Accept several submitted registrations at once, each on its own: checked, logged and its unit told.

    One that cannot be accepted (changed meanwhile, the campaign closed) does
    not hold back the others; the accepted and the refused, with why, come back.
    """
    accepted, refused = [], []
    for registration in registrations:
        try:
            accepted.append(registration_accept(user=user, registration=registration))
        except ValidationError as error:
            refused.append((registration, " ".join(error.messages)))
    return accepted, refused


@transaction.atomic
def registration_return(*, user, registration, comment):
    if not comment.strip():
        raise ValidationError(_("Say what the unit must correct."))
    return _decide(
        user=user,
        registration=registration,
        expected_status=Registration.Status.SUBMITTED,
        new_status=Registration.Status.RETURNED,
        action="registration.returned",
        comment=comment.strip(),
    )


@transaction.atomic
def registration_reopen(*, user, registration, reason):
    """Return an accepted registration to its unit for correction: the compiler's decision, with its reason logged."""
    if not reason.strip():
        raise ValidationError(_("Say why the registration is reopened."))
    return _decide(
        user=user,
        registration=registration,
        expected_status=Registration.Status.ACCEPTED,
        new_status=Registration.Status.RETURNED,
        action="registration.reopened",
        comment=reason.strip(),
    )


@transaction.atomic
def registration_sheet_forward(*, user, campaign, reviewer_unit, registrations):
    """Mark the accepted registrations as forwarded to the council.

    The same registrations forwarded again (a second post of the form, at
    once or later) return the sheet that holds them; the reviewer's unit is
    locked so that two posts at once see each other.
    """
    campaign_require_open(campaign.pk)
    if not registrations:
        raise ValidationError(_("No accepted registration to forward yet."))
    Unit.objects.select_for_update().get(pk=reviewer_unit.pk)
    last = (
        RegistrationSheet.objects.filter(campaign=campaign, compiled_by_unit=reviewer_unit)
        .order_by("-forwarded_at", "-id")
        .first()
    )
    if last is not None and set(last.registrations.all()) == set(registrations):
        return last
    sheet = RegistrationSheet.objects.create(campaign=campaign, compiled_by_unit=reviewer_unit, forwarded_by=user)
    sheet.registrations.set(registrations)
    log_action(
        obj=campaign,
        action="registration.sheet_forwarded",
        user=user,
        data={"sheet": sheet.pk, "units": [registration.unit.name for registration in registrations]},
    )
    return sheet
