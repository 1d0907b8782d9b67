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
from openpyxl.styles import Font

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


def append_cells(sheet, values, *, bold=False):
    """Append one row to a streaming sheet, each value written as `set_cell` writes it."""
    cells = []
    for value in values:
        cell = set_cell(WriteOnlyCell(sheet), value)
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def new_workbook(title):
    workbook = Workbook()
    workbook.active.title = title[:31]
    return workbook


def workbook_bytes(workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
