"""Notifications: one message per person and event, shown under "Thông báo" and sent by email, each once.

Deadline reminders (reminders.py) are one kind. The others are the steps of
the year that concern someone: each later app composes its own messages (its
`notifications.py`) and calls `notify` inside the transaction of the change,
so a message exists exactly when the change does; the emails are queued when
that transaction commits.

Exactly once: every notification has a key unique per recipient, and rows
are inserted ignoring those that exist; each email is then sent inside the
transaction that holds its row locked (FOR UPDATE SKIP LOCKED) and marks it
sent, so workers sharing the load never take the same one, and a worker
killed before its commit leaves the row pending for the next batch (tasks.py).
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from campaigns.selectors import campaign_compilers
from core.background import send_task
from notifications.models import Notification, NotificationSettings
from organisation.models import RoleAssignment, Unit
from organisation.services import invitation_link

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def clerks_of(unit_ids):
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


def clerks_of_units(unit_ids):
    """Everyone acting for any of these units."""
    return sorted({user for users in clerks_of(unit_ids).values() for user in users})


def clerks_of_compiler(*, campaign, unit_id):
    """Those who receive a unit's papers: the clerks of the unit that compiles it."""
    compiler = campaign_compilers(campaign=campaign).get(unit_id)
    return clerks_of_units([compiler]) if compiler else []


def clerks_of_members(*, campaign, compiler_id):
    """Those a compiler's ranking concerns: the clerks of every unit it compiles."""
    return clerks_of_units(
        [unit for unit, compiler in campaign_compilers(campaign=campaign).items() if compiler == compiler_id]
    )


def compose(*, greeting, lines, link):
    """The body every notification email shares: whom it is for, what happened, where to look."""
    return "\n\n".join(
        [
            greeting,
            *[line for line in lines if line],
            _("Open: %(link)s") % {"link": f"{settings.SITE_URL}{link}"},
            _("This message was sent by the emulation and commendation system; do not reply to it."),
        ]
    )


def site_language():
    """Messages are written once, in the site's language, for whoever reads them."""
    return translation.override(settings.LANGUAGE_CODE)


def queue_sending():
    """Hand the pending emails to a worker once the current transaction commits.

    A broker that is down loses nothing and holds no request: the task is
    published from the background thread, and the rows stay pending for the
    periodic retry (setup_schedules) when the broker cannot take it.
    """
    transaction.on_commit(lambda: send_task(send_notification_batch), robust=True)


@dataclass(frozen=True)
class Notice:
    """What one kind of step tells: a subject, a greeting and lines, each a lazy text filled with the step's names."""

    event: str
    subject: Promise
    greeting: Promise
    lines: tuple

    def send(self, *, key, recipients, link, names, unit=None, actor=None):
        return notify(
            event=self.event,
            key=key,
            recipients=recipients,
            link=link,
            message=lambda: (self.subject % names, self.greeting % names, [line % names for line in self.lines]),
            unit=unit,
            actor=actor,
        )


def notify(*, event, key, recipients, link, message, unit=None, actor=None):
    """Tell each recipient (user ids) of an event, once; `message()` returns (subject, greeting, lines).

    Called inside the service's transaction. The acting user is never told
    of their own act. Returns how many notifications are new.
    """
    user_ids = sorted(set(recipients) - ({actor.pk} if actor is not None else set()))
    if not user_ids:
        return 0
    with site_language():
        subject, greeting, lines = message()
        body = compose(greeting=greeting, lines=lines, link=link)
    key = f"{event}:{key}"
    rows = [
        Notification(
            event=event,
            key=key,
            unit=unit,
            recipient_id=user_id,
            subject=subject[:255],
            body=body,
            link=link,
        )
        for user_id in user_ids
    ]
    before = Notification.objects.filter(key=key).count()
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    created = Notification.objects.filter(key=key).count() - before
    if created:
        queue_sending()
    return created


