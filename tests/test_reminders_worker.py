"""Reminders through a real Celery worker and the real Redis broker, on PostgreSQL.

The worker is a separate process reading the test database, so these tests
run where the suite runs on PostgreSQL with Redis reachable (CI, and any
machine with both); elsewhere they are skipped and say why.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from campaigns.models import Campaign, Milestone, Reminder
from organisation.models import Bloc, BlocMembership, RoleAssignment, Unit
from scoring.models import MidyearReport
from thidua.celery import app

ROOT = Path(__file__).resolve().parent.parent
BROKER = os.environ.get("CELERY_BROKER_URL", "")

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
def needs_postgres_and_redis():
    if connection.vendor != "postgresql":
        pytest.skip("a worker process needs the test database on PostgreSQL (set DATABASE_URL)")
    if not _redis_reachable():
        pytest.skip("no Redis broker reachable at CELERY_BROKER_URL")


class Worker:
    """A real `celery worker` process on a queue of its own, writing emails as files."""

    def __init__(self, tmp_path, mail_delay=0.0, queue=None):
        self.queue = queue or f"thidua-test-{uuid.uuid4().hex[:8]}"
        self.mail_dir = tmp_path / "mail"
        self.mail_dir.mkdir(exist_ok=True)
        self.log = tmp_path / f"worker-{uuid.uuid4().hex[:6]}.log"
        db = connection.settings_dict
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "thidua.settings",
            "SECRET_KEY": "worker-test",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "CELERY_BROKER_URL": BROKER,
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
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


@pytest.fixture
def worker_factory(tmp_path, monkeypatch):
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
    from campaigns.tasks import send_due_reminders

    return send_due_reminders.apply_async(kwargs={"today": day})


def wait_until(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


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


def test_worker_killed_halfway_and_restarted_leaves_one_reminder_each(worker_factory):
    bloc = Bloc.objects.create(name="Khối thử tải")
    units = [Unit.objects.create(name=f"Đơn vị {i:03d}") for i in range(120)]
    leader = units[0]
    BlocMembership.objects.bulk_create(
        BlocMembership(bloc=bloc, unit=unit, year=2020, role="leader" if unit == leader else "member") for unit in units
    )
    campaign = Campaign.objects.create(
        name="Phong trào thử", issuer=leader, issuing_bloc=bloc, year=2020, status="active"
    )
    campaign.blocs.set([bloc])
    Milestone.objects.create(campaign=campaign, kind="midyear_report", name="Báo cáo sơ kết", due_on=date(2020, 6, 15))
    User = get_user_model()
    for unit in units:
        user = User.objects.create_user(f"clerk{unit.pk}", email=f"clerk{unit.pk}@example.vn")
        RoleAssignment.objects.create(user=user, role="unit_clerk", unit=unit)

    first = worker_factory(mail_delay=0.05)
    first.start()
    run_daily("2020-06-01")
    wait_until(lambda: len(first.emails()) >= 20)
    first.kill()
    sent_before = Reminder.objects.filter(email_status="sent").count()
    assert 20 <= sent_before < 120

    second = worker_factory(queue=first.queue)
    second.start()
    run_daily("2020-06-01")  # the next run (or the 15-minute retry) picks up what was left
    wait_until(lambda: not Reminder.objects.exclude(email_status="sent").exists())
    assert Reminder.objects.count() == 120
    assert Reminder.objects.values("recipient").distinct().count() == 120
    emails = first.emails()
    recipients = [line for email in emails for line in email.splitlines() if line.startswith("To: ")]
    # At most the one email in flight when the worker was killed can go out twice.
    assert 120 <= len(recipients) <= 121
    assert len(set(recipients)) == 120
