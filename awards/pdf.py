"""The proposal's papers as PDF in the layout of Decree 30/2020: the letter, the list, the vote minutes,
and after the council's ballot its minutes, the decision with its list, and the certificates.

Each document is an object whose generate() returns (filename, mime type,
bytes), rendered in Vietnamese whatever the reader's interface language.
The documents that grow with the list (`RENDERED`) are rendered by a task and
kept; see `awards.services.rendered_file_render`.
"""

from io import BytesIO
from itertools import groupby

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from pypdf import PdfWriter

from awards import selectors
from awards.certificates import codes_of
from awards.models import BallotThreshold, RenderedFile
from awards.selectors import proposal_lines
from awards.selectors.money import ROUNDING_SOURCE, decision_money
from awards.wording import award_name, unit_line
from core.text import full_name
from organisation.models import CouncilMember
from scoring.selectors import vote_meeting_for, vote_results

NBSP = "\u00a0"
# The words that begin a place's name in an agency's name: "tỉnh Trà Vinh", "thành phố Cần Thơ".
PLACE_WORDS = {("tỉnh",), ("huyện",), ("quận",), ("thành", "phố"), ("thị", "xã")}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def pdf_of(html):
    """The PDF WeasyPrint makes of `html`.

    WeasyPrint is imported here rather than with the module: loading it (Pango, the fonts) takes half a second,
    which every process paid at start since awards' receivers import this module, a `manage.py` command or a
    worker that never prints included.
    """
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def keep_together(name):
    """The name with its place ("tỉnh Trà Vinh"), or else its last two words, joined by non-breaking spaces.

    A body's name in the narrow header wraps; joined so, it never leaves one
    word of a place alone on the last line ("… TỈNH TRÀ / VINH").
    """
    words = name.split()
    start = max(len(words) - 2, 0)
    for index in range(len(words) - 1, 0, -1):
        if any(tuple(word.lower() for word in words[index : index + len(place)]) == place for place in PLACE_WORDS):
            start = index
            break
    return " ".join(words[:start] + [NBSP.join(words[start:])])


Position = CouncilMember.Position
# How minutes name a council seat.
SEAT_WORDS = {
    Position.CHAIR: "Chủ tịch Hội đồng",
    Position.VICE_CHAIR: "Phó Chủ tịch Hội đồng",
    Position.SECRETARY: "Thư ký",
    Position.MEMBER: "Ủy viên",
}


def document_header(*, parent_body, issuing_body, place, dated):
    """The two header blocks of every paper: the issuing body under its parent, and where and when it was signed."""
    return {
        "parent_body": keep_together(parent_body),
        "issuing_body": keep_together(issuing_body),
        "place": place,
        "dated": dated,
    }


def _header(proposal):
    proposer = proposal.proposer
    bloc = proposal.campaign.issuing_bloc if proposal.kind == proposal.Kind.BLOC else None
    return document_header(
        parent_body=proposer.parent_body or (proposer.parent.name if proposer.parent_id else ""),
        issuing_body=(bloc.full_name or bloc.name) if bloc else proposer.name,
        place=proposal.place,
        dated=proposal.dated,
    )


class Document:
    template_name = None
    filename = None

    def __init__(self, proposal):
        self.proposal = proposal

    def context(self):
        return {"proposal": self.proposal, "header": _header(self.proposal)}

    def html(self):
        with translation.override(settings.LANGUAGE_CODE):
            return render_to_string(self.template_name, self.context())

    def generate(self, progress=None):
        content = pdf_of(self.html())
        if progress:
            progress(1, 1)
        return self.filename, "application/pdf", content


class LetterDocument(Document):
    template_name = "awards/pdf/letter.html"
    filename = "to-trinh.pdf"

    def context(self):
        lines = [line for line in proposal_lines(proposal=self.proposal) if line.decision != line.Decision.REJECTED]
        return {
            **super().context(),
            "collectives": sum(1 for line in lines if line.unit_id),
            "individuals": sum(1 for line in lines if line.person_id),
            "paragraphs": [p.strip() for p in self.proposal.body.split("\n") if p.strip()],
        }


