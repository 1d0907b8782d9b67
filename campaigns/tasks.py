"""Celery tasks: thin callers of the reminder services, safe to run twice."""

from datetime import date

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from campaigns import reminders

BATCH = 500


@shared_task
def send_due_reminders(today=None):
    """The daily run: create today's reminders, then fan their sending out in batches."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    created = reminders.reminders_create_due(today=day)
    batches = -(-reminders.pending_count() // BATCH)
    transaction.on_commit(lambda: [send_reminder_batch.delay() for _ in range(batches)])
    return created


@shared_task
def send_reminder_batch():
    """Send up to BATCH pending emails; workers running it side by side never take the same one."""
    return reminders.reminders_send_pending(limit=BATCH)
