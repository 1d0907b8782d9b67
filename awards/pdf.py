"""The proposal's papers as PDF in the layout of Decree 30/2020: the letter, the list, the vote minutes.

Each document is an object whose generate() returns (filename, mime type,
bytes), rendered in Vietnamese whatever the reader's interface language.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from awards.selectors import proposal_lines
from scoring.selectors import vote_meeting_for, vote_results


def _header(proposal):
    """The two header blocks: the issuing body (and its parent) and where and when it was signed."""
    proposer = proposal.proposer
    bloc = proposal.campaign.issuing_bloc if proposal.kind == proposal.Kind.BLOC else None
    issuing = (bloc.full_name or bloc.name) if bloc else proposer.name
    return {
        "parent_body": proposer.parent_body or (proposer.parent.name if proposer.parent_id else ""),
        "issuing_body": issuing,
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
        return {**super().context(), "lines": lines}


class MinutesDocument(Document):
    template_name = "awards/pdf/minutes.html"
    filename = "bien-ban.pdf"

    def context(self):
        meeting = vote_meeting_for(campaign=self.proposal.campaign, compiler_id=self.proposal.proposer_id)
        return {
            **super().context(),
            "meeting": meeting,
            "present": list(meeting.present.order_by("sort_name")) if meeting else [],
            "results": vote_results(meeting=meeting),
            "header": {**_header(self.proposal), "dated": meeting.held_on if meeting else None},
        }


DOCUMENTS = {"letter": LetterDocument, "list": ListDocument, "minutes": MinutesDocument}
