"""Deadline reminders: who still has to act on a milestone, the reminders due today, and sending them.

Whether a unit has done what a milestone asks is known to the app that owns
that paper (a registration, a report, a self-assessment); each app registers
a check for its milestone kinds here, so this module never reaches into them.

Exactly once: the daily run inserts reminders with a unique key and ignores
those that exist; each email is then sent inside the transaction that holds
its row locked (FOR UPDATE SKIP LOCKED) and marks it sent, so workers sharing
the load never take the same reminder, and a worker killed before its commit
leaves the row pending for the batch that is handed on after it (tasks.py).
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Milestone, Reminder, parse_reminder_days
from campaigns.selectors import campaign_compilers
from campaigns.templatetags.thidua import document_date
from organisation.models import BlocMembership, RoleAssignment, Unit

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
DAY_AFTER = -1


@dataclass(frozen=True)
class Completion:
    done: object  # (campaign, unit_ids) -> set of unit ids that have acted
    link: object  # (campaign, unit_id) -> path of the page where the unit acts


_COMPLETIONS = {}


def register_completion(kind, *, done, link):
    """Called by the app that owns a milestone kind's paper, from its AppConfig.ready()."""
    _COMPLETIONS[kind] = Completion(done=done, link=link)


def _acting_units(milestone, campaign):
    """The units that must act on this milestone."""
    Actor = Milestone.Actor
    if milestone.actor == Actor.MEMBERS:
        return set(campaign_compilers(campaign=campaign))
    if milestone.actor == Actor.LEADER:
        return set(campaign_compilers(campaign=campaign).values())
    if milestone.actor == Actor.VICE_LEADER:
        return set(
            BlocMembership.objects.filter(
                bloc__in=campaign.blocs.all(), year=campaign.year, role=BlocMembership.Role.VICE_LEADER
            ).values_list("unit_id", flat=True)
        )
    if milestone.actor == Actor.ISSUER:
        return {campaign.issuer_id}
    return set()


def _recipients(unit_ids):
    """{unit id: [users acting for it]}; a unit without a clerk falls to its parent unit's clerks."""
    parents = dict(Unit.objects.filter(id__in=unit_ids).values_list("id", "parent_id"))
    roles = RoleAssignment.objects.filter(
        role=RoleAssignment.Role.UNIT_CLERK,
        user__is_active=True,
        unit_id__in=set(unit_ids) | {parent for parent in parents.values() if parent},
    ).values_list("unit_id", "user_id")
    by_unit = {}
    for unit_id, user_id in roles:
        by_unit.setdefault(unit_id, set()).add(user_id)
    return {unit: sorted(by_unit.get(unit) or by_unit.get(parents.get(unit), set())) for unit in unit_ids}


def _offset_today(milestone, days, today):
    """The reminder offset that falls today for this milestone, or None."""
    offset = (milestone.deadline - today).days
    return offset if offset in days else None


def _message(milestone, campaign, unit_name, offset, link):
    with translation.override(settings.LANGUAGE_CODE):
        deadline = document_date(milestone.deadline)
        if offset >= 0:
            when = _("The deadline is %(deadline)s, in %(days)s day(s).") % {"deadline": deadline, "days": offset}
        else:
            when = _("The deadline was %(deadline)s; it has passed.") % {"deadline": deadline}
        subject = _("Reminder: %(milestone)s – %(campaign)s") % {"milestone": milestone.name, "campaign": campaign.name}
        body = "\n\n".join(
            [
                _("To the emulation clerk of %(unit)s,") % {"unit": unit_name},
                _("%(milestone)s, in the campaign “%(campaign)s”, is still to be done.")
                % {"milestone": milestone.name, "campaign": campaign.name},
                when,
                _("Open: %(link)s") % {"link": f"{settings.SITE_URL}{link}"},
                _("This message was sent by the emulation and commendation system; do not reply to it."),
            ]
        )
    return subject, body


