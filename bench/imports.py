"""Every Excel import on hostile files, beside the same import of a normal file: time, peak memory, memory kept.

Run: .venv/bin/python bench/imports.py [--only staff,criteria]

It builds its own data in a throwaway SQLite database, makes the files on
the fly (tests/xlsx_bombs.py: nothing is kept in the repository) and posts
each to its import page through Django's test client, in this process. For
each it prints the answer, the time, the peak of memory the request
allocated (tracemalloc, in a second post of the same file: Python's objects
and the buffers of zlib and expat), the peak of the process's resident
memory above what it held before (Linux's VmHWM, reset before each post;
it reads low when the request reuses memory freed earlier), and what the
process still holds after (VmRSS, after a collection).

The bombs: the tester's shared-strings bomb (one string of 1.1 GB in a file
of 1.1 MB), a 30 MB string that passes the zip's checks, a row bomb (400,000 lines and no declared size, 3.8 MB), an
empty-row bomb (a million empty lines), and for the score sheet a 2 KB sheet
declaring A1:XFD10001.
"""

import argparse
import gc
import logging
import os
import sys
import tempfile
import time
import tracemalloc
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def memory(field):
    """A line of /proc/self/status, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def reset_peak():
    # Writing 5 to clear_refs sets the process's peak resident size (VmHWM) to what it holds now.
    Path("/proc/self/clear_refs").write_text("5")


def build():
    from django.contrib.auth import get_user_model

    from campaigns.models import Campaign
    from core.text import fold, sort_key
    from organisation.models import Bloc, BlocMembership, Person, RoleAssignment, Unit
    from scoring.models import Criterion

    province = Unit.objects.create(name="Ủy ban nhân dân tỉnh Bench", kind="peoples_committee")
    units = [Unit.objects.create(name=f"Sở Bench {i:02d}", parent=province, kind="department") for i in range(40)]
    bloc = Bloc.objects.create(name="Khối Bench", organizer=province)
    BlocMembership.objects.bulk_create(
        BlocMembership(bloc=bloc, unit=unit, year=2020, role="leader" if i == 0 else "member")
        for i, unit in enumerate(units)
    )
    campaign = Campaign.objects.create(
        name="Phong trào bench", issuer=units[0], issuing_bloc=bloc, year=2020, status="active"
    )
    campaign.blocs.set([bloc])
    criteria = Criterion.objects.bulk_create(
        Criterion(campaign=campaign, position=i, label=str(i), text=f"Tiêu chí số {i}", max_points=10)
        for i in range(1, 31)
    )
    names = [f"Nguyễn Văn Bench {i:04d}" for i in range(2000)]
    Person.objects.bulk_create(
        Person(unit=units[i % 40], full_name=name, search_name=fold(name), sort_name=sort_key(name))
        for i, name in enumerate(names)
    )
    User = get_user_model()
    office = User.objects.create_user("bench-office", password="x")
    RoleAssignment.objects.create(user=office, role="office", unit=province)
    leader = User.objects.create_user("bench-leader", password="x")
    RoleAssignment.objects.create(user=leader, role="unit_clerk", unit=units[0])
    return {
        "province": province,
        "units": units,
        "campaign": campaign,
        "criteria": criteria,
        "office": office,
        "leader": leader,
    }


def workbook_bytes(rows):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def normal_files(world):
    """A real-sized file each import accepts: at its row cap for the lists, a province's table for the rest."""
    from honours import sheets as register
    from organisation import accounts_excel, staff_excel, tree_excel
    from scoring.table_excel import criteria as scoring_excel

    units = world["units"]
    heading = lambda columns: [label for _key, label in columns]  # noqa: E731
    return {
        "staff": workbook_bytes(
            [heading(staff_excel.COLUMNS)]
            + [[f"Trần Thị Mới {i:04d}", "Nữ", "15/03/1985", "Chuyên viên", units[0].name] for i in range(5000)]
        ),
        "tree": workbook_bytes(
            [heading(tree_excel.COLUMNS)]
            + [[f"M{i:04d}", f"Phòng Bench {i:04d}", "", "", units[i % 40].name, "", "", "", ""] for i in range(5000)]
        ),
        "accounts": workbook_bytes(
            [heading(accounts_excel.COLUMNS)]
            + [
                [f"Lê Văn Mời {i:04d}", f"moi{i:04d}@example.vn", units[i % 40].name, "Cán bộ thi đua đơn vị"]
                for i in range(5000)
            ]
        ),
        "register": workbook_bytes(
            [heading(register.COLUMNS)]
            + [
                [
                    2010 + i // 2000,
                    "Lao động tiên tiến",
                    f"Nguyễn Văn Bench {i % 2000:04d}",
                    "",
                    units[i % 40].name,
                    f"{i}/QĐ-UBND",
                    f"20/01/{2011 + i // 2000}",
                    "Chủ tịch UBND tỉnh",
                    "Thường xuyên",
                ]
                for i in range(5000)
            ]
        ),
        "criteria": workbook_bytes(
            [heading(scoring_excel.COLUMNS)]
            + [["I", str(i), f"Tiêu chí số {i}", 10, "Tiêu chí"] for i in range(1, 301)]
        ),
        "score sheet": workbook_bytes(
            [["Phong trào bench"], ["Tiêu chí", "Điểm tối đa"] + [unit.name for unit in units]]
            + [[str(criterion), 10] + [8] * len(units) for criterion in world["criteria"]]
        ),
    }


