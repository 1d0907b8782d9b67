"""How long one worker takes to fan out and send 10,000 reminders.

Run: .venv/bin/python bench/reminders.py [--recipients 10000]
It builds a bloc whose members all still owe their mid-year report, each
with its own clerk, in a throwaway SQLite database (or the DATABASE_URL
given), then runs the daily reminder job in this process, as one worker
would, with Django's in-memory mail backend standing in for the SMTP server.
It prints the time of the fan-out, of the sending, and of both beside the
60-second floor.
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=10_000)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="thidua-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.pop("CELERY_BROKER_URL", None)  # this process is the worker
    os.environ["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection

    from campaigns.models import Campaign, Milestone
    from notifications import reminders
    from notifications import services as notifications
    from notifications.models import Reminder
    from organisation.models import Bloc, BlocMembership, RoleAssignment, Unit

    call_command("migrate", verbosity=0)
    mail.outbox = []
    units = Unit.objects.bulk_create(Unit(name=f"Đơn vị {i:05d}") for i in range(args.recipients))
    bloc = Bloc.objects.create(name="Khối bench")
    BlocMembership.objects.bulk_create(
        BlocMembership(bloc=bloc, unit=unit, year=2020, role="leader" if i == 0 else "member")
        for i, unit in enumerate(units)
    )
    campaign = Campaign.objects.create(
        name="Phong trào bench", issuer=units[0], issuing_bloc=bloc, year=2020, status="active"
    )
    campaign.blocs.set([bloc])
    deadline = date(2020, 6, 15)
    Milestone.objects.create(campaign=campaign, kind="midyear_report", name="Báo cáo sơ kết", due_on=deadline)
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"clerk{i:05d}", email=f"clerk{i:05d}@example.vn", password="!") for i in range(args.recipients)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=user, role="unit_clerk", unit=unit) for user, unit in zip(users, units, strict=True)
    )

    started = time.perf_counter()
    created = reminders.reminders_create_due(today=deadline - timedelta(days=7))
    fanned = time.perf_counter()
    sent = 0
    while handled := notifications.notifications_send_pending(limit=500):
        sent += handled
    finished = time.perf_counter()
    assert (
        created == sent == len(mail.outbox) == Reminder.objects.filter(email_status="sent").count() == args.recipients
    )

    total = finished - started
    print(f"recipients: {args.recipients}, database: {connection.vendor}")
    print(f"fan-out (reminders created):  {fanned - started:6.1f} s")
    print(f"sending (one locked row each): {finished - fanned:6.1f} s")
    print(f"total: {total:6.1f} s   floor: 60.0 s   {'OK' if total < 60 else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
