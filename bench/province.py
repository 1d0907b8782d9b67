"""A province's data set, the query counts of the main pages as a bloc grows, and pages under load.

Run: .venv/bin/python bench/province.py [--seconds 10] [--clients 8]

1. Builds a province: 30 blocs of 15 units (450 units), 90,000 staff, one
   campaign per bloc with a 30-line scoring table, every unit registered and
   scored, in a throwaway SQLite database (or the DATABASE_URL given).
   Every member of staff has a "Lao động tiên tiến" in the award register and
   every unit a collective title for five years (about 92,000 rows).
2. Prints the number of queries of the main pages for a bloc of 5, 50 and 500
   units: flat counts mean no page does work per row; the award register and
   the year's statistics are counted as the province's office sees them.
3. Serves the app with gunicorn (2 workers) on 127.0.0.1 and, from a second
   process, loads a trivial page and the council's realistic pages in turn,
   and the register and statistics pages as the office, printing requests per
   second and latency beside the trivial page's.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from multiprocessing import Process, Queue
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BLOCS, UNITS_PER_BLOC, STAFF_PER_UNIT, CRITERIA = 30, 15, 200, 30


def setup_django(workdir):
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.update({"DEBUG": "False", "SECURE_COOKIES": "False", "SECURE_SSL_REDIRECT": "False"})
    os.environ.setdefault("STATIC_ROOT", f"{workdir}/static")
    os.environ["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    import django

    django.setup()


def make_bloc(*, name, units, council, user, year=2020, staff_per_unit=0):
    """A bloc of `units` units with its campaign, scoring table, registrations and the leader's scores."""
    from campaigns.models import Campaign, ContentItem
    from core.text import fold, sort_key
    from organisation.models import Bloc, BlocMembership, Person, Unit
    from registrations.models import Registration
    from scoring.models import Criterion, Score

    members = Unit.objects.bulk_create(
        Unit(
            name=f"{name} – Sở {i:03d}",
            search_name=fold(f"{name} so {i:03d}"),
            sort_name=sort_key(f"{name} Sở {i:03d}"),
        )
        for i in range(units)
    )
    bloc = Bloc.objects.create(name=name, council=council)
    BlocMembership.objects.bulk_create(
        BlocMembership(bloc=bloc, unit=unit, year=year, role="leader" if i == 0 else "member")
        for i, unit in enumerate(members)
    )
    campaign = Campaign.objects.create(
        name=f"Phong trào thi đua {name}",
        issuer=members[0],
        issuing_bloc=bloc,
        council=council,
        year=year,
        status="active",
    )
    campaign.blocs.set([bloc])
    ContentItem.objects.bulk_create(
        ContentItem(campaign=campaign, position=i, text=f"Nội dung {i}") for i in range(1, 11)
    )
    criteria = Criterion.objects.bulk_create(
        Criterion(campaign=campaign, position=i, text=f"Tiêu chí {i}", max_points=10) for i in range(1, CRITERIA + 1)
    )
    Registration.objects.bulk_create(Registration(campaign=campaign, unit=unit, status="draft") for unit in members)
    Score.objects.bulk_create(
        Score(criterion=c, unit=u, scorer=members[0], points=(c.position + u.pk) % 11, updated_by=user)
        for c in criteria
        for u in members
    )
    if staff_per_unit:
        Person.objects.bulk_create(
            Person(
                unit=unit,
                full_name=f"Nguyễn Văn {unit.pk}-{i}",
                search_name=f"nguyen van {unit.pk}-{i}",
                sort_name=sort_key(f"{unit.pk}-{i} Nguyễn Văn"),
            )
            for unit in members
            for i in range(staff_per_unit)
        )
    return campaign, members[0]


def fill_register(*, year=2019):
    """A "Lao động tiên tiến" of `year` for every member of staff, and a collective title a year for every unit."""
    from datetime import date

    from campaigns.models import Title
    from honours.models import Honour
    from organisation.models import Person, Unit

    ldtt, ttldtt = Title.objects.get(code="ldtt"), Title.objects.get(code="ttldtt")
    common = {"decision_date": date(year + 1, 1, 20), "authority": "Giám đốc Sở", "source": "import"}
    Honour.objects.bulk_create(
        (
            Honour(
                year=year,
                title=ldtt,
                person_id=person_id,
                unit_id=unit_id,
                recipient_name=name,
                sort_name=sort_name,
                search_text=search_name,
                decision_number=f"{unit_id}/QĐ-{year}",
                **common,
            )
            for person_id, unit_id, name, sort_name, search_name in Person.objects.values_list(
                "id", "unit_id", "full_name", "sort_name", "search_name"
            ).iterator()
        ),
        batch_size=5000,
    )
    Honour.objects.bulk_create(
        (
            Honour(
                year=held,
                title=ttldtt,
                unit_id=unit_id,
                recipient_name=name,
                sort_name=sort_name,
                search_text=search_name,
                decision_number=f"{unit_id}/QĐ-{held}",
                **common,
            )
            for unit_id, name, sort_name, search_name in Unit.objects.filter(parent__isnull=False).values_list(
                "id", "name", "sort_name", "search_name"
            )
            for held in range(year - 4, year + 1)
        ),
        batch_size=5000,
    )
    return Honour.objects.count()


