"""The one way the product writes Excel: text stays text, numbers stay numbers.

A name typed as "=HYPERLINK(…)" must come out as those characters, never as
a live formula (CSV/Excel injection). Every string cell is written as a
string and, when it begins with a character a spreadsheet would read as the
start of a formula, with Excel's quote prefix so that editing the cell keeps
it text.
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from core.text import fold

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def set_cell(cell, value):
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell


def append_row(sheet, values, *, bold=False):
    """Append one row; `bold` for a heading.

    The cells are made first and appended together: asking the sheet for its
    last row (`max_row`) walks every cell, so a long export would take time
    growing with the square of its rows.
    """
    cells = []
    for value in values:
        cell = set_cell(Cell(sheet), value)
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def streaming_workbook(title):
    """A workbook written row by row and never held whole, for lists of any length: (workbook, its one sheet)."""
    workbook = Workbook(write_only=True)
    return workbook, workbook.create_sheet(title[:31])


def _written_as_is(value):
    """Whether openpyxl, given the bare value, writes what `set_cell` would: all but the strings it would take for
    a formula or an error code, or that Excel would read as a formula when the cell is edited."""
    return not isinstance(value, str) or not (value.startswith(FORMULA_STARTS) or value in ERROR_CODES)


def append_cells(sheet, values, *, bold=False):
    """Append one row to a streaming sheet, each value written as `set_cell` writes it.

    Most values go to openpyxl bare: making a cell of our own for each took twice the time of a long export.
    """
    cells = []
    for value in values:
        if bold or not _written_as_is(value):
            value = set_cell(WriteOnlyCell(sheet), value)
            if bold:
                value.font = Font(bold=True)
        cells.append(value)
    sheet.append(cells)


def new_workbook(title):
    workbook = Workbook()
    workbook.active.title = title[:31]
    return workbook


def workbook_bytes(workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pasted_workbook(text, *, headings, max_rows):
    """Cells copied from a spreadsheet and pasted (a line a row, a tab between cells) as the .xlsx an upload of them
    would be, so that they are read and checked exactly as a file is (core.xlsx).

    The heading row is the first line when it names at least one of `headings`; a paste of the lines alone is
    taken in the template's column order, under `headings` added as its line 1. Past `max_rows` lines nothing more
    is written: the reader then refuses the list for its length, as it refuses a file.
    """
    rows = [line.split("\t") for line in text.splitlines() if line.strip()][: max_rows + 2]
    known = {fold(heading) for heading in headings}
    if headings and not (rows and any(fold(" ".join(cell.split())) in known for cell in rows[0])):
        rows.insert(0, list(headings))
    workbook = new_workbook("Sheet")
    for row in rows:
        # Control characters cannot be in a spreadsheet's cell: pasted from one, they were never part of it.
        append_row(workbook.active, [ILLEGAL_CHARACTERS_RE.sub("", cell).strip() for cell in row])
    return workbook_bytes(workbook)
