"""Every periodic schedule of the project, defined in one place.

Idempotent: it creates the schedules or puts them back as defined. After that
an administrator may change their time in the admin (Periodic tasks).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django_celery_beat.models import CrontabSchedule, PeriodicTask

SCHEDULES = [
    # name, task, crontab fields
    ("Nhắc hạn hằng ngày", "notifications.tasks.send_due_reminders", {"minute": "0", "hour": None}),
    ("Gửi lại thư nhắc chưa gửi được", "notifications.tasks.send_notification_batch", {"minute": "*/15", "hour": "*"}),
    ("Chạy tiếp đợt nhắc hạn bị ngắt", "notifications.tasks.resume_reminders", {"minute": "*", "hour": "*"}),
    ("Tạo lại văn bản đang chờ", "awards.tasks.render_waiting_files", {"minute": "*/5", "hour": "*"}),
    ("Tạo lại tệp xuất sổ khen thưởng đang chờ", "honours.tasks.make_waiting_exports", {"minute": "*/5", "hour": "*"}),
]


class Command(BaseCommand):
    help = "Create or reset the Celery beat schedules (daily reminders, retry of pending notification emails)."

    def handle(self, *args, **options):
        for name, task, fields in SCHEDULES:
            hour = fields["hour"] if fields["hour"] is not None else str(settings.REMINDER_HOUR)
            schedule, _created = CrontabSchedule.objects.get_or_create(
                minute=fields["minute"],
                hour=hour,
                day_of_week="*",
                day_of_month="*",
                month_of_year="*",
                timezone=settings.TIME_ZONE,
            )
            PeriodicTask.objects.update_or_create(
                name=name, defaults={"task": task, "crontab": schedule, "enabled": True}
            )
            self.stdout.write(f"{name}: {task} at {schedule}")
