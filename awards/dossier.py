"""One dossier package per proposal (hồ sơ đề nghị khen thưởng, Decree 152/2025 art. 33.12): a .zip.

It holds the letter (PDF and Word), the list (PDF and Excel), the minutes,
each line's signed achievement report, the recognised initiatives of the
people proposed, the evidence the units' self-assessments rely on, and
`manifest.sha256`: every item with its SHA-256, in the format `sha256sum -c`
checks. A proposal forwarded to a higher council carries the lower council's
papers under `cap-duoi/`, and its lines' reports came up with the lines, so
the higher council sees the same package.

The package is written to a temporary file item by item, each file copied in
chunks, so a proposal with hundreds of reports keeps memory flat; it is
rendered by the same task as the large PDFs (`RenderedFile.Kind.DOSSIER`).
"""

import hashlib
import re
import tempfile
import time
import zipfile

from django.core.files import File

from awards.docx.papers import WORD
from awards.excel import proposal_list_workbook
from awards.models import AchievementReport, CouncilBallot, Initiative, Proposal, RenderedFile
from awards.pdf import DOCUMENTS, BallotMinutesDocument
from awards.selectors import proposal_lines
from core.text import fold
from scoring.models import Evidence

MANIFEST = "manifest.sha256"
CHUNK = 1024 * 1024


def slug(text, limit=60):
    """An ASCII file name part: "Sở Y tế" -> "so-y-te"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:limit] or "tep"


def dossier_items(proposal):
    """[(path in the package, callable returning bytes or an open file)], in the package's order."""

    lines = proposal_lines(proposal=proposal)
    items = [
        ("01-to-trinh.pdf", lambda: DOCUMENTS["letter"](proposal).generate()[2]),
        ("01-to-trinh.docx", lambda: WORD[RenderedFile.Kind.LETTER_DOCX](proposal).generate()[2]),
        ("02-danh-sach.pdf", lambda: DOCUMENTS["list"](proposal).generate()[2]),
        ("02-danh-sach.xlsx", lambda: proposal_list_workbook(proposal=proposal, lines=lines)),
    ]
    items += _minutes(proposal, "03-")
    reports = AchievementReport.objects.filter(line__proposal=proposal).select_related("line__unit", "line__person")
    for report in sorted(reports, key=lambda report: (report.line.position, report.line.pk)):
        line = report.line
        name = f"bao-cao-thanh-tich/{line.position:03d}-{slug(str(line.nominee))}.pdf"
        items.append((name, lambda report=report: report.file.open("rb")))
    items += _initiatives(lines)
    items += _evidence(proposal, lines)
    if proposal.forwarded_from_id:
        lower = Proposal.objects.select_related("campaign", "proposer", "council").get(pk=proposal.forwarded_from_id)
        items += [
            ("cap-duoi/01-to-trinh.pdf", lambda: DOCUMENTS["letter"](lower).generate()[2]),
            ("cap-duoi/02-danh-sach.pdf", lambda: DOCUMENTS["list"](lower).generate()[2]),
        ]
        items += [(f"cap-duoi/{name}", make) for name, make in _minutes(lower, "03-")]
    return items


def _minutes(proposal, prefix):
    items = []
    if proposal.kind == Proposal.Kind.BLOC:
        items.append((f"{prefix}bien-ban-binh-bau.pdf", lambda: DOCUMENTS["minutes"](proposal).generate()[2]))
    ballot = CouncilBallot.objects.filter(proposal=proposal).first()
    if ballot is not None and not ballot.is_open:
        items.append((f"{prefix}bien-ban-kiem-phieu.pdf", lambda: BallotMinutesDocument(proposal).generate()[2]))
    return items


def _initiatives(lines):
    """The recognised initiatives of the people proposed, with the decisions that recognised them."""
    people = {line.person_id for line in lines if line.person_id}
    initiatives = (
        Initiative.objects.filter(person_id__in=people, status=Initiative.Status.RECOGNISED)
        .select_related("person__unit")
        .order_by("person__sort_name", "-year", "name")
    )
    rows = [
        f"{item.person.full_name} ({item.person.unit.name}) – {item.year} – {item.name}"
        + (f" – công nhận: {item.recognised_by}" if item.recognised_by else "")
        + (f", {item.decision}" if item.decision else "")
        for item in initiatives
    ]
    if not rows:
        return []
    text = "SÁNG KIẾN ĐÃ ĐƯỢC CÔNG NHẬN CỦA CÁ NHÂN ĐƯỢC ĐỀ NGHỊ\n\n" + "\n".join(rows) + "\n"
    return [("sang-kien.txt", lambda: text.encode("utf-8"))]


def _evidence(proposal, lines):
    """The evidence each proposed unit sent with its self-assessment of this campaign."""
    unit_ids = {line.unit_id for line in lines if line.unit_id}
    evidence = (
        Evidence.objects.filter(scorecard__campaign_id=proposal.campaign_id, scorecard__unit_id__in=unit_ids)
        .select_related("scorecard__unit")
        .order_by("scorecard__unit__sort_name", "uploaded_at", "id")
    )
    items = []
    for number, item in enumerate(evidence, start=1):
        stem, dot, extension = item.original_name.rpartition(".")
        name = f"{slug(stem or extension)}.{slug(extension, 10)}" if dot else slug(item.original_name)
        path = f"minh-chung/{slug(item.scorecard.unit.name)}/{number:03d}-{name}"
        items.append((path, lambda item=item: item.file.open("rb")))
    return items


class DossierDocument:
    """The package, as a kept paper: generate() returns (filename, mime type, a File of the .zip)."""

    filename = "ho-so-de-nghi-khen-thuong.zip"

    def __init__(self, proposal):
        self.proposal = proposal

    def generate(self, progress=None):
        items = dossier_items(self.proposal)
        handle = tempfile.TemporaryFile()
        digests = []
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for done, (path, make) in enumerate(items, start=1):
                digests.append((_write(archive, path, make()), path))
                if progress:
                    progress(done, len(items) + 1)
            manifest = "".join(f"{digest}  {path}\n" for digest, path in digests)
            archive.writestr(MANIFEST, manifest.encode("utf-8"))
        handle.seek(0)
        return self.filename, "application/zip", File(handle, name=self.filename)


def _write(archive, path, content):
    """Copy one item into the package, hashing it on the way; returns its SHA-256."""
    digest = hashlib.sha256()
    info = zipfile.ZipInfo(path, date_time=time.localtime()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as target:
        if isinstance(content, bytes):
            digest.update(content)
            target.write(content)
            return digest.hexdigest()
        with content:
            while chunk := content.read(CHUNK):
                digest.update(chunk)
                target.write(chunk)
    return digest.hexdigest()
