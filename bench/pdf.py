"""Time to print a 500-line proposal list, beside WeasyPrint rendering the same HTML alone.

Run: .venv/bin/python bench/pdf.py [--lines 500] [--runs 3]
The first figure is the product's whole path (queries, template, PDF); the
second is WeasyPrint alone on the HTML that path produced: their difference
is what the product adds.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", help="also write the PDF here, to look at it")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="thidua-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from weasyprint import HTML

    from awards.models import Proposal, ProposalLine
    from awards.pdf import ListDocument
    from campaigns.models import Campaign, Title
    from organisation.models import Council, Person, Unit

    call_command("migrate", verbosity=0)
    agency = Unit.objects.create(name="Sở Xây dựng Bench", parent_body="UBND TỈNH BENCH", head_title="Giám đốc")
    divisions = [Unit.objects.create(name=f"Phòng nghiệp vụ {i}", parent=agency) for i in range(10)]
    people = [
        Person(unit=divisions[i % 10], full_name=f"Nguyễn Thị Hồng Nhung {i:03d}", position="Chuyên viên")
        for i in range(args.lines)
    ]
    for person in people:
        person.save()
    council = Council.objects.create(name="Hội đồng Thi đua – Khen thưởng Bench", level="unit", unit=agency)
    campaign = Campaign.objects.create(name="Phong trào bench", issuer=agency, year=2020, council=council)
    user = get_user_model().objects.create_user("bench")
    proposal = Proposal.objects.create(
        campaign=campaign,
        kind="unit",
        proposer=agency,
        council=council,
        summary="Đề nghị công nhận danh hiệu",
        created_by=user,
    )
    ldtt = Title.objects.get(code="ldtt")
    ProposalLine.objects.bulk_create(
        ProposalLine(proposal=proposal, position=i, title=ldtt, person=person) for i, person in enumerate(people)
    )

    document = ListDocument(proposal)
    html = document.html()
    full, alone = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        _name, _mime, content = document.generate()
        full.append(time.perf_counter() - started)
        started = time.perf_counter()
        HTML(string=html).write_pdf()
        alone.append(time.perf_counter() - started)
    if args.out:
        Path(args.out).write_bytes(content)
    print(f"lines: {args.lines}, pdf: {len(content) // 1024} KiB, runs: {args.runs}")
    print(f"product (queries + template + WeasyPrint): median {statistics.median(full):5.2f} s")
    print(f"WeasyPrint alone on the same HTML:         median {statistics.median(alone):5.2f} s")
    print(f"overhead of the product: {statistics.median(full) - statistics.median(alone):5.2f} s")


if __name__ == "__main__":
    main()