def reminders_create_due(*, today):
    """Insert the reminders that fall due today; returns how many are new.

    Run twice, it inserts nothing the second time. A unit that has done what
    the milestone asks gets nothing; the day-after reminder goes only where
    the owning app can tell that the unit has not acted.
    """
    horizon = [today - timedelta(days=7), today + timedelta(days=90)]
    milestones = (
        Milestone.objects.filter(campaign__status=Campaign.Status.ACTIVE)
        .filter(Q(due_on__range=horizon) | Q(due_on__isnull=True, window_ends_on__range=horizon))
        .select_related("campaign")
    )
    reminders = []
    for milestone in milestones:
        campaign = milestone.campaign
        days = parse_reminder_days(campaign.reminder_days)
        offset = _offset_today(milestone, days, today)
        if offset is None:
            continue
        completion = _COMPLETIONS.get(milestone.kind)
        if offset < 0 and completion is None:
            continue
        units = _acting_units(milestone, campaign)
        if completion is not None:
            units -= completion.done(campaign, units)
        names = dict(Unit.objects.filter(id__in=units).values_list("id", "name"))
        for unit_id, user_ids in _recipients(units).items():
            link = completion.link(campaign, unit_id) if completion else reverse("campaigns:detail", args=[campaign.pk])
            subject, body = _message(milestone, campaign, names[unit_id], offset, link)
            reminders.extend(
                Reminder(
                    milestone=milestone,
                    deadline=milestone.deadline,
                    offset=offset,
                    unit_id=unit_id,
                    recipient_id=user_id,
                    subject=subject[:255],
                    body=body,
                    link=link,
                )
                for user_id in user_ids
            )
    before = Reminder.objects.count()
    Reminder.objects.bulk_create(reminders, ignore_conflicts=True, batch_size=1000)
    return Reminder.objects.count() - before


def _pending():
    now = timezone.now()
    return Reminder.objects.filter(email_status=Reminder.EmailStatus.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def pending_count():
    return _pending().count()


def reminders_send_pending(*, limit=500):
    """Send up to `limit` pending reminder emails, one locked row at a time; returns how many were handled.

    A failed send is retried later with a growing delay, and marked failed
    (visible to administrators) after MAX_ATTEMPTS.
    """
    handled = 0
    connection = get_connection()
    try:
        connection.open()
        while handled < limit:
            with transaction.atomic():
                reminder = (
                    _pending()
                    .select_related("recipient")
                    .select_for_update(skip_locked=True, of=("self",))
                    .order_by("id")
                    .first()
                )
                if reminder is None:
                    break
                address = reminder.recipient.email
                now = timezone.now()
                if not address:
                    reminder.email_status = Reminder.EmailStatus.NO_ADDRESS
                else:
                    try:
                        EmailMessage(reminder.subject, reminder.body, to=[address], connection=connection).send()
                    except Exception as error:  # noqa: BLE001 – any transport error is retried
                        reminder.attempts += 1
                        reminder.last_error = f"{type(error).__name__}: {error}"[:2000]
                        if reminder.attempts >= MAX_ATTEMPTS:
                            reminder.email_status = Reminder.EmailStatus.FAILED
                            logger.error("Reminder %s failed for good: %s", reminder.pk, reminder.last_error)
                        else:
                            reminder.next_attempt_at = now + timedelta(minutes=2**reminder.attempts)
                    else:
                        reminder.email_status = Reminder.EmailStatus.SENT
                        reminder.sent_at = now
                reminder.save(update_fields=["email_status", "attempts", "last_error", "next_attempt_at", "sent_at"])
            handled += 1
    finally:
        connection.close()
    return handled


def reminders_for_user(*, user):
    return Reminder.objects.filter(recipient=user).select_related("milestone__campaign", "unit")


def unread_count(*, user):
    return Reminder.objects.filter(recipient=user, read_at__isnull=True).count()


def reminders_mark_read(*, user, ids=None):
    reminders = Reminder.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        reminders = reminders.filter(pk__in=ids)
    return reminders.update(read_at=timezone.now())
