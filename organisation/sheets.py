"""Reading and writing the Excel lists offices keep (staff, the unit tree, accounts to invite).

A file is read whole and checked whole: a missing column or any bad line
rejects it with a report line by line, so nothing is ever half imported.
Columns are matched by their heading, without regard to accents, case or order.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from core.excel import append_cells, append_row, new_workbook, streaming_workbook
from core.xlsx import MAX_FILE_BYTES
from core.xlsx_tables import read_table

MAX_BYTES = MAX_FILE_BYTES
MAX_ROWS = 5000
# A refused file's report shows this many lines on the page; a longer one is downloaded whole.
REPORT_LINES_SHOWN = 100
# The templates are Vietnamese documents, written as the office reads them.
ROW_CAP_NOTE = "Mỗi tệp tối đa %(max)s dòng dưới dòng tiêu đề; danh sách dài hơn thì chia thành nhiều tệp."


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

    `columns` is [(key, heading)], the headings the template writes; only
    those columns are read, and at most MAX_ROWS lines (core.xlsx). The keys
    in `optional` may be missing from an older file (their cells then read as
    empty).
    """
    lines, errors = read_table(data, columns=columns, max_rows=MAX_ROWS, optional=optional)
    result.errors.extend(errors)
    if lines is None:
        return None
    return [(line, cells) for line, cells in lines if any(cell_text(value) for value in cells.values())]


class Line:
    """One line of a list being checked: the problems found on it."""

    def __init__(self, number):
        self.number, self.problems = number, []

    def refuse(self, message):
        self.problems.append(message)

    def once(self, seen, key, message):
        """Refuse a key an earlier line of the file had (`message` names that line); else remember it."""
        if key in seen:
            self.refuse(message % {"line": seen[key]})
        else:
            seen[key] = self.number

    def full_name(self, value):
        full_name = cell_text(value)
        if not full_name:
            self.refuse(_("the full name is empty"))
        elif len(full_name) > 128:
            self.refuse(_("the full name is longer than 128 characters"))
        return full_name


def check_lines(lines, result, check):
    """The rows `check(line, cells)` makes of the lines; a line it found problems on is reported instead."""
    rows = []
    for number, cells in lines:
        line = Line(number)
        row = check(line, cells)
        if line.problems:
            result.errors.append((number, "; ".join(line.problems)))
        else:
            rows.append({"line": number, **row})
    return rows


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
    for line in [*guide, ROW_CAP_NOTE % {"max": f"{MAX_ROWS:,}".replace(",", ".")}]:
        append_row(notes, [line])
    return workbook


def error_report(errors, kept):
    """What a page shows of a refused file's report: its first lines, how many more, and the kept whole."""
    return {"lines": errors[:REPORT_LINES_SHOWN], "more": max(0, len(errors) - REPORT_LINES_SHOWN), "kept": kept}


def error_report_workbook(sheet_import):
    """A refused file's whole report: one line per error, as the page lists them."""
    workbook, sheet = streaming_workbook("Báo cáo lỗi")
    append_cells(
        sheet, [f"Tệp “{sheet_import.file_name}” chưa được nhập; sửa các dòng sau rồi tải lên lại."], bold=True
    )
    append_cells(sheet, ["Dòng", "Lỗi"], bold=True)
    for line, message in sheet_import.errors:
        append_cells(sheet, [line, message])
    return workbook