def query_counts(user_factory, council, office, sizes=(5, 50, 500)):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from organisation.models import RoleAssignment

    rows = []
    for size in sizes:
        leader_user = user_factory(f"leader-{size}")
        campaign, leader_unit = make_bloc(name=f"Khối đo {size}", units=size, council=council, user=leader_user)
        RoleAssignment.objects.create(user=leader_user, role="unit_clerk", unit=leader_unit)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(leader_user)
        pages = {
            "dashboard": reverse("dashboard"),
            "campaign": reverse("campaigns:detail", args=[campaign.pk]),
            "registrations": reverse("registrations:overview", args=[campaign.pk]),
            "scoring hub": reverse("scoring:hub", args=[campaign.pk]),
            "ranking": reverse("scoring:ranking", args=[campaign.pk]),
        }
        counts = {}
        for label, url in pages.items():
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            counts[label] = len(queries.captured_queries)
        office_client = Client(HTTP_HOST="127.0.0.1")
        office_client.force_login(office)
        root = office.roles.get().unit_id
        for label, url in {
            "register": reverse("honours:register") + "?q=nguyen&page=3",
            "statistics": reverse("honours:statistics", args=[root]) + "?year=2020",
        }.items():
            with CaptureQueriesContext(connection) as queries:
                assert office_client.get(url).status_code == 200, url
            counts[label] = len(queries.captured_queries)
        rows.append((size, counts))
    return rows


def load(url, cookie, seconds, clients, results):
    """Runs in a second process: `clients` threads requesting `url` for `seconds`."""
    latencies, stop = [], time.monotonic() + seconds
    lock = threading.Lock()

    def worker():
        while time.monotonic() < stop:
            started = time.perf_counter()
            request = urllib.request.Request(url, headers={"Cookie": cookie})
            with urllib.request.urlopen(request) as response:
                response.read()
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    results.put((len(latencies) / seconds, statistics.median(latencies), latencies[int(len(latencies) * 0.95) - 1]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="thidua-province-")
    setup_django(workdir)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from organisation.models import Council, CouncilMember, Person, RoleAssignment, Unit

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    User = get_user_model()

    def user(name):
        return User.objects.create_user(name)

    province = Unit.objects.create(name="Ủy ban nhân dân tỉnh Bench", kind="peoples_committee")
    council = Council.objects.create(name="Hội đồng Thi đua – Khen thưởng tỉnh Bench", level="province", unit=province)
    started = time.perf_counter()
    builder = user("builder")
    campaigns = [
        make_bloc(
            name=f"Khối {b + 1:02d}", units=UNITS_PER_BLOC, council=council, user=builder, staff_per_unit=STAFF_PER_UNIT
        )
        for b in range(BLOCS)
    ]
    member = user("council-member")
    CouncilMember.objects.create(user=member, position="member", council=council)
    office = user("office")
    RoleAssignment.objects.create(user=office, role="office", unit=province)
    Unit.objects.filter(parent__isnull=True).exclude(pk=province.pk).update(parent=province)
    honours = fill_register()
    print(
        f"province: {BLOCS} blocs, {Unit.objects.count() - 1} units, {Person.objects.count()} staff, "
        f"{len(campaigns)} campaigns, {honours} awards in the register, built in "
        f"{time.perf_counter() - started:.0f} s ({connection.vendor})"
    )

    print("\nqueries per page as one bloc grows (leader's view; register and statistics as the office):")
    rows = query_counts(user, council, office)
    labels = list(rows[0][1])
    print("units  " + "  ".join(f"{label:>13}" for label in labels))
    for size, counts in rows:
        print(f"{size:5d}  " + "  ".join(f"{counts[label]:13d}" for label in labels))

    def cookie_of(account):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(account)
        return f"sessionid={client.cookies['sessionid'].value}"

    cookie, office_cookie = cookie_of(member), cookie_of(office)
    campaign = campaigns[0][0]
    pages = {
        "trivial (login page)": (reverse("login"), cookie),
        "council dashboard": (reverse("dashboard"), cookie),
        "campaign list (30 campaigns)": (reverse("campaigns:list"), cookie),
        "bloc registrations overview": (reverse("registrations:overview", args=[campaign.pk]), cookie),
        "bloc ranking": (reverse("scoring:ranking", args=[campaign.pk]), cookie),
        "award register, searched": (reverse("honours:register") + "?q=nguyen+van&page=2", office_cookie),
        "award register (council)": (reverse("honours:register"), cookie),
        "statistics of the year": (reverse("honours:statistics", args=[province.pk]) + "?year=2020", office_cookie),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "thidua.wsgi",
            "--bind",
            "127.0.0.1:8765",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen("http://127.0.0.1:8765/accounts/login/").read()
                break
            except OSError:
                time.sleep(0.1)
        print(
            f"\nunder load: {args.clients} clients in a second process, {args.seconds:.0f} s per page, gunicorn 2 workers"
        )
        baseline = None
        for label, (path, session) in pages.items():
            results = Queue()
            process = Process(
                target=load, args=(f"http://127.0.0.1:8765{path}", session, args.seconds, args.clients, results)
            )
            process.start()
            rps, median, p95 = results.get()
            process.join()
            baseline = baseline or median
            print(
                f"{label:30s} {rps:7.1f} req/s   median {median:7.1f} ms   p95 {p95:7.1f} ms   {median / baseline:5.1f}x trivial"
            )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
