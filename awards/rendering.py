"""Every paper kept once rendered: which document renders each kind, and which version of it is current.

The decision's papers follow the decision's version. The proposal's own
papers (the letter, the list, the vote minutes, their Word files and the
dossier) follow its history: every change to a proposal, its lines and their
reports is logged on it, so the newest log entry names the version of
everything printed from it.
"""

from io import BytesIO

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from pypdf import PdfWriter

from activity.models import ActivityLog
from awards import selectors
from awards.docx.papers import WORD
from awards.dossier import DossierDocument
from awards.models import AwardDecision, Proposal, RenderedFile
from awards.pdf import RENDERED, DecisionDocument, DecisionListDocument, Document

Kind = RenderedFile.Kind


class DecisionToSignDocument(Document):
    """The decision followed by its list, in one PDF: what the authority signs, so the signature covers every line."""

    filename = "quyet-dinh-de-ky-so.pdf"

    def generate(self, progress=None):
        writer = PdfWriter()
        for document in (DecisionDocument(self.proposal), DecisionListDocument(self.proposal)):
            writer.append(BytesIO(document.generate()[2]))
        buffer = BytesIO()
        writer.write(buffer)
        if progress:
            progress(1, 1)
        return self.filename, "application/pdf", buffer.getvalue()


KEPT = {**RENDERED, Kind.DECISION_TO_SIGN: DecisionToSignDocument, **WORD, Kind.DOSSIER: DossierDocument}
PROPOSAL_PAPERS = {Kind.LETTER_DOCX, Kind.LIST_DOCX, Kind.MINUTES_DOCX, Kind.DOSSIER}
DECISION_PAPERS = {Kind.DECISION_DOCX, Kind.DECISION_LIST_DOCX, Kind.DECISION_TO_SIGN}


def proposal_history_version(*, proposal):
    """The newest log entry of the proposal, or of the one it was forwarded from, whose papers its dossier carries."""
    ids = [proposal.pk] + ([proposal.forwarded_from_id] if proposal.forwarded_from_id else [])
    return (
        ActivityLog.objects.filter(content_type=ContentType.objects.get_for_model(Proposal), object_id__in=ids)
        .aggregate(newest=Max("id"))
        .get("newest")
        or 0
    )


def kept_version(*, proposal, kind):
    """The version of a kept paper that is current now; None while it cannot exist yet."""
    if kind == Kind.MINUTES_DOCX and proposal.kind != Proposal.Kind.BLOC:
        return None
    if kind in PROPOSAL_PAPERS:
        return proposal_history_version(proposal=proposal)
    if kind == Kind.BALLOT_MINUTES_DOCX:
        return selectors.document_version(proposal=proposal, kind=Kind.BALLOT_MINUTES)
    if kind in DECISION_PAPERS:
        return AwardDecision.objects.filter(proposal=proposal).values_list("version", flat=True).first()
    return selectors.document_version(proposal=proposal, kind=kind)
