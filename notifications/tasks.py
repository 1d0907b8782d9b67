"""Celery tasks: thin callers of the reminder and notification services, safe to run twice.

Tasks are acknowledged once they ran (settings: CELERY_TASK_ACKS_LATE), so a
task whose worker was killed is handed to the next worker, or to the same one
restarted, after the broker's visibility timeout; running any of them again
sends nothing twice.
"""

from datetime import date

from celery import shared_task
from celery.signals import worker_ready
from django.db import transaction
from django.utils import timezone

from notifications import reminders, services

BATCH = 500


@shared_task
def send_due_reminders(today=None):
    """The daily run: create today's reminders, then fan their sending out in batches.

    The run is recorded as begun before and finished after the reminders are
    created, so one cut short by a killed worker is seen and run again.
    """
    day = date.fromisoformat(today) if today else timezone.localdate()
    reminders.reminder_run_begin(day=day)
    created = reminders.reminders_create_due(today=day)
    reminders.reminder_run_finish(day=day)
    batches = -(-services.pending_count() // BATCH)
    transaction.on_commit(lambda: [send_notification_batch.delay() for _ in range(batches)])
    return created


@shared_task
def send_notification_batch():
    """Send up to BATCH pending emails, then pass the rest on to another batch.

    Workers running it side by side never take the same email. A full batch
    queues the next one, so the sending goes on until nothing is left even
    when batches were lost with a worker or more notifications came meanwhile.
    """
    handled = services.notifications_send_pending(limit=BATCH)
    if handled == BATCH:
        transaction.on_commit(send_notification_batch.delay)
    return handled


@shared_task
def resume_reminders(at_start=False):
    """Run again each daily run a killed worker left unfinished: from a worker that starts (a restart is the
    usual end of a kill), at once; from beat, once it has stood still for a while, lest it be a living run."""
    begun_before = None if at_start else timezone.now() - reminders.RESUME_AFTER
    for day in reminders.reminder_runs_unfinished(begun_before=begun_before):
        send_due_reminders.delay(day.isoformat())


@worker_ready.connect
def _resume_at_worker_start(sender=None, **kwargs):
    # Queued, not run here, so the worker is ready at once and any worker may take it.
    resume_reminders.delay(at_start=True)
