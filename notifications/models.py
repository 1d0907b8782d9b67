"""Notifications: one message to one person, shown in the app and carried by email; reminders are one kind."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Milestone
from organisation.models import Unit


class Notification(models.Model):
    """One message to one person: the in-app notification, and the email that carries it.

    A deadline reminder is one kind (`event` "reminder", with its milestone,
    deadline and offset); each workflow step that concerns someone is another
    ("registration.returned", "ranking.published", …). `key` names what the
    message tells of (a reminder's milestone, deadline, offset and unit; a
    registration returned at its version 3) and is unique per recipient, so
    whoever creates it twice (a second daily run, a retried task) adds nothing.
    """

    REMINDER = "reminder"

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        NO_ADDRESS = "no_address", _("No email address")
        TURNED_OFF = "turned_off", _("Not sent: the recipient turned email off")

    event = models.CharField(_("event"), max_length=64, default=REMINDER, db_index=True)
    key = models.CharField(_("key"), max_length=160)
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("milestone"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    offset = models.SmallIntegerField(_("days before the deadline"), null=True, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"))
    link = models.CharField(_("link"), max_length=255)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_status = models.CharField(
        _("email"), max_length=16, choices=EmailStatus.choices, default=EmailStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                name="one_notification_per_event",
                violation_error_message=_("This notification exists already."),
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            # The senders take pending rows in id order; the partial index keeps
            # that lookup cheap however many were sent before.
            models.Index(fields=["id"], condition=Q(email_status="pending"), name="reminder_pending"),
        ]

    def __str__(self):
        return self.subject


class ReminderManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(event=Notification.REMINDER)


class Reminder(Notification):
    """The deadline reminders among the notifications."""

    objects = ReminderManager()

    class Meta:
        proxy = True
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    @staticmethod
    def key_for(*, milestone_id, deadline, offset, unit_id):
        """A moved deadline is part of the key, so it gets its own reminders."""
        return f"reminder:{milestone_id}:{deadline.isoformat()}:{offset}:{unit_id}"


class NotificationSettings(models.Model):
    """How a person wants to be told: the in-app notifications always, the emails if they choose."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email = models.BooleanField(_("also send me each notification by email"), default=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return str(self.user)


class ReminderRun(models.Model):
    """The daily reminder job's run for a day: begun, and finished once every reminder of that day exists.

    A run begun and never finished belongs to a worker killed halfway; it is
    taken up again when a worker starts and by beat (tasks.resume_reminders),
    and creating reminders twice adds nothing.
    """

    day = models.DateField(unique=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.day} {'done' if self.finished_at else 'unfinished'}"
