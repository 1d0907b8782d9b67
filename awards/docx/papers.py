"""Each paper an office edits or forwards, as a .docx beside its PDF: written from the same HTML, so the same text."""

from awards.docx.html import html_to_docx
from awards.docx.layout import MIME
from awards.models import RenderedFile
from awards.pdf import (
    BallotMinutesDocument,
    DecisionDocument,
    DecisionListDocument,
    LetterDocument,
    ListDocument,
    MinutesDocument,
)


def word_version(document_class, filename):
    """The Word twin of a PDF document: its context and template, written by `html_to_docx`."""

    class WordPaper(document_class):
        def generate(self, progress=None):
            content = html_to_docx(self.html())
            if progress:
                progress(1, 1)
            return filename, MIME, content

    WordPaper.__name__ = WordPaper.__qualname__ = f"Word{document_class.__name__}"
    WordPaper.filename = filename
    return WordPaper


Kind = RenderedFile.Kind
WORD = {
    Kind.LETTER_DOCX: word_version(LetterDocument, "to-trinh.docx"),
    Kind.LIST_DOCX: word_version(ListDocument, "danh-sach.docx"),
    Kind.MINUTES_DOCX: word_version(MinutesDocument, "bien-ban.docx"),
    Kind.BALLOT_MINUTES_DOCX: word_version(BallotMinutesDocument, "bien-ban-kiem-phieu.docx"),
    Kind.DECISION_DOCX: word_version(DecisionDocument, "quyet-dinh.docx"),
    Kind.DECISION_LIST_DOCX: word_version(DecisionListDocument, "danh-sach-kem-quyet-dinh.docx"),
}
