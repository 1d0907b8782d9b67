"""The award papers of a 500-line proposal: render times beside WeasyPrint alone, web request times, memory.

Run: .venv/bin/python bench/pdf.py [--lines 500] [--runs 1] [--out DIR]

1. Each paper rendered by the product (queries + template + WeasyPrint, and
   for the certificates slices joined with pypdf) beside WeasyPrint alone on
   the same HTML in one pass: their difference is what the product adds.
2. Requests as a council member sees them, server time (Django's test client,
   no network): the proposal and ballot pages, asking for a paper that is not
   rendered yet (the request queues it and answers with a progress page; here,
   without a broker, a thread of the process renders it), and downloading it
   once it is kept.
3. Peak memory (RSS) of rendering the certificates, in a fresh child process,
   beside WeasyPrint rendering the same 500 pages in one pass.
"""

import argparse
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup_django(workdir):
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["MEDIA_ROOT"] = f"{workdir}/media"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.update({"DEBUG": "False", "SECURE_COOKIES": "False", "SECURE_SSL_REDIRECT": "False"})
    os.environ.setdefault("STATIC_ROOT", f"{workdir}/static")
    os.environ["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    import django

    django.setup()


def build(lines):
    """A province council of nine, a 500-line proposal counted by its ballot, and the decision."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from awards import selectors, services
    from awards.models import Proposal, ProposalLine
    from campaigns.models import Campaign, Title
    from organisation.models import Council, CouncilMember, Person, Unit

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    User = get_user_model()
    province = Unit.objects.create(name="Ủy ban nhân dân tỉnh Bench", kind="peoples_committee", province="Bench")
    agency = Unit.objects.create(name="Sở Xây dựng Bench", parent=province, parent_body="UBND TỈNH BENCH")
    divisions = [Unit.objects.create(name=f"Phòng nghiệp vụ {i}", parent=agency) for i in range(10)]
    people = [
        Person(unit=divisions[i % 10], full_name=f"Nguyễn Thị Hồng Nhung {i:03d}", position="Chuyên viên")
        for i in range(lines)
    ]
    for person in people:
        person.save()
    council = Council.objects.create(name="Hội đồng Thi đua – Khen thưởng tỉnh Bench", level="province", unit=province)
    members = []
    for i, position in enumerate(["chair", "vice_chair", "secretary"] + ["member"] * 6):
        user = User.objects.create_user(f"member{i}", first_name=f"Thành viên {i}", last_name="Lê")
        CouncilMember.objects.create(council=council, user=user, position=position)
        members.append(user)
    secretary = members[2]
    campaign = Campaign.objects.create(
        name="Phong trào bench", issuer=agency, year=2020, council=council, status="active", place="Bench"
    )
    proposal = Proposal.objects.create(
        campaign=campaign,
        kind="unit",
        proposer=agency,
        council=council,
        summary="Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh",
        status="submitted",
        created_by=secretary,
    )
    title = Title.objects.get(code="bang-khen-tinh-ca-nhan")
    ProposalLine.objects.bulk_create(
        ProposalLine(proposal=proposal, position=i, title=title, person=person) for i, person in enumerate(people)
    )
    figures = {item.title.pk: item.percent for item in selectors.ballot_title_thresholds(proposal=proposal)}
    ballot = services.ballot_open(user=secretary, proposal=proposal, held_on=date(2021, 3, 5), council_figures=figures)
    line_ids = list(proposal.lines.values_list("pk", flat=True))
    for seat in selectors.ballot_seats(ballot=ballot):
        services.ballot_cast(user=seat.user, seat=seat, choices=dict.fromkeys(line_ids, True), expected_version=0)
    return proposal, ballot, secretary, members


def decide(proposal, secretary):
    from awards import selectors, services

    services.ballot_close(user=secretary, ballot=proposal.ballot)
    proposal.refresh_from_db()
    decision = selectors.decision_draft(proposal=proposal)
    decision.number, decision.dated = "512/QĐ-UBND", date(2021, 3, 15)
    services.decision_save(user=secretary, proposal=proposal, decision=decision, expected_version=0)


def timed(function, runs):
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations), result


def _rss_mib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _memory_child(proposal_id, alone, queue):
    """In a fresh process: the RSS before, and the peak while rendering the certificates."""
    from weasyprint import HTML

    from awards.models import Proposal
    from awards.pdf import CertificatesDocument

    document = CertificatesDocument(Proposal.objects.get(pk=proposal_id))
    html = document.html() if alone else None
    before = _rss_mib()
    if alone:
        HTML(string=html).write_pdf()
    else:
        document.generate()
    queue.put((before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def memory(proposal_id, alone):
    from django.db import connections

    connections.close_all()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_memory_child, args=(proposal_id, alone, queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=500)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--out", help="also write the PDFs into this folder, to look at them")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="thidua-bench-")
    _setup_django(workdir)
    from django.conf import settings
    from django.test import Client
    from pypdf import PdfReader
    from weasyprint import HTML

    from awards.models import RenderedFile
    from awards.pdf import RENDERED, ListDocument
    from awards.services import files as rendering

    queue_render = rendering.queue_render
    rendering.queue_render = lambda file_id: None  # part 1 renders in this thread, nothing in the background
    proposal, ballot, secretary, members = build(args.lines)
    client = Client()
    client.force_login(members[5])
    pages = {"proposal page": f"/proposals/{proposal.pk}/", "ballot page": f"/proposals/{proposal.pk}/ballot/"}
    client.get(pages["proposal page"])
    page_times = {name: timed(lambda url=url: client.get(url), 5) for name, url in pages.items()}
    decide(proposal, secretary)
    pages_after = {name: timed(lambda url=url: client.get(url), 5) for name, url in pages.items()}

    print(f"lines: {args.lines}, council members: {ballot.member_count}, runs: {args.runs}\n")
    print(f"{'paper':<28}{'product':>10}{'WeasyPrint alone':>19}{'pages':>7}{'size':>9}")
    documents = {"proposal_list": ListDocument(proposal)} | {kind: cls(proposal) for kind, cls in RENDERED.items()}
    for name, document in documents.items():
        product, (_filename, _mime, content) = timed(document.generate, args.runs)
        html = document.html()
        alone, _ = timed(lambda html=html: HTML(string=html).write_pdf(), args.runs)
        count = len(PdfReader(BytesIO(content)).pages)
        print(f"{name:<28}{product:>9.2f}s{alone:>18.2f}s{count:>7}{len(content) // 1024:>7} KiB")
        if args.out:
            Path(args.out).mkdir(parents=True, exist_ok=True)
            Path(args.out, f"{name}.pdf").write_bytes(content)

    print("\nrequests, server time (median of 5; size of the page)")
    for name in pages:
        before, response = page_times[name]
        after, response_after = pages_after[name]
        print(
            f"  {name:<24} voting {before * 1000:6.0f} ms ({len(response.content) // 1024} KiB), "
            f"counted {after * 1000:6.0f} ms ({len(response_after.content) // 1024} KiB)"
        )
    rendering.queue_render = queue_render
    settings.RENDER_IN_THREAD = True  # no broker: the web process's render thread
    RenderedFile.objects.all().delete()
    for kind in ("decision", "decision_list", "certificates"):
        url = f"/proposals/{proposal.pk}/files/{kind}/"
        started = time.perf_counter()
        first = client.get(url)
        asked, poll = time.perf_counter() - started, 0.0
        while RenderedFile.objects.get(proposal=proposal, kind=kind).status not in ("done", "failed"):
            poll, _ = timed(lambda url=url: client.get(url, HTTP_HX_REQUEST="true"), 1)
            time.sleep(0.5)
        ready = time.perf_counter() - started
        download, response = timed(lambda url=url: b"".join(client.get(url).streaming_content), 5)
        print(
            f"  {kind:<24} ask {asked * 1000:5.0f} ms ({first['Content-Type'].split(';')[0]}), "
            f"poll {poll * 1000:4.0f} ms, kept after {ready:5.1f} s, download {download * 1000:4.0f} ms "
            f"({len(response) // 1024} KiB)"
        )

    print("\npeak memory rendering the certificates (RSS, fresh process)")
    for label, alone in (("product, in slices of 50", False), ("WeasyPrint alone, one pass", True)):
        before, peak = memory(proposal.pk, alone)
        print(f"  {label:<28} peak {peak:6.0f} MiB ({peak - before:5.0f} MiB above the process before rendering)")


if __name__ == "__main__":
    main()
