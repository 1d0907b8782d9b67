"""The initiatives register: an initiative registered and recognised by the unit's council."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.services import log_action
from awards.models import (
    Initiative,
)


@transaction.atomic
def initiative_register(*, user, person, year, name, summary):
    """Register an initiative once: the same author, year and name posted twice at once make one row.

    The form refuses a name registered already; two posts at the same instant
    both pass it, and the database's constraint lets one in.
    """
    initiative = Initiative(person=person, year=year, name=name, summary=summary, created_by=user)
    initiative.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            initiative.save()
    except IntegrityError:
        return Initiative.objects.get(person=person, year=year, name=name)
    log_action(obj=initiative, action="initiative.registered", user=user, data={"name": name, "person": person.pk})
    return initiative


@transaction.atomic
def initiative_decide(*, user, initiative, recognise, recognised_by, decision):
    current = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if current.status != Initiative.Status.SUBMITTED:
        raise ValidationError(_("This initiative was decided already."))
    if recognise and not decision.strip():
        raise ValidationError(_("Give the number and date of the recognition decision."))
    current.status = Initiative.Status.RECOGNISED if recognise else Initiative.Status.REJECTED
    current.recognised_by, current.decision = recognised_by.strip(), decision.strip()
    current.decided_by, current.decided_at = user, timezone.now()
    current.save()
    log_action(obj=current, action="initiative.decided", user=user, data={"status": current.status})
    return current