class ListDocument(Document):
    template_name = "awards/pdf/list.html"
    filename = "danh-sach.pdf"

    def context(self):
        lines = [line for line in proposal_lines(proposal=self.proposal) if line.decision != line.Decision.REJECTED]
        # One section per title, as offices lay such lists out: without a
        # title column, a person's position and unit fit on one line.
        ordered = sorted(lines, key=lambda line: (line.title.position, line.title_id))
        sections = [
            (ROMAN[index] if index < len(ROMAN) else str(index + 1), title, list(group))
            for index, (title, group) in enumerate(groupby(ordered, key=lambda line: line.title))
        ]
        return {**super().context(), "lines": lines, "sections": sections}


class MinutesDocument(Document):
    template_name = "awards/pdf/minutes.html"
    filename = "bien-ban.pdf"

    def context(self):
        meeting = vote_meeting_for(campaign=self.proposal.campaign, compiler_id=self.proposal.proposer_id)
        return {
            **super().context(),
            "meeting": meeting,
            # Whoever recorded the vote kept the minutes; an account without a
            # name leaves a line for the secretary to sign and write it.
            "secretary": full_name(meeting.recorded_by) if meeting else "",
            "present": list(meeting.present.order_by("sort_name")) if meeting else [],
            "results": vote_results(meeting=meeting),
            "header": {**_header(self.proposal), "dated": meeting.held_on if meeting else None},
        }


DOCUMENTS = {"letter": LetterDocument, "list": ListDocument, "minutes": MinutesDocument}


def nominee_counts(collectives, individuals):
    """ "3 tập thể và 2 cá nhân", leaving out a part that is zero."""
    parts = [f"{collectives} tập thể"] * bool(collectives) + [f"{individuals} cá nhân"] * bool(individuals)
    return " và ".join(parts)


def certificate_heading(title):
    """The paper an award is printed on: a Bằng khen or Giấy khen by its name; for an emulation title, its certificate."""
    name = award_name(title)
    for paper in ("Bằng khen", "Giấy khen"):
        if name.startswith(paper):
            return paper
    return "Giấy chứng nhận"


ROMAN = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split()


def _joined(names):
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


class BallotMinutesDocument(Document):
    """The biên bản of the council's ballot: who sat, each title's threshold and its source, every line's tally."""

    template_name = "awards/pdf/ballot_minutes.html"
    filename = "bien-ban-kiem-phieu.pdf"

    def context(self):
        proposal = self.proposal
        ballot = proposal.ballot
        seats = selectors.ballot_seats(ballot=ballot)
        tallies = selectors.ballot_tallies(ballot=ballot)
        rows = []
        for line in proposal_lines(proposal=proposal):
            agree, disagree = tallies.get(line.pk, (0, 0))
            rows.append((line, agree, disagree, selectors.share(agree, ballot.member_count)))
        return {
            "proposal": proposal,
            "ballot": ballot,
            "header": document_header(
                parent_body=proposal.council.unit.name,
                issuing_body=proposal.council.name,
                place=proposal.place,
                dated=ballot.held_on,
            ),
            "present": [(seat, SEAT_WORDS[seat.position]) for seat in seats if seat.present],
            "absent": [seat for seat in seats if not seat.present],
            "present_share": selectors.share(sum(seat.present for seat in seats), ballot.member_count),
            "thresholds": _thresholds(ballot),
            "proposer": selectors.proposer_name(proposal=proposal),
            "rows": rows,
            "secretary": next((seat.name for seat in seats if seat.position == Position.SECRETARY), ""),
            "chair": next((seat.name for seat in seats if seat.position == Position.CHAIR), ""),
        }


def _thresholds(ballot):
    """[(titles, per cent, source)]: the titles that need the same share for the same reason, named together."""
    groups = {}
    for row in BallotThreshold.objects.filter(ballot=ballot).select_related("title"):
        groups.setdefault((row.percent, row.legal_source), []).append(f"“{row.title.name}”")
    return [(_joined(titles), percent, source) for (percent, source), titles in groups.items()]


def _decision_header(decision):
    return document_header(
        parent_body=decision.parent_body,
        issuing_body=decision.issuing_body,
        place=decision.place,
        dated=decision.dated,
    )


