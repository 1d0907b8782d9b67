"""Simultaneous identical form posts on the quick start's SQLite file, through its own server.

The suite's database is SQLite in memory, inside one process; the quick start
runs `manage.py runserver` (a thread per request) on a file. Here the demo is
loaded into a file, a real runserver serves it, and each form is posted
several times at the same instant (tests/simultaneous.py), or pages that
write on a GET are asked for while another connection writes all the time.
"""

import fcntl
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
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.urls import reverse

from tests.simultaneous import CASES, Browser
from tests.snapshots import made_of_key

ROOT = Path(__file__).resolve().parents[2]


def site_environment(directory, **extra):
    skipped = {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **{key: value for key, value in os.environ.items() if key not in skipped},
        "DJANGO_SETTINGS_MODULE": "tests.project.sqlite_site_settings",
        "DEBUG": "True",
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "MEDIA_ROOT": str(directory / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **extra,
    }


@pytest.fixture(scope="session")
def demo_file():
    """The demo, migrated and loaded into an SQLite file by the first of xdist's workers that needs it, and kept
    for the next run (under .pytest_cache/) until the code or the fixtures it is made of change."""
    root = ROOT / ".pytest_cache" / "demo-site"
    root.mkdir(parents=True, exist_ok=True)
    directory, building = root / made_of_key(ROOT / "tests" / "project" / "sqlite_site_settings.py"), root / "building"
    with (root / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not directory.exists():
            for older in root.iterdir():  # files of older code, and a build that failed
                if older.is_dir():
                    shutil.rmtree(older)
            building.mkdir()
            for command in (["migrate", "-v", "0"], ["load_demo"]):
                result = subprocess.run(
                    [sys.executable, "manage.py", *command],
                    cwd=ROOT,
                    env=site_environment(building),
                    capture_output=True,
                    text=True,
                    timeout=300,
                )
                assert result.returncode == 0, result.stderr
            building.rename(directory)
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
            # The checks are `manage.py check`'s to prove (tests/core/test_manage.py), not each test's server's.
            [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"],
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
                time.sleep(0.05)

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


@contextmanager
def others_writing(site):
    """Another connection writing all the time, a short write every millisecond or so (the render thread saving
    its progress, other users' saves); yields the list of the writes done."""
    stop = threading.Event()
    writes = []

    def write_all_the_time():
        writer = sqlite3.connect(site.directory / "db.sqlite3", timeout=30, isolation_level=None)
        while not stop.is_set():
            now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")  # a new value: SQLite skips a write of the same
            writer.execute("UPDATE auth_user SET last_login = ? WHERE username = 'gddt'", (now,))
            writes.append(now)
            time.sleep(0.001)
        writer.close()

    other = threading.Thread(target=write_all_the_time)
    other.start()
    try:
        yield writes
    finally:
        stop.set()
        other.join()
    assert len(writes) > 10  # the others did write meanwhile


def status_of(browser, path):
    try:
        with browser.opener.open(browser.site.url + path, timeout=60) as page:
            return page.status
    except urllib.error.HTTPError as error:
        return error.code


# The kept papers of the demo's proposal that are not rendered yet: asking for one writes its row and queues it.
PAPERS = ["list_docx", "dossier", "letter_docx", "minutes_docx", "ballot_minutes_docx", "decision_docx"]


def test_asking_for_papers_while_others_write_is_never_busy(site):
    """The office asks for papers not rendered yet while others write all the time: each page answers, never
    "busy"; and while they render, another user's save is taken within seconds.

    A GET begins as a reader; one that read and then wrote its paper's row was refused at once whenever another
    write landed in between (SQLite's snapshot was stale), without waiting for its turn."""
    office = Browser(site, "bantdkt.travinh")
    proposal = site.one("SELECT id FROM awards_proposal WHERE status = 'approved'")
    with others_writing(site):
        answers = {kind: status_of(office, reverse("awards:file", args=[proposal, kind])) for kind in PAPERS}
    assert answers == dict.fromkeys(PAPERS, 200), site.log.read_text()[-3000:]
    assert site.one("SELECT count(*) FROM awards_renderedfile WHERE kind IN (?, ?, ?, ?, ?, ?)", *PAPERS) == len(PAPERS)
    started = time.monotonic()
    assert Browser(site, "gddt").post(reverse("notifications:settings"), {"email": ""}) == 302
    assert time.monotonic() - started < 5


def test_asking_for_a_long_register_export_while_others_write_is_never_busy(site):
    """A register too long to write in the request: the GET reads past the limit, then writes the export's row
    and sends the user to its progress page, whatever others write meanwhile."""
    with sqlite3.connect(site.directory / "db.sqlite3") as db:  # 2 titles x 40 people x 100 years: over 5,000
        db.execute(
            "WITH RECURSIVE years(year) AS (SELECT 2000 UNION ALL SELECT year + 1 FROM years WHERE year < 2099) "
            "INSERT INTO honours_honour (year, recipient_name, sort_name, search_text, decision_number, decision_date,"
            " authority, method, source, created_at, person_id, title_id, unit_id) "
            "SELECT year, full_name, sort_name, search_name, '1/QĐ-UBND', '2020-12-31', 'Chủ tịch UBND tỉnh',"
            " 'regular', 'import', '2021-01-01 00:00:00', person.id, title.id, unit_id FROM years, organisation_person"
            " AS person, (SELECT id FROM campaigns_title ORDER BY id LIMIT 2) AS title WHERE true "
            "ON CONFLICT DO NOTHING"
        )
    admin = Browser(site, "admin")
    with others_writing(site):
        # Three clicks that each ask for a new export: the query (here a parameter the filters ignore) differs.
        answers = [status_of(admin, reverse("honours:export") + query) for query in ("", "?click=2", "?click=3")]
    assert answers == [302, 302, 302], site.log.read_text()[-3000:]
    assert site.one("SELECT count(*) FROM honours_registerexport") == 3
