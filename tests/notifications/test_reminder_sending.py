"""Sending reminders in batches, the schedules that start them, and their settings in the campaign form."""

from datetime import date

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from notifications import reminders
from notifications.models import Reminder


def test_a_batch_passes_what_it_could_not_send_on_to_the_next(db, django_capture_on_commit_callbacks):
    """The retry job queues one batch; with more pending than a batch holds, the sending still finishes."""
    from notifications.tasks import BATCH, send_notification_batch
    from tests.conftest import clerks_awaiting_a_report

    clerks_awaiting_a_report(BATCH * 2 + 100)
    reminders.reminders_create_due(today=date(2020, 6, 1))
    with django_capture_on_commit_callbacks(execute=True):
        send_notification_batch.delay()
    assert len(mail.outbox) == BATCH * 2 + 100
    assert not Reminder.objects.exclude(email_status="sent").exists()


def test_reminder_days_are_validated_in_the_campaign_form(login, world):
    response = login(world["leader"]).post(
        reverse("campaigns:edit", args=[world["campaign"].pk]),
        {"name": world["campaign"].name, "year": 2020, "status": "active", "version": 1, "reminder_days": "14,bảy"},
    )
    assert response.status_code == 200
    assert "Ghi số ngày nguyên" in response.content.decode()


def test_schedules_are_defined_by_one_command_and_editable(db):
    from django_celery_beat.models import PeriodicTask

    call_command("setup_schedules", stdout=open("/dev/null", "w"))
    call_command("setup_schedules", stdout=open("/dev/null", "w"))
    daily = PeriodicTask.objects.get(task="notifications.tasks.send_due_reminders")
    assert (daily.crontab.hour, daily.crontab.minute, str(daily.crontab.timezone)) == ("7", "0", "Asia/Ho_Chi_Minh")
    assert set(PeriodicTask.objects.values_list("task", flat=True)) == {
        "notifications.tasks.send_due_reminders",
        "notifications.tasks.send_notification_batch",
        "notifications.tasks.resume_reminders",
        "awards.tasks.render_waiting_files",
        "honours.tasks.make_waiting_exports",
    }


def test_queuing_against_a_broker_that_never_answers_fails_within_seconds():
    """`celery call` (queuing a batch by hand) against a broker that accepts connections and says nothing."""
    import os
    import socket
    import subprocess
    import sys
    import threading
    import time
    from pathlib import Path

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    held = []

    def accept_and_say_nothing():
        try:
            while True:
                held.append(silent.accept())
        except OSError:  # closed at the end of the test
            pass

    threading.Thread(target=accept_and_say_nothing, daemon=True).start()
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "SECRET_KEY": "silent-broker",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{silent.getsockname()[1]}/7",
    }
    started = time.monotonic()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "celery", "-A", "thidua", "call", "notifications.tasks.send_notification_batch"],
            cwd=Path(__file__).resolve().parents[2],
            env=env,
            capture_output=True,
            text=True,
            timeout=45,
        )
    finally:
        silent.close()
    assert time.monotonic() - started < 30
    assert result.returncode != 0 and "OperationalError" in result.stderr
