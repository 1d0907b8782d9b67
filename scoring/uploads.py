"""Checks on uploaded files by their content, not their name.

An office PC names files any way it likes; what matters is what the bytes
are. Each kind is recognised by its signature, and a .docx or .xlsx by the
part that only such a package holds.
"""

import zipfile
from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024


def _zip_has(data, member):
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            return member in package.namelist()
    except zipfile.BadZipFile:
        return False


KINDS = {
    "pdf": lambda data: data.startswith(b"%PDF-"),
    "doc": lambda data: data.startswith(bytes.fromhex("D0CF11E0A1B11AE1")),
    "docx": lambda data: data.startswith(b"PK\x03\x04") and _zip_has(data, "word/document.xml"),
    "xlsx": lambda data: data.startswith(b"PK\x03\x04") and _zip_has(data, "xl/workbook.xml"),
    "jpg": lambda data: data.startswith(b"\xff\xd8\xff"),
    "png": lambda data: data.startswith(b"\x89PNG\r\n\x1a\n"),
}
REPORT_KINDS = ("pdf", "doc", "docx")
EVIDENCE_KINDS = ("pdf", "doc", "docx", "xlsx", "jpg", "png")


def check_upload(upload, *, kinds):
    """Read an upload whole and return its bytes, or refuse it with a message saying why."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("“%(name)s” is larger than 20 MB.") % {"name": upload.name})
    data = upload.read(MAX_BYTES + 1)
    if not data:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": upload.name})
    if not any(KINDS[kind](data) for kind in kinds):
        raise ValidationError(
            _("“%(name)s” is not a %(kinds)s file.")
            % {"name": upload.name, "kinds": ", ".join(k.upper() for k in kinds)}
        )
    return data
