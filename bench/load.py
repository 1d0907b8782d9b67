"""N clerks saving their self-assessment for T seconds over HTTP, beside a trivial page in the same run.

Run: .venv/bin/python bench/load.py [--clerks 20] [--seconds 20] [--criteria 10]

Serves the app as production does, with gunicorn (3 workers) on a throwaway
PostgreSQL database when PostgreSQL answers at DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/), else with runserver on a throwaway
SQLite file, as the quick start does. Builds one bloc of `clerks` units, each
with its own clerk, in an open campaign with a scoring table. Then, from a
second process, `clerks` threads each log in and, for `seconds`, open their
unit's self-assessment form and save it with new points (the version the
page showed, as a browser posts it). Prints saves per second and the save's
median and 95th percentile, and the same for a trivial page (the login page)
loaded by as many threads, so the ratio can be compared between machines.
"""

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from multiprocessing import Process, Queue
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "bench-load"


def postgres_database(url):
    """A fresh database on the PostgreSQL server of `url`, or None when it does not answer."""
    import psycopg2

    parts = urllib.parse.urlsplit(url)
    name = f"thidua_bench_load_{os.getpid()}"
    try:
        admin = psycopg2.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username,
            password=parts.password,
            dbname="postgres",
            connect_timeout=3,
        )
    except psycopg2.OperationalError:
        return None
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
    admin.close()
    return parts._replace(path=f"/{name}").geturl(), name


def drop_postgres_database(url, name):
    import psycopg2

    parts = urllib.parse.urlsplit(url)
    admin = psycopg2.connect(host=parts.hostname, port=parts.port or 5432, user=parts.username, dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.close()


def build(clerks, criteria):
    """One bloc of `clerks` units in an open campaign with `criteria` lines; a clerk per unit. Returns the paths."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from campaigns.models import Campaign
    from organisation.models import Bloc, BlocMembership, RoleAssignment, Unit
    from scoring.models import Criterion

    units = [Unit.objects.create(name=f"Sở Đo tải {i:03d}") for i in range(clerks)]
    bloc = Bloc.objects.create(name="Khối đo tải")
    BlocMembership.objects.bulk_create(
        BlocMembership(bloc=bloc, unit=unit, year=2020, role="leader" if i == 0 else "member")
        for i, unit in enumerate(units)
    )
    campaign = Campaign.objects.create(
        name="Phong trào đo tải", issuer=units[0], issuing_bloc=bloc, year=2020, status="active"
    )
    campaign.blocs.set([bloc])
    Criterion.objects.bulk_create(
        Criterion(campaign=campaign, position=i, label=str(i), text=f"Tiêu chí {i}", max_points=10)
        for i in range(1, criteria + 1)
    )
    User = get_user_model()
    accounts = []
    for i, unit in enumerate(units):
        user = User.objects.create_user(f"clerk-{i:03d}", password=PASSWORD)
        RoleAssignment.objects.create(user=user, role="unit_clerk", unit=unit)
        accounts.append((user.username, reverse("scoring:self", args=[campaign.pk, unit.pk])))
    return reverse("login"), accounts


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A save answers with a redirect back to the form: measured without loading that page again."""

    def redirect_request(self, *args, **kwargs):
        return None


class Clerk:
    """One browser: its cookies, a login, and the self-assessment form opened and saved as a person does."""

    def __init__(self, base, login_path, username):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        cookies = urllib.request.HTTPCookieProcessor(self.jar)
        self.opener = urllib.request.build_opener(cookies)
        self.poster = urllib.request.build_opener(cookies, NoRedirect)
        self.get(login_path)
        assert self.post(login_path, {"username": username, "password": PASSWORD}) == 302, username

    def token(self):
        return next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")

    def get(self, path):
        with self.opener.open(self.base + path, timeout=120) as response:
            return response.read().decode()

    def post(self, path, fields):
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.token()}, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"Referer": self.base + path})
        try:
            with self.poster.open(request, timeout=120) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as answer:
            return answer.code

    def save(self, path):
        """Open the form, change the points, save; returns the save's latency in ms."""
        page = self.get(path)
        version = re.search(r'name="version" value="(\d+)"', page).group(1)
        fields = {"version": version, "action": "save"}
        for name in re.findall(r'name="(points_\d+)"', page):
            fields[name] = str(random.randint(0, 10))
        started = time.perf_counter()
        status = self.post(path, fields)
        elapsed = (time.perf_counter() - started) * 1000
        assert status == 302, status  # saved, and sent back to the form
        return elapsed


