"""Simultaneous identical form posts on the quick start's SQLite file, through its own server.

The suite's database is SQLite in memory, inside one process; the quick start
runs `manage.py runserver` (a thread per request) on a file. Here the demo is
loaded into a file, a real runserver serves it, and each form is posted
several times at the same instant (tests/simultaneous.py).
"""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.urls import reverse

from tests.simultaneous import CASES, Browser

ROOT = Path(__file__).resolve().parents[2]


def site_environment(directory, **extra):
    skipped = {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **{key: value for key, value in os.environ.items() if key not in skipped},
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "DEBUG": "True",
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "MEDIA_ROOT": str(directory / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **extra,
    }


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """The demo, migrated and loaded once into an SQLite file."""
    directory = tmp_path_factory.mktemp("demo-site")
    for command in (["migrate", "-v", "0"], ["load_demo"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=site_environment(directory),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
    return directory


class Site:
    """A runserver on a copy of the demo file, and the file itself to read what it did."""

    def __init__(self, directory, **environment):
        self.directory = directory
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.log = directory / "server.log"
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=site_environment(directory, **environment),
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            assert self.process.poll() is None, self.log.read_text()
            try:
                urllib.request.urlopen(self.url + reverse("login"), timeout=5).read()
                break
            except OSError:
                assert time.monotonic() < deadline, self.log.read_text()
                time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        self.process.wait(20)

    def one(self, sql, *params):
        with sqlite3.connect(self.directory / "db.sqlite3", timeout=30) as db:
            (row,) = db.execute(sql, params).fetchall()
        return row[0]


@pytest.fixture
def site(demo_file, tmp_path):
    directory = tmp_path / "site"
    shutil.copytree(demo_file, directory)
    site = Site(directory)
    yield site
    site.stop()


@pytest.mark.parametrize("post, rows, statuses", CASES)
def test_two_simultaneous_posts_on_sqlite_do_not_fail(site, post, rows, statuses):
    answered, created = post(site)
    assert set(answered) <= statuses, f"{answered}\n{site.log.read_text()[-3000:]}"
    assert created == rows


def test_sqlite_busy_database_answers_503_not_500(demo_file, tmp_path):
    """Someone's slow write holds the file: others still read at once, and a write that waits too long is told
    "busy, try again" (503, in Vietnamese) with nothing saved, never a 500."""
    directory = tmp_path / "site"
    shutil.copytree(demo_file, directory)
    site = Site(directory, SQLITE_TIMEOUT="2")
    try:
        browser = Browser(site, "gddt")
        holder = sqlite3.connect(directory / "db.sqlite3", timeout=30, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # the slow write, e.g. a long import
        started = time.monotonic()
        page = browser.opener.open(site.url + reverse("notifications:settings"), timeout=30)
        assert page.status == 200 and time.monotonic() - started < 1.5  # a read waits for no writer
        path = reverse("notifications:settings")
        token = next(cookie.value for cookie in browser.jar if cookie.name == "csrftoken")
        busy = urllib.request.Request(
            site.url + path, data=f"email=&csrfmiddlewaretoken={token}".encode(), headers={"Referer": site.url + path}
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            browser.opener.open(busy, timeout=30)
        assert refused.value.code == 503 and refused.value.headers["Retry-After"] == "5"
        assert "Hệ thống đang bận, vui lòng thử lại" in refused.value.read().decode()
        assert site.one("SELECT count(*) FROM notifications_notificationsettings") == 0
        holder.execute("ROLLBACK")
        assert browser.post(reverse("notifications:settings"), {"email": ""}) == 302
        assert site.one("SELECT count(*) FROM notifications_notificationsettings") == 1
        assert "Traceback" not in site.log.read_text()
    finally:
        site.stop()


# The kept papers of the demo's proposal that are not rendered yet: asking for one writes its row and queues it.
PAPERS = ["list_docx", "dossier", "letter_docx", "minutes_docx", "ballot_minutes_docx", "decision_docx"]


def test_asking_for_papers_while_others_write_is_never_busy(site):
    """The office asks for papers not rendered yet while others write all the time (the render thread saving its
    progress, other users' saves): each page answers, never "busy"; and while they render, another user's save is
    taken within seconds.

    A GET begins as a reader; one that read and then wrote its paper's row was refused at once whenever another
    write landed in between (SQLite's snapshot was stale), without waiting for its turn."""
    office = Browser(site, "bantdkt.travinh")
    stop = threading.Event()
    writes = []

    def write_all_the_time():
        writer = sqlite3.connect(site.directory / "db.sqlite3", timeout=30, isolation_level=None)
        while not stop.is_set():
            now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")  # a new value: SQLite skips a write of the same
            writer.execute("UPDATE auth_user SET last_login = ? WHERE username = 'gddt'", (now,))
            writes.append(1)
            time.sleep(0.001)
        writer.close()

    proposal = site.one("SELECT id FROM awards_proposal WHERE status = 'approved'")
    other = threading.Thread(target=write_all_the_time)
    other.start()
    try:
        answers = {}
        for kind in PAPERS:
            try:
                with office.opener.open(site.url + reverse("awards:file", args=[proposal, kind]), timeout=60) as page:
                    answers[kind] = page.status
            except urllib.error.HTTPError as error:
                answers[kind] = error.code
    finally:
        stop.set()
        other.join()
    assert answers == dict.fromkeys(PAPERS, 200), site.log.read_text()[-3000:]
    assert len(writes) > 10  # the others did write meanwhile
    assert site.one("SELECT count(*) FROM awards_renderedfile WHERE kind IN (?, ?, ?, ?, ?, ?)", *PAPERS) == len(PAPERS)
    started = time.monotonic()
    assert Browser(site, "gddt").post(reverse("notifications:settings"), {"email": ""}) == 302
    assert time.monotonic() - started < 5
