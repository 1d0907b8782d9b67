"""A sheet of the scoring table's workbook after the criteria, and what the sheets of one file tell each other while
they are checked. scoring's own sheets (rounding, bands, events, tie rules) are parts; an app above answers the
`table_parts` signal with its own (awards: the quotas)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.formats import localize_input
from django.utils.translation import gettext as _

from core.text import fold

# A table's bands, events, tie rules or quotas are a few lines each; a margin above the longest published.
MAX_PART_ROWS = 100


@dataclass(frozen=True)
class TablePart:
    """One sheet: its name and columns, the guide's lines about it, and how it is written, checked, shown and saved.

    `rows(campaign)` gives its lines as the sheet writes them (text and
    numbers, never a formula). `check(line, cells, table)` reads one line
    (organisation.sheets.Line, refusing what is wrong on it) into a row kept
    as JSON until the import is confirmed; `shown(row)` is the row as the
    preview shows it, under the headings. `apply(user=, campaign=, rows=)`
    saves the confirmed rows inside the import's transaction and returns how
    many; scoring's own parts have none, the import saving them in their
    order (services.table_import).
    """

    key: str
    sheet: str
    columns: list
    guide: tuple
    rows: Callable
    check: Callable
    shown: Callable
    apply: Callable | None = None
    max_rows: int = MAX_PART_ROWS

    @property
    def headings(self):
        return [label for _key, label in self.columns]


@dataclass
class TableFile:
    """One uploaded file while it is checked: its criteria (unsaved, in the file's order), the sheets it has, the
    bands and tie rules its sheets gave so far, and what each sheet has seen (for what a sheet may hold once)."""

    campaign: object
    criteria: list
    present: set = field(default_factory=set)
    bands: list = field(default_factory=list)
    ties: list = field(default_factory=list)
    seen: dict = field(default_factory=dict)

    def memory(self, key):
        return self.seen.setdefault(key, {})


def sheet_line(line, sheet):
    """How the report names a line of a sheet after the first: "3, sheet “Xếp loại”"."""
    if line is None:
        return _("sheet “%(sheet)s”") % {"sheet": sheet}
    return _("%(line)s, sheet “%(sheet)s”") % {"line": line, "sheet": sheet}


def text(value, length=255):
    return " ".join(str(value or "").split())[:length]


def choice(labels, value, line, heading):
    """The key whose label (or key) the cell holds, without regard to accents or case; refused on `line` if none."""
    folded = fold(text(value))
    for key, label in labels.items():
        if folded in (fold(label), fold(key)):
            return key
    line.refuse(
        _("%(column)s: “%(value)s” is not one of: %(choices)s")
        % {"column": heading, "value": text(value), "choices": ", ".join(labels.values())}
    )
    return None


YES = "Có"


def yes(value, line, heading):
    """A condition's cell: "Có" (or x, 1) for yes, empty (or "Không", 0) for no."""
    folded = fold(text(value))
    if folded in ("co", "x", "1", "true") or value is True:
        return True
    if folded in ("", "khong", "0", "false"):
        return False
    line.refuse(_("%(column)s: write “Có” or leave the cell empty") % {"column": heading})
    return False


def form_number(value):
    """A number cell as the page's box takes it typed (localised), so that the form reads it as it reads a typed one;
    text is passed as it was written."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return localize_input(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    return text(value)


def refuse_form(line, form, columns):
    """A form's refusals on the line, each named by the sheet's column it comes from."""
    headings = dict(columns)
    for name, messages in form.errors.items():
        for message in messages:
            line.refuse(f"{headings[name]}: {message}" if name in headings else message)


def number_text(value):
    """A stored Decimal as JSON keeps it: its text, or None."""
    return None if value is None else str(value)