def imports(world):
    """Each import: (its page, who posts, the form's fields, the file field, its headings)."""
    from django.urls import reverse

    from honours import sheets as register
    from organisation import accounts_excel, staff_excel, tree_excel
    from scoring.table_excel import criteria as scoring_excel

    campaign, units = world["campaign"], world["units"]
    return {
        "staff": (
            reverse("organisation:staff_import", args=[units[0].pk]),
            world["office"],
            {},
            "file",
            staff_excel.COLUMNS,
        ),
        "tree": (
            reverse("organisation:tree_import", args=[world["province"].pk]),
            world["office"],
            {},
            "file",
            tree_excel.COLUMNS,
        ),
        "accounts": (reverse("organisation:accounts_import"), world["office"], {}, "file", accounts_excel.COLUMNS),
        "register": (
            reverse("honours:import", args=[world["province"].pk]),
            world["office"],
            {},
            "file",
            register.COLUMNS,
        ),
        "score sheet": (
            reverse("scoring:score", args=[campaign.pk, units[1].pk]),
            world["leader"],
            {"action": "import"},
            "sheet",
            [("criterion", "Tiêu chí"), ("unit", units[1].name)],
        ),
        # Last: its normal file replaces the table the score sheet is read against.
        "criteria": (
            reverse("scoring:criteria_import", args=[campaign.pk]),
            world["leader"],
            {},
            "file",
            scoring_excel.COLUMNS,
        ),
    }


def answer_of(response):
    from django.contrib.messages import get_messages

    text = " ".join(str(message) for message in get_messages(response.wsgi_request))
    report = (response.context or {}).get("report") if response.context else None
    parsed = (response.context or {}).get("parsed") if response.context else None
    if report and report.get("lines"):
        line, message = report["lines"][0]
        text = f"{'dòng ' + str(line) + ': ' if line else ''}{message}"
    elif parsed is not None and parsed.rows and not parsed.errors:
        text = f"{len(parsed.rows)} dòng sẵn sàng nhập"
    return f"{response.status_code} {text}"[:90]


def post(client, url, fields, field, name, data):
    """Post the file twice: timed, with the process's memory; then traced, for the peak Python allocated."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    def send():
        return client.post(url, {**fields, field: SimpleUploadedFile(name, data)}, HTTP_HOST="127.0.0.1")

    gc.collect()
    before = memory("VmRSS")
    reset_peak()
    started = time.perf_counter()
    response = send()
    elapsed = time.perf_counter() - started
    resident = memory("VmHWM") - before
    answer = answer_of(response)
    del response
    gc.collect()
    kept = memory("VmRSS") - before
    tracemalloc.start()
    send()
    traced = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    tracemalloc.stop()
    gc.collect()
    return elapsed, traced, resident, kept, answer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="", help="imports to run, comma-separated (staff, tree, accounts, ...)")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="thidua-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["DEBUG"] = "False"
    os.environ["SECURE_COOKIES"] = "False"
    os.environ["SECURE_SSL_REDIRECT"] = "False"
    os.environ["MEDIA_ROOT"] = f"{workdir}/media"
    os.environ["STATIC_ROOT"] = f"{workdir}/static"
    os.makedirs(os.environ["STATIC_ROOT"])
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from tests import xlsx_bombs

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    setup_test_environment()  # the response's context, for the answer
    logging.getLogger("django.request").setLevel(logging.ERROR)  # each refusal is a 400, by design
    call_command("migrate", verbosity=0)
    world = build()
    normal = normal_files(world)
    made = time.perf_counter()
    shared_strings = xlsx_bombs.shared_strings_bomb(megabytes=1100)
    print(f"shared-strings bomb: {len(shared_strings) / 1e6:.1f} MB, made in {time.perf_counter() - made:.0f} s")
    # One 30 MB shared string, random enough to pass the zip's checks (a ratio of 9): read, never held.
    varied = os.urandom(30 * 1024 * 1024).translate(bytes(98 if byte < 16 else 97 for byte in range(256))).decode()
    long_string = xlsx_bombs.workbook(
        ["<sheetData>", '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', "</sheetData>"],
        strings_parts=["<si><t>", varied, "</t></si>"],
        compresslevel=1,
    )
    del varied
    wide = xlsx_bombs.declared_wide_sheet(
        [["Phong trào bench"], ["Tiêu chí", "Điểm tối đa", world["units"][1].name]]
        + [[str(criterion), 10, 8] for criterion in world["criteria"]]
    )
    chosen = [name for name in args.only.split(",") if name] or list(imports(world))
    print(f"{'import':<12} {'file':<22} {'size':>8} {'time':>8} {'traced':>9} {'resident':>9} {'kept':>8}  answer")
    for kind in chosen:
        url, user, fields, field, columns = imports(world)[kind]
        client = Client()
        client.force_login(user)
        client.get(url, HTTP_HOST="127.0.0.1")  # the page once, so that what it loads is not counted
        headings = [label for _key, label in columns]
        files = [
            ("normal", normal[kind]),
            ("shared-strings bomb", shared_strings),
            ("30 MB string in limits", long_string),
            ("row bomb", xlsx_bombs.row_bomb(rows=400_000, headings=headings)),
            ("empty-row bomb", xlsx_bombs.empty_row_bomb(rows=1_000_000, headings=headings)),
        ]
        if kind == "score sheet":
            files.append(("A1:XFD10001 declared", wide))
        for name, data in files:
            elapsed, traced, resident, kept, answer = post(client, url, fields, field, "tep.xlsx", data)
            print(
                f"{kind:<12} {name:<22} {len(data) / 1e6:>6.2f}MB {elapsed:>7.2f}s {traced:>7.1f}MB "
                f"{resident:>7.1f}MB {kept:>6.1f}MB  {answer}"
            )


if __name__ == "__main__":
    main()
