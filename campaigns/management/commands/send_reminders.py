"""Run the daily reminder job now, in this process (the quick start's way, or a cron's)."""

from django.core.management.base import BaseCommand, CommandError

from campaigns import reminders
from campaigns.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Create the reminders due on a day (default: today) and send every pending reminder email."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to run for, as YYYY-MM-DD")

    def handle(self, *args, date=None, **options):
        try:
            created = send_due_reminders.run(today=date)
        except ValueError as error:
            raise CommandError(f"--date: {error}") from None
        sent = 0
        while handled := reminders.reminders_send_pending(limit=500):
            sent += handled
        self.stdout.write(f"Reminders created: {created}; emails handled: {sent}.")
