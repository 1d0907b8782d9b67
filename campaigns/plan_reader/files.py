"""An uploaded plan turned into text: .txt (UTF-8, refusing legacy Vietnamese encodings), .docx and PDF with a text layer, within size limits."""

import zipfile
import zlib
from io import BytesIO
from xml.etree import ElementTree

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024


# A plan is a few pages; past this a text is not a plan and would not fit the review form.
MAX_CHARS = 200_000


# word/document.xml of a plan of a few pages is well under this; a zip bomb is not.
MAX_XML_BYTES = 10 * 1024 * 1024


class PlanError(Exception):
    """The upload is not a plan this reader can read; the message says why."""


def too_long():
    return PlanError(
        _("The text is longer than %(max)s characters; a plan is a few pages. Paste only the plan.")
        % {"max": f"{MAX_CHARS:,}".replace(",", ".")}
    )


def _pdf_text(data):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        text = "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise PlanError(_("The PDF cannot be read (%(error)s).") % {"error": error}) from None
    if len(text.strip()) < 50:
        raise PlanError(_("The PDF has no text layer (a scan?). Paste the plan's text instead."))
    return text


def _docx_text(data):
    """The paragraphs of a .docx, refusing what would crash or exhaust the reader."""
    broken = PlanError(_("This Word file is damaged or not a .docx; save it again as .docx, or paste its text."))
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            info = package.getinfo("word/document.xml")
            if info.flag_bits & 0x1:
                raise PlanError(_("This Word file is protected by a password; remove the protection first."))
            # The header's size may lie, so the read itself is bounded too.
            if info.file_size > MAX_XML_BYTES:
                raise too_long()
            with package.open(info) as member:
                xml = member.read(MAX_XML_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, KeyError, OSError, EOFError, RuntimeError, NotImplementedError, ValueError):
        raise broken from None
    if len(xml) > MAX_XML_BYTES:
        raise too_long()
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise broken  # entity expansion is how an XML file explodes when parsed
    namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    paragraphs, size = [], 0
    try:
        for _event, node in ElementTree.iterparse(BytesIO(xml), events=("end",)):
            if node.tag == f"{namespace}p":
                text = "".join(run.text or "" for run in node.iter(f"{namespace}t"))
                size += len(text) + 1
                if size > MAX_CHARS:
                    raise too_long()
                paragraphs.append(text)
                node.clear()
    except ElementTree.ParseError:
        raise broken from None
    return "\n".join(paragraphs)


def _looks_binary(data):
    sample = data[:4096]
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(sample) // 50


def read_text(*, data, name):
    """Text of a .txt, .docx or text-layer PDF upload."""
    if not data or not data.strip():
        raise PlanError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise PlanError(_("The file is larger than 5 MB; a plan is a few pages."))
    if data.startswith(b"%PDF-"):
        text = _pdf_text(data)
    elif data.startswith(b"PK\x03\x04"):
        text = _docx_text(data)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        # The compound-file format of Word 97–2003, and of a .docx saved with a password.
        raise PlanError(
            _("This is an old Word file (.doc) or one protected by a password. Save it as .docx without a password.")
        )
    else:
        text = _plain_text(data)
    if len(text) > MAX_CHARS:
        raise too_long()
    return text


def _plain_text(data):
    legacy = PlanError(
        _("The text is not in UTF-8 (perhaps TCVN3 or VNI). Save it as Unicode UTF-8, or upload the .docx or PDF.")
    )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise legacy from None
    if _looks_binary(data):
        # Control bytes mean a program's file, not a text in an old Vietnamese encoding.
        raise PlanError(_("This is not a text, Word (.docx) or PDF file. Upload the plan as one of these."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise legacy from None