def _pending():
    now = timezone.now()
    return Notification.objects.filter(email_status=Notification.EmailStatus.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def pending_count():
    return _pending().count()


def notifications_send_pending(*, limit=500):
    """Send up to `limit` pending emails, one locked row at a time; returns how many were handled.

    A failed send is retried later with a growing delay, and marked failed
    (visible to administrators) after MAX_ATTEMPTS. A person who turned
    email off gets none; the notification stays in the app.
    """
    handled = 0
    connection = get_connection()
    email_off = NotificationSettings.objects.filter(user_id=OuterRef("recipient_id"), email=False)
    try:
        connection.open()
        while handled < limit:
            with transaction.atomic():
                notification = (
                    _pending()
                    .annotate(email_off=Exists(email_off))
                    .select_related("recipient")
                    .select_for_update(skip_locked=True, of=("self",))
                    .order_by("id")
                    .first()
                )
                if notification is None:
                    break
                _send(notification, connection)
                notification.save(
                    update_fields=["email_status", "attempts", "last_error", "next_attempt_at", "sent_at"]
                )
            handled += 1
    finally:
        connection.close()
    return handled


def email_body(notification):
    """The notification's text; for someone invited who has not chosen a password yet, led by the link that sets it
    and then opens the page the message is about (made when the email goes, never kept with the notification)."""
    recipient = notification.recipient
    if recipient.has_usable_password():
        return notification.body
    with site_language():
        lead = _(
            "You have not chosen your password yet. Open this link to choose it; it then takes you straight to "
            "the page below: %(link)s"
        ) % {"link": invitation_link(account=recipient, next_page=notification.link)}
    return f"{lead}\n\n{notification.body}"


def _send(notification, connection):
    address = notification.recipient.email
    now = timezone.now()
    if notification.email_off:
        notification.email_status = Notification.EmailStatus.TURNED_OFF
        return
    if not address:
        notification.email_status = Notification.EmailStatus.NO_ADDRESS
        return
    try:
        EmailMessage(notification.subject, email_body(notification), to=[address], connection=connection).send()
    except Exception as error:  # noqa: BLE001 – any transport error is retried
        notification.attempts += 1
        notification.last_error = f"{type(error).__name__}: {error}"[:2000]
        if notification.attempts >= MAX_ATTEMPTS:
            notification.email_status = Notification.EmailStatus.FAILED
            logger.error("Notification %s failed for good: %s", notification.pk, notification.last_error)
        else:
            notification.next_attempt_at = now + timedelta(minutes=2**notification.attempts)
    else:
        notification.email_status = Notification.EmailStatus.SENT
        notification.sent_at = now


def notifications_for_user(*, user):
    return Notification.objects.filter(recipient=user).select_related("unit")


def unread_count(*, user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_mark_read(*, user, ids=None):
    notifications = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        notifications = notifications.filter(pk__in=ids)
    return notifications.update(read_at=timezone.now())


def settings_for(*, user):
    return NotificationSettings.objects.filter(user=user).first() or NotificationSettings(user=user)


@transaction.atomic
def settings_save(*, user, email):
    """Turn the emails on or off; the in-app notifications always stay."""
    NotificationSettings.objects.update_or_create(user=user, defaults={"email": email})


# The task that sends lives beside the sending, so that `notify` queues it without importing the module that
# imports this one; Celery and beat know it by the name it always had (notifications/tasks.py lists it).
BATCH = 500


@shared_task(name="notifications.tasks.send_notification_batch")
def send_notification_batch():
    """Send up to BATCH pending emails, then pass the rest on to another batch.

    Workers running it side by side never take the same email. A full batch
    queues the next one, so the sending goes on until nothing is left even
    when batches were lost with a worker or more notifications came meanwhile.
    """
    handled = notifications_send_pending(limit=BATCH)
    if handled == BATCH:
        transaction.on_commit(send_notification_batch.delay)
    return handled
