"""Uploaded files: checked by their content and their name, and stored in step with the transaction.

What matters is what the bytes are: each kind is recognised by its
signature, and a .docx or .xlsx by the part that only such a package holds.
The name must then agree: a file whose name says .html or .svg but whose
bytes are a PDF is refused, since whoever opens it later goes by its name.
A name without an extension is given the one its content calls for.

Files live outside the database, so a write that rolls back must not leave
them changed: a new file goes again when its transaction does not commit, and
a replaced one is deleted only once the replacement is committed.
"""

import posixpath
import weakref
import zipfile
from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from core.xlsx import MAX_MEMBERS, member_count

MAX_BYTES = 20 * 1024 * 1024


def _zip_has(data, member):
    # The member count is read from the zip's end record first: a directory of a million names is not built.
    try:
        if member_count(data) > MAX_MEMBERS:
            return False
    except ValueError:
        return False
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
# The extensions a name of each kind may end in; the first is given to a name without one.
EXTENSIONS = {
    "pdf": (".pdf",),
    "doc": (".doc",),
    "docx": (".docx",),
    "xlsx": (".xlsx",),
    "jpg": (".jpg", ".jpeg"),
    "png": (".png",),
}
REPORT_KINDS = ("pdf", "doc", "docx")
EVIDENCE_KINDS = ("pdf", "doc", "docx", "xlsx", "jpg", "png")


@dataclass(frozen=True)
class CheckedUpload:
    data: bytes
    kind: str
    # the name as sent, with the extension its content calls for when it had none
    name: str


def check_upload(upload, *, kinds):
    """Read an upload whole and check it is one of `kinds` by its bytes and by its name; refuse it saying why."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("“%(name)s” is larger than 20 MB.") % {"name": upload.name})
    data = upload.read(MAX_BYTES + 1)
    if not data:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": upload.name})
    kind = next((kind for kind in kinds if KINDS[kind](data)), None)
    if kind is None:
        raise ValidationError(
            _("“%(name)s” is not a %(kinds)s file.")
            % {"name": upload.name, "kinds": ", ".join(k.upper() for k in kinds)}
        )
    return CheckedUpload(data=data, kind=kind, name=name_for_kind(upload.name, kind))


def name_for_kind(name, kind):
    """The upload's name when its extension agrees with its content, given one when it has none; refused otherwise."""
    stem, extension = posixpath.splitext(name)
    if not extension:
        return name + EXTENSIONS[kind][0]
    if extension.lower() not in EXTENSIONS[kind]:
        raise ValidationError(
            _(
                "“%(name)s” holds a %(kind)s file but its name ends in “%(extension)s”: name it %(right)s and send it again."
            )
            % {"name": name, "kind": kind.upper(), "extension": extension, "right": stem + EXTENSIONS[kind][0]}
        )
    return name


def store(field_file, name, data):
    """Write `data` into the file field under `name`; the file is deleted if its transaction rolls back."""
    field_file.save(name, ContentFile(data), save=False)
    storage, stored_name, committed = field_file.storage, field_file.name, []

    def keep():
        committed.append(True)

    # Django has no hook for a rollback, but it drops the commit callbacks of
    # a transaction or savepoint that rolls back; the callback's finalizer
    # then finds it never ran. On commit it runs first, and the file stays.
    weakref.finalize(keep, _delete_unless_committed, storage, stored_name, committed)
    transaction.on_commit(keep)


def _delete_unless_committed(storage, name, committed):
    if not committed:
        storage.delete(name)


def delete_on_commit(field_file):
    """Delete a replaced file once the transaction that replaced it commits; until then its row still names it."""
    storage, name = field_file.storage, field_file.name
    transaction.on_commit(lambda: storage.delete(name))