class DecisionDocument(Document):
    template_name = "awards/pdf/decision.html"
    filename = "quyet-dinh.pdf"

    def context(self):
        decision = selectors.decision_of(proposal=self.proposal)
        lines = selectors.awarded_lines(proposal=self.proposal)
        names = list(dict.fromkeys(award_name(line.title) for line in lines))
        return {
            "decision": decision,
            "header": _decision_header(decision),
            "bases": [basis.strip() for basis in decision.bases.splitlines() if basis.strip()],
            "awards": _joined(names),
            "counts": nominee_counts(
                sum(1 for line in lines if line.unit_id), sum(1 for line in lines if line.person_id)
            ),
        }


class DecisionListDocument(Document):
    template_name = "awards/pdf/decision_list.html"
    filename = "danh-sach-kem-quyet-dinh.pdf"

    def context(self):
        decision = selectors.decision_of(proposal=self.proposal)
        lines = selectors.awarded_lines(proposal=self.proposal)
        money = decision_money(proposal=self.proposal, lines=lines, decision=decision)
        groups = {}
        for line in lines:
            groups.setdefault(line.title, []).append(line)
        return {
            "decision": decision,
            "money": money,
            "rounding_source": ROUNDING_SOURCE,
            "header": _decision_header(decision),
            "groups": [
                (
                    ROMAN[number],
                    award_name(title),
                    nominee_counts(
                        sum(1 for line in items if line.unit_id), sum(1 for line in items if line.person_id)
                    ),
                    [(line, unit_line(line, decision), money.lines[line.pk]) for line in items],
                )
                for number, (title, items) in enumerate(groups.items())
            ],
            "total": nominee_counts(
                sum(1 for line in lines if line.unit_id), sum(1 for line in lines if line.person_id)
            ),
        }


class CertificatesDocument(Document):
    """One A4 landscape page per award: Bằng khen, Giấy khen or the title's certificate.

    A batch is rendered in slices and joined, so memory stays flat however
    long the list, and the task can say how far it has come.
    """

    template_name = "awards/pdf/certificates.html"
    filename = "giay-khen.pdf"
    SLICE = 50

    def __init__(self, proposal, lines=None):
        super().__init__(proposal)
        self.lines = lines

    def html(self, lines=None):
        decision = selectors.decision_of(proposal=self.proposal)
        lines = lines if lines is not None else self.lines or selectors.awarded_lines(proposal=self.proposal)
        checks = codes_of(lines)
        with translation.override(settings.LANGUAGE_CODE):
            return render_to_string(
                self.template_name,
                {
                    "decision": decision,
                    "certificates": [
                        {
                            "line": line,
                            "heading": certificate_heading(line.title),
                            "award": _certified(line.title),
                            "unit": unit_line(line, decision),
                            "achievement": line.achievements.strip() or decision.achievement,
                            "check": checks.get(line.pk),
                        }
                        for line in lines
                    ],
                },
            )

    def generate(self, progress=None):
        lines = self.lines or selectors.awarded_lines(proposal=self.proposal)
        slices = [lines[start : start + self.SLICE] for start in range(0, len(lines), self.SLICE)]
        writer = PdfWriter()
        for done, piece in enumerate(slices, start=1):
            writer.append(BytesIO(pdf_of(self.html(piece))))
            if progress:
                progress(done, len(slices))
        buffer = BytesIO()
        writer.write(buffer)
        filename = self.filename if self.lines is None else f"giay-khen-{lines[0].pk}.pdf"
        return filename, "application/pdf", buffer.getvalue()


def _certified(title):
    """What a title's certificate attests (“Đạt danh hiệu …”, “Được tặng Cờ thi đua …”); a commendation says it itself."""
    if title.kind == title.Kind.COMMENDATION:
        return ""
    name = award_name(title)
    return f"Đạt {name}" if name.startswith("danh hiệu") else f"Được tặng {name}"


RENDERED = {
    RenderedFile.Kind.BALLOT_MINUTES: BallotMinutesDocument,
    RenderedFile.Kind.DECISION: DecisionDocument,
    RenderedFile.Kind.DECISION_LIST: DecisionListDocument,
    RenderedFile.Kind.CERTIFICATES: CertificatesDocument,
}