def run_clients(base, login_path, accounts, seconds, trivial, results):
    """In a second process: a thread per account, for `seconds`, saving its form (or loading the trivial page)."""
    latencies, errors, lock = [], [], threading.Lock()
    clerks = [Clerk(base, login_path, username) for username, _path in accounts]
    stop = time.monotonic() + seconds

    def work(clerk, path):
        while time.monotonic() < stop:
            try:
                if trivial:
                    started = time.perf_counter()
                    clerk.get(login_path)
                    elapsed = (time.perf_counter() - started) * 1000
                else:
                    elapsed = clerk.save(path)
            except Exception as error:  # noqa: BLE001 – counted and shown, the run goes on
                with lock:
                    errors.append(repr(error)[:200])
                continue
            with lock:
                latencies.append(elapsed)

    threads = [
        threading.Thread(target=work, args=(clerk, path)) for clerk, (_u, path) in zip(clerks, accounts, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    p95 = latencies[max(int(len(latencies) * 0.95) - 1, 0)] if latencies else float("nan")
    results.put((len(latencies) / seconds, statistics.median(latencies) if latencies else float("nan"), p95, errors))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clerks", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--criteria", type=int, default=10)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="thidua-load-")
    postgres = postgres_database(os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres")
    env = {
        **os.environ,
        "DATABASE_URL": postgres[0] if postgres else f"sqlite:///{workdir}/load.sqlite3",
        "SECRET_KEY": "bench-only",
        "DEBUG": "False",
        "SECURE_COOKIES": "False",
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": f"{workdir}/static",
        "MEDIA_ROOT": f"{workdir}/media",
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "LOGIN_MAX_FAILURES": "1000",
    }
    env.pop("CELERY_BROKER_URL", None)  # notifications are sent in process; the bench measures the web side
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    login_path, accounts = build(args.clerks, args.criteria)
    port = free_port()
    if postgres:
        command = ["-m", "gunicorn", "thidua.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "3"]
        command += ["--timeout", "60", "--log-level", "warning"]
        served = "gunicorn, 3 workers, PostgreSQL"
    else:
        command = [str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"]
        served = "runserver, SQLite (PostgreSQL did not answer)"
    server = subprocess.Popen(
        [sys.executable, *command], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + login_path).read()
                break
            except OSError:
                time.sleep(0.1)
        print(f"{args.clerks} clerks, {args.seconds:.0f} s per run, {args.criteria} criteria; {served}")
        baseline = None
        for label, trivial in (("trivial page (login)", True), ("save self-assessment", False)):
            results = Queue()
            process = Process(target=run_clients, args=(base, login_path, accounts, args.seconds, trivial, results))
            process.start()
            rps, median, p95, errors = results.get()
            process.join()
            baseline = baseline or median
            print(
                f"{label:24s} {rps:7.1f} req/s   p50 {median:7.1f} ms   p95 {p95:7.1f} ms   "
                f"{median / baseline:5.1f}x trivial   errors {len(errors)}"
            )
            for error in sorted(set(errors))[:5]:
                print("   ", error)
    finally:
        server.terminate()
        server.wait()
        if postgres:
            from django.db import connections

            connections.close_all()
            drop_postgres_database(postgres[0], postgres[1])


if __name__ == "__main__":
    main()
