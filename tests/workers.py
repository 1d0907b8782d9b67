"""A real Celery worker process for the tests that need one (PostgreSQL and Redis): started, killed, stopped."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
BROKER = os.environ.get("CELERY_BROKER_URL", "")
VISIBILITY_TIMEOUT = 8


def redis_reachable():
    if not BROKER.startswith("redis://"):
        return False
    import redis

    try:
        return redis.Redis.from_url(BROKER, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """A real `celery worker` process on a queue of its own, writing emails as files.

    `python` is the interpreter of the virtual environment it runs from (the
    suite's own by default); `env` adds to or overrides its environment.
    """

    def __init__(
        self, tmp_path, mail_delay=0.0, queue=None, *, python=sys.executable, visibility=VISIBILITY_TIMEOUT, env=()
    ):
        self.python = python
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
            "CELERY_VISIBILITY_TIMEOUT": str(visibility),
            "EMAIL_BACKEND": "tests.mail.SlowFileBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "TEST_MAIL_DELAY": str(mail_delay),
            **dict(env),
        }
        self.process = None

    def start(self):
        self.log.write_text("")
        self.process = subprocess.Popen(
            [
                self.python,
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
            time.sleep(0.05)

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


def use_broker(monkeypatch, url, queue=None):
    """Make this process queue tasks on `url` (and `queue`) instead of running them, on fresh connections.

    Celery keeps its connection pools once made: they are dropped before and
    after, so neither an earlier test's broker nor this one leaks across.
    """
    from thidua.celery import app

    def fresh_pools():
        app._pool = None
        app.amqp._producer_pool = None

    fresh_pools()
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    # Celery resolves the write and read URLs from the first broker URL it saw (the environment's).
    for key in ("broker_url", "broker_write_url", "broker_read_url"):
        monkeypatch.setitem(app.conf, key, url)
    if queue:
        monkeypatch.setitem(app.conf, "task_default_queue", queue)
    monkeypatch.setattr("core.background._broker_down_until", 0.0)
    yield
    fresh_pools()
