"""Reminders through a real Celery worker and the real Redis broker, on PostgreSQL.

The worker is a separate process reading the test database, so these tests
run where the suite runs on PostgreSQL with Redis reachable (CI, and any
machine with both); elsewhere they are skipped and say why. Workers are
killed with SIGKILL mid-run, and a restart alone must finish the sending.
"""

import os
import socket
import subprocess
import sys
import time

import pytest
from django.db import connection

from campaigns.models import Campaign
from notifications.models import Reminder, ReminderRun
from scoring.models import MidyearReport
from tests import snapshots
from tests.conftest import clerks_awaiting_a_report
from tests.workers import BROKER, ROOT, Worker, database_url, redis_reachable
from thidua.celery import app

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("a worker process needs the test database on PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def needs_redis():
    if not redis_reachable():
        pytest.skip("no Redis broker reachable at CELERY_BROKER_URL")


@pytest.fixture
def worker_factory(tmp_path, monkeypatch, needs_redis):
    workers = []

    def make(**kwargs):
        # Django's system checks at each start are `manage.py check`'s to prove (tests/core/test_manage.py).
        worker = Worker(tmp_path, env={"CELERY_SKIP_CHECKS": "1"}, **kwargs)
        workers.append(worker)
        # This process only queues tasks, on the worker's own queue.
        monkeypatch.setitem(app.conf, "task_always_eager", False)
        monkeypatch.setitem(app.conf, "task_default_queue", worker.queue)
        monkeypatch.setitem(app.conf, "broker_url", BROKER)
        return worker

    yield make
    # The test is over and each worker's queue its own: killed, a worker leaves nothing another test would see,
    # where its warm shutdown took a second.
    for worker in workers:
        if worker.process:
            worker.kill()


def run_daily(day):
    from notifications.tasks import send_due_reminders

    return send_due_reminders.apply_async(kwargs={"today": day})


def wait_until(condition, timeout=60, every=0.05):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(every)


def ran(worker, result):
    """Whether the worker has run the task queued as `result`."""
    return f"[{result.id}] succeeded" in worker.log.read_text()


def test_worker_reminds_exactly_the_late_units_once(worker_factory):
    from notifications.tasks import send_notification_batch

    snapshots.load_demo()
    campaign = Campaign.objects.get(issuing_bloc__name="Khối 8", year=2020)
    MidyearReport.objects.filter(campaign=campaign, unit__name="Sở Giáo dục và Đào tạo").delete()
    worker = worker_factory()
    worker.start()
    run_daily("2020-06-14")  # the day before the 15/6 report deadline
    wait_until(lambda: len(worker.emails()) == 2 and not Reminder.objects.filter(email_status="pending").exists())
    assert sorted(Reminder.objects.values_list("recipient__username", flat=True)) == ["baotv", "gddt"]
    assert all("ngày 15 tháng 06 năm 2020" in email for email in worker.emails())
    assert sum("gddt@example.vn" in email for email in worker.emails()) == 1
    again = run_daily("2020-06-14")
    wait_until(lambda: ran(worker, again))
    # Whatever that run queued is ahead of this batch in the worker's queue: once it has run, all has.
    last = send_notification_batch.delay()
    wait_until(lambda: ran(worker, last))
    assert Reminder.objects.count() == 2 and len(worker.emails()) == 2


def test_worker_killed_halfway_then_a_second_run_leaves_one_reminder_each(worker_factory):
    clerks_awaiting_a_report(120)
    first = worker_factory(mail_delay=0.05)
    first.start()
    run_daily("2020-06-01")
    wait_until(lambda: len(first.emails()) >= 20)
    first.kill()
    emailed = len(first.emails())
    # The email in flight at the kill may be written out before its reminder is marked sent.
    assert emailed - 1 <= Reminder.objects.filter(email_status="sent").count() <= emailed < 120
    second = worker_factory(queue=first.queue)
    second.start()
    run_daily("2020-06-01")  # a run by hand, or the next day's, adds nothing and sends what was left
    wait_until(lambda: not Reminder.objects.exclude(email_status="sent").exists())
    everyone_reminded_once(first, 120)


def everyone_reminded_once(worker, count):
    assert Reminder.objects.filter(email_status="sent").count() == Reminder.objects.count() == count
    recipients = worker.recipients()
    # At most the one email in flight when the worker was killed goes out twice.
    assert count <= len(recipients) <= count + 1
    assert len(set(recipients)) == count


def test_a_restart_alone_finishes_the_sending_after_a_kill_mid_fan_out(worker_factory):
    clerks_awaiting_a_report(1100)  # three batches of at most 500
    first = worker_factory(mail_delay=0.05)
    first.start()
    run_daily("2020-06-01")
    wait_until(lambda: len(first.emails()) >= 10)
    first.kill()
    # More is left than the two batches still queued can send.
    assert Reminder.objects.filter(email_status="pending").count() > 1000
    second = worker_factory(queue=first.queue)
    second.start()  # no second run of the daily job, no retry job
    wait_until(lambda: not Reminder.objects.exclude(email_status="sent").exists(), timeout=120)
    everyone_reminded_once(first, 1100)


def test_a_restart_alone_runs_the_daily_job_that_was_killed_before_its_reminders(worker_factory):
    """With production's 10-minute visibility timeout, the restarted worker finishes the job within 2 minutes."""
    clerks_awaiting_a_report(2000)
    first = worker_factory(visibility=600)
    first.start()
    run_daily("2020-06-01")
    wait_until(lambda: ReminderRun.objects.filter(day="2020-06-01").exists(), timeout=30, every=0.005)
    first.kill()
    assert not Reminder.objects.exists()
    second = worker_factory(queue=first.queue, visibility=600)
    restarted = time.monotonic()
    second.start()
    wait_until(
        lambda: Reminder.objects.count() == 2000 and not Reminder.objects.exclude(email_status="sent").exists(),
        timeout=120,
    )
    assert time.monotonic() - restarted < 120
    assert ReminderRun.objects.get(day="2020-06-01").finished_at is not None
    everyone_reminded_once(first, 2000)


def test_sending_by_hand_works_while_the_broker_is_down(tmp_path):
    """`manage.py send_reminders`, the fallback when Redis or the workers are down, sends in its own process."""
    snapshots.load_demo()
    campaign = Campaign.objects.get(issuing_bloc__name="Khối 8", year=2020)
    MidyearReport.objects.filter(campaign=campaign, unit__name="Sở Giáo dục và Đào tạo").delete()
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        dead = probe.getsockname()[1]
    result = subprocess.run(
        [sys.executable, "manage.py", "send_reminders", "--date", "2020-06-14"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "thidua.settings",
            "SECRET_KEY": "send-by-hand",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{dead}/7",
            "EMAIL_BACKEND": "tests.mail.SlowFileBackend",
            "EMAIL_FILE_PATH": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Reminders created: 2; emails handled: 2." in result.stdout
    assert len(list(tmp_path.glob("*.eml"))) == 2
    assert not Reminder.objects.exclude(email_status="sent").exists()
