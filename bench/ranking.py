"""Latency of the ranking page of a 40-unit bloc with 30 criteria, beside a trivial page, on one server.

Run: .venv/bin/python bench/ranking.py [--units 40] [--criteria 30] [--requests 50] [--every-method]
It builds its own data in a throwaway SQLite database (or the DATABASE_URL
given), serves the app over HTTP on 127.0.0.1 from a thread, and prints the
median and 95th percentile of each page and their ratio.
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def build(units, criteria):
    from django.contrib.auth import get_user_model

    from campaigns.models import Campaign
    from organisation.models import Bloc, BlocMembership, RoleAssignment, Unit
    from scoring.models import Criterion, Score

    leader_unit = Unit.objects.create(name="Sở Văn hóa Bench")
    members = [leader_unit] + [Unit.objects.create(name=f"Đơn vị {i:03d}") for i in range(units - 1)]
    bloc = Bloc.objects.create(name="Khối Bench")
    BlocMembership.objects.bulk_create(
        BlocMembership(bloc=bloc, unit=unit, year=2020, role="leader" if unit == leader_unit else "member")
        for unit in members
    )
    campaign = Campaign.objects.create(
        name="Phong trào bench", issuer=leader_unit, issuing_bloc=bloc, year=2020, status="active"
    )
    campaign.blocs.set([bloc])
    Criterion.objects.bulk_create(
        Criterion(campaign=campaign, position=i, label=str(i), text=f"Tiêu chí {i}", max_points=10)
        for i in range(1, criteria + 1)
    )
    user = get_user_model().objects.create_user("bench-leader", password="x")
    RoleAssignment.objects.create(user=user, role="unit_clerk", unit=leader_unit)
    Score.objects.bulk_create(
        Score(criterion=c, unit=u, scorer=leader_unit, points=(c.position * 7 + u.pk) % 11, updated_by=user)
        for c in Criterion.objects.filter(campaign=campaign)
        for u in members
    )
    return campaign, user, members


def every_method(campaign, members):
    """Turn the flat table into one of today's: two parts holding the lines, the lines cycling through every method
    with a gate on some, and every unit's self-assessment sent with its figures."""
    from django.utils import timezone

    from scoring.models import Criterion, Figure, Scorecard

    lines = list(Criterion.objects.filter(campaign=campaign).order_by("position"))
    last = lines[-1].position
    parts = [
        Criterion.objects.create(campaign=campaign, position=last + 1, label="I", text="Phần I", max_points=150),
        Criterion.objects.create(campaign=campaign, position=last + 2, label="II", text="Phần II", max_points=150),
    ]
    shapes = [
        {"method": "ratio"},
        {"method": "target", "target": 90},
        {"method": "two_levels", "target": 80, "second_level": 95},
        {"method": "tiers", "tiers": [["0", "50", "2"], ["50", "90", "6"], ["90", None, "10"]]},
        {"method": "all_or_nothing", "gate": "evidence"},
        {"method": "per_occurrence", "per_occurrence": 2},
        {"method": "typed", "gate": "floor", "gate_floor": 1},
    ]
    for index, line in enumerate(lines):
        for name, value in shapes[index % len(shapes)].items():
            setattr(line, name, value)
        line.parent = parts[index % 2]
    Criterion.objects.bulk_update(
        lines, ["method", "target", "second_level", "tiers", "per_occurrence", "gate", "gate_floor", "parent"]
    )
    cards = Scorecard.objects.bulk_create(
        Scorecard(campaign=campaign, unit=unit, status="submitted", submitted_at=timezone.now(), version=1)
        for unit in members
    )
    Figure.objects.bulk_create(
        Figure(scorecard=card, criterion=line, value=1 if line.method == "all_or_nothing" else 45, base=50)
        for card in cards
        for line in lines
        if line.needs_figure
    )


def measure(url, cookie, count):
    timings = []
    for _ in range(count):
        request = urllib.request.Request(url, headers={"Cookie": cookie})
        started = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            response.read()
            assert response.status == 200, response.status
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--criteria", type=int, default=30)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument(
        "--every-method", action="store_true", help="a table of today: parts, every scoring method, units' figures"
    )
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="thidua-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["DEBUG"] = "False"
    os.environ["SECURE_COOKIES"] = "False"
    os.environ["SECURE_SSL_REDIRECT"] = "False"
    os.environ.setdefault("STATIC_ROOT", f"{workdir}/static")
    os.environ["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    campaign, user, members = build(args.units, args.criteria)
    if args.every_method:
        every_method(campaign, members)
    client = Client()
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    ranking_path = reverse("scoring:ranking", args=[campaign.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(ranking_path, HTTP_HOST="127.0.0.1").status_code == 200

    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    measure(base + ranking_path, cookie, 5)  # warm up
    trivial = measure(base + reverse("login"), cookie, args.requests)
    ranking = measure(base + ranking_path, cookie, args.requests)
    server.shutdown()

    table = "every scoring method in two parts, with figures" if args.every_method else "typed points"
    print(
        f"data: {args.units} units x {args.criteria} criteria ({table}), {args.requests} requests each, "
        f"{connection.vendor}"
    )
    print(f"ranking page queries: {len(queries.captured_queries)}")
    print(f"trivial page (login)  median {trivial[0]:7.1f} ms   p95 {trivial[1]:7.1f} ms")
    print(f"ranking page          median {ranking[0]:7.1f} ms   p95 {ranking[1]:7.1f} ms")
    print(f"ratio ranking/trivial median {ranking[0] / trivial[0]:.1f}x")


if __name__ == "__main__":
    main()
