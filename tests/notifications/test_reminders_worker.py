"""Reminders through a real Celery worker and the real Redis broker, on PostgreSQL.

The worker is a separate process reading the test database, so these tests
run where the suite runs on PostgreSQL with Redis reachable (CI, and any
machine with both); elsewhere they are skipped and say why. Workers are
killed with SIGKILL mid-run, and a restart alone must finish the sending.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from campaigns.models import Campaign
from notifications.models import Reminder
from scoring.models import MidyearReport
from tests.conftest import clerks_awaiting_a_report
from thidua.celery import app

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("CELERY_BROKER_URL", "")
VISIBILITY_TIMEOUT = 8

pytestmark = pytest.mark.django_db(transaction=True)


def _redis_reachable():
    if not BROKER.startswith("redis://"):
        return False
    import redis

    try:
        return redis.Redis.from_url(BROKER, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture(autouse=True)
def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("a worker process needs the test database on PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def needs_redis():
    if not _redis_reachable():
        pytest.skip("no Redis broker reachable at CELERY_BROKER_URL")


def database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """A real `celery worker` process on a queue of its own, writing emails as files."""

    def __init__(self, tmp_path, mail_delay=0.0, queue=None):
        self.queue = queue or f"thidua-test-{uuid.uuid4().hex[:8]}"
        self.mail_dir = tmp_path / "mail"
        self.mail_dir.mkdir(exist_ok=True)
        self.log = tmp_path / f"worker-{uuid.uuid4().hex[:6]}.log"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "thidua.settings",
            "SECRET_KEY": "worker-test",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": BROKER,
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            # Production waits 10 minutes before handing a dead worker's tasks on; the tests, seconds.
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "EMAIL_BACKEND": "tests.mail.SlowFileBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "TEST_MAIL_DELAY": str(mail_delay),
        }
        self.process = None

    def start(self):
        self.log.write_text("")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "thidua",
                "worker",
                "--pool=solo",
                "-Q",
                self.queue,
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "info",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while "ready." not in self.log.read_text():
            assert self.process.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, "worker did not start:\n" + self.log.read_text()
            time.sleep(0.2)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def emails(self):
        return [path.read_text() for path in self.mail_dir.glob("*.eml")]

    def recipients(self):
        return [line for email in self.emails() for line in email.splitlines() if line.startswith("To: ")]


@pytest.fixture
def worker_factory(tmp_path, monkeypatch, needs_redis):
    workers = []

    def make(**kwargs):
        worker = Worker(tmp_path, **kwargs)
        workers.append(worker)
        # This process only queues tasks, on the worker's own queue.
        monkeypatch.setitem(app.conf, "task_always_eager", False)
        monkeypatch.setitem(app.conf, "task_default_queue", worker.queue)
        monkeypatch.setitem(app.conf, "broker_url", BROKER)
        return worker

    yield make
    for worker in workers:
        worker.stop()


def run_daily(day):
    from notifications.tasks import send_due_reminders

    return send_due_reminders.apply_async(kwargs={"today": day})


def wait_until(condition, timeout=60, every=0.2):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(every)


def test_worker_reminds_exactly_the_late_units_once(worker_factory):
    call_command("load_demo", stdout=open(os.devnull, "w"))
    campaign = Campaign.objects.get(issuing_bloc__name="Khối 8", year=2020)
    MidyearReport.objects.filter(campaign=campaign, unit__name="Sở Giáo dục và Đào tạo").delete()
    worker = worker_factory()
    worker.start()
    run_daily("2020-06-14")  # the day before the 15/6 report deadline
    wait_until(lambda: len(worker.emails()) == 2 and not Reminder.objects.filter(email_status="pending").exists())
    assert sorted(Reminder.objects.values_list("recipient__username", flat=True)) == ["baotv", "gddt"]
    assert all("ngày 15 tháng 06 năm 2020" in email for email in worker.emails())
    assert sum("gddt@example.vn" in email for email in worker.emails()) == 1
    run_daily("2020-06-14")
    time.sleep(2)
    assert Reminder.objects.count() == 2 and len(worker.emails()) == 2


def test_worker_killed_halfway_then_a_second_run_leaves_one_reminder_each(worker_factory):
    clerks_awaiting_a_report(120)
    first = worker_factory(mail_delay=0.05)
    first.start()
    run_daily("2020-06-01")
    wait_until(lambda: len(first.emails()) >= 20)
    first.kill()
    assert 20 <= Reminder.objects.filter(email_status="sent").count() < 120
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
    clerks_awaiting_a_report(2000)
    first = worker_factory()
    first.start()
    run_daily("2020-06-01")
    wait_until(lambda: "send_due_reminders[" in first.log.read_text(), timeout=30, every=0.005)
    first.kill()
    assert not Reminder.objects.exists()
    second = worker_factory(queue=first.queue)
    second.start()
    wait_until(
        lambda: Reminder.objects.count() == 2000 and not Reminder.objects.exclude(email_status="sent").exists(),
        timeout=120,
    )
    everyone_reminded_once(first, 2000)


def test_sending_by_hand_works_while_the_broker_is_down(tmp_path):
    """`manage.py send_reminders`, the fallback when Redis or the workers are down, sends in its own process."""
    call_command("load_demo", stdout=open(os.devnull, "w"))
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
