"""The proposal's papers as PDF in the layout of Decree 30/2020: the letter, the list, the vote minutes.

Each document is an object whose generate() returns (filename, mime type,
bytes), rendered in Vietnamese whatever the reader's interface language.
"""

from itertools import groupby

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from awards.selectors import proposal_lines
from scoring.selectors import vote_meeting_for, vote_results
from thidua.text import full_name

NBSP = "\u00a0"
# The words that begin a place's name in an agency's name: "tỉnh Trà Vinh", "thành phố Cần Thơ".
PLACE_WORDS = {("tỉnh",), ("huyện",), ("quận",), ("thành", "phố"), ("thị", "xã")}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


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


def _header(proposal):
    """The two header blocks: the issuing body (and its parent) and where and when it was signed."""
    proposer = proposal.proposer
    bloc = proposal.campaign.issuing_bloc if proposal.kind == proposal.Kind.BLOC else None
    issuing = (bloc.full_name or bloc.name) if bloc else proposer.name
    return {
        "parent_body": keep_together(proposer.parent_body or (proposer.parent.name if proposer.parent_id else "")),
        "issuing_body": keep_together(issuing),
        "place": proposal.place,
        "dated": proposal.dated,
    }


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

    def generate(self):
        return self.filename, "application/pdf", HTML(string=self.html()).write_pdf()


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
