"""Reading and writing the Excel lists offices keep (staff, the unit tree, accounts to invite).

A file is read whole and checked whole: a missing column or any bad line
rejects it with a report line by line, so nothing is ever half imported.
Columns are matched by their heading, without regard to accents, case or order.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from core.excel import append_row, new_workbook
from core.text import fold

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000


@dataclass
class ParsedList:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line number or None, message)

    @property
    def ok(self):
        return not self.errors and bool(self.rows)


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def cell_date(value):
    """A date from an Excel date cell or dd/mm/yyyy text; None if empty; raises ValueError if bad."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for separator in ("/", "-", "."):
        parts = text.split(separator)
        if len(parts) == 3 and all(part.strip().isdigit() for part in parts):
            day, month, year = (int(part) for part in parts)
            if year < 100:
                raise ValueError(text)
            return date(year, month, day)
    raise ValueError(text)


def read_lines(*, data, columns, result, optional=()):
    """The non-empty lines of the first sheet as (line number, {key: value}); None, with errors, when unreadable.

    `columns` is [(key, heading)], the headings the template writes; the keys in `optional` may be missing from
    an older file (their cells then read as empty).
    """
    if not data:
        result.errors.append((None, _("The file is empty.")))
        return None
    if len(data) > MAX_BYTES:
        result.errors.append((None, _("The file is larger than 5 MB.")))
        return None
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        result.errors.append((None, _("This is not an Excel .xlsx file. Download the template and fill it in.")))
        return None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None) or ()
        positions = {}
        for index, title in enumerate(header):
            for key, label in columns:
                if fold(cell_text(title)) == fold(label):
                    positions[key] = index
        missing = [label for key, label in columns if key not in positions and key not in optional]
        if missing:
            result.errors.append((1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}))
            return None
        lines = []
        for line, values in enumerate(rows, start=2):
            if line - 1 > MAX_ROWS:
                result.errors.append((line, _("The list has more than %(max)s rows.") % {"max": MAX_ROWS}))
                return None
            cells = {key: values[index] if index < len(values) else None for key, index in positions.items()}
            cells |= {key: None for key in optional if key not in positions}
            if any(cell_text(value) for value in cells.values()):
                lines.append((line, cells))
        return lines
    finally:
        workbook.close()


def template_workbook(*, title, columns, guide, rows=()):
    """A list's template: the headings, any rows already known, and a guide sheet."""
    workbook = new_workbook(title)
    sheet = workbook.active
    append_row(sheet, [label for _key, label in columns], bold=True)
    for row in rows:
        append_row(sheet, row)
    for index, (_key, label) in enumerate(columns):
        sheet.column_dimensions[chr(ord("A") + index)].width = max(14, min(48, len(label) + 24))
    notes = workbook.create_sheet("Hướng dẫn")
    notes.column_dimensions["A"].width = 100
    for line in guide:
        append_row(notes, [line])
    return workbook
