"""The kinds of Excel list the one import flow takes: each app describes its own (the `import_kinds` signal).

The flow itself (organisation.views.imports) uploads a file, checks it whole,
reports line by line, previews and applies it once; a kind says how.
"""

from dataclasses import dataclass, field

from django.http import Http404

from core.dispatch import merged
from organisation.signals import import_kinds


@dataclass(frozen=True)
class ImportKind:
    title: str
    # (request, subject, data) -> the parsed file: its rows and its errors line by line; the subject is what the
    # list is imported into: the unit it is filed under, or that unit's council
    parse: object
    # the URL name of the template to download (with the subject's id, but for the accounts)
    template: str
    # (request, sheet_import) -> the counts for `done`, or None when it was imported already
    apply: object
    columns: list
    done: str
    help: str
    # subject -> (url, label) of the page the import belongs to; by default the unit's page
    back: object = None
    # column -> the choices whose labels the preview shows instead of the codes read ({"kind": Unit.Kind.choices})
    shown: dict = field(default_factory=dict)
    # the file's headings in the template's order: lines pasted without their heading row are read under them
    headings: list = field(default_factory=list)

    def preview(self, row):
        """The row's values in the order of the columns, a choice by its label."""
        return [dict(self.shown.get(key, ())).get(row.get(key), row.get(key)) or "" for key, _label in self.columns]


def import_kind(kind):
    """The kind of list, or 404 for a kind no app describes."""
    kinds = merged(import_kinds)
    if kind not in kinds:
        raise Http404
    return kinds[kind]
