"""Run the daily reminder job now, in this process (the quick start's way, or a cron's).

It queues nothing: it works while Redis or every worker is down, and beside
running workers it shares the sending with them without sending twice.
"""

from datetime import date as Date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications import reminders, services
from notifications.tasks import BATCH


class Command(BaseCommand):
    help = "Create the reminders due on a day (default: today) and send every pending notification email."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to run for, as YYYY-MM-DD")

    def handle(self, *args, date=None, **options):
        try:
            day = Date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--date: {error}") from None
        reminders.reminder_run_begin(day=day)
        created = reminders.reminders_create_due(today=day)
        reminders.reminder_run_finish(day=day)
        sent = 0
        while handled := services.notifications_send_pending(limit=BATCH):
            sent += handled
        self.stdout.write(f"Reminders created: {created}; emails handled: {sent}.")
