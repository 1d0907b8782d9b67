"""The whole scoring table in one workbook, text only: the criteria on the first sheet, then the rounding, the
bands, the listed events, the tie cascade and what the apps above add (awards: the quotas), each on its sheet.

One import flow: every sheet is checked whole, each problem reported on its
line and sheet, the file previewed, and the table replaced once confirmed
(services.criteria_import_apply). A sheet the file does not have leaves that
part of the table as it is, so files written before these sheets still
import; a sheet with its headings only empties that part.
"""

from dataclasses import dataclass

from core.dispatch import responses
from core.excel import append_row, new_workbook, workbook_bytes
from core.xlsx_tables import read_tables
from organisation.sheets import ParsedList, check_lines
from scoring.models import MAX_CRITERIA, Criterion
from scoring.signals import table_parts

from . import criteria as criteria_sheet
from .part import MAX_PART_ROWS, TableFile, sheet_line
from .parts import OWN

GUIDE = (
    "Trang nào không có trong tệp thì phần đó của thang điểm giữ nguyên; trang chỉ có dòng tiêu đề thì phần đó bị xóa.",
    f"Mỗi trang sau trang “Thang điểm” có tối đa {MAX_PART_ROWS} dòng dưới dòng tiêu đề. Không dùng công thức.",
)


def all_parts():
    """scoring's own sheets, then those the apps above answer (`table_parts`), in the order the workbook has them."""
    return [*OWN, *responses(table_parts)]


def table_workbook(*, campaign, criteria):
    """The table as a file to fill in or to edit: every sheet with the campaign's lines, or a template to fill."""
    workbook = new_workbook(criteria_sheet.SHEET)
    criteria_sheet.write_sheet(workbook.active, criteria)
    parts = all_parts()
    for part in parts:
        sheet = workbook.create_sheet(part.sheet)
        append_row(sheet, part.headings, bold=True)
        for row in part.rows(campaign):
            append_row(sheet, row)
        for index, heading in enumerate(part.headings):
            sheet.column_dimensions[chr(ord("A") + index)].width = max(16, min(60, len(heading) + 10))
    notes = workbook.create_sheet("Hướng dẫn")
    notes.column_dimensions["A"].width = 120
    for line in [*criteria_sheet.GUIDE, *(line for part in parts for line in part.guide), *GUIDE]:
        append_row(notes, [line])
    return workbook_bytes(workbook)


@dataclass
class CheckedTable:
    """A file that passed: its criteria rows (criteria_sheet.check_sheet) and {part key: rows} of the sheets it has."""

    criteria: list
    parts: dict


def read_file(data, *, campaign):
    """(CheckedTable or None, errors): every sheet of the file checked whole; errors as (line, message), a line of a
    sheet after the first named with its sheet. Nothing is kept when anything is wrong."""
    parts = all_parts()
    answers = read_tables(
        data,
        [(None, criteria_sheet.COLUMNS, MAX_CRITERIA, criteria_sheet.OPTIONAL)]
        + [(part.sheet, part.columns, part.max_rows, ()) for part in parts],
    )
    lines, errors = answers[0]
    if lines is None:
        return None, errors
    rows, errors = criteria_sheet.check_sheet(lines)
    table = TableFile(
        campaign=campaign,
        criteria=[Criterion(**{key: value for key, value in row.items() if key != "level"}) for row in rows],
    )
    kept = {}
    for part, answer in zip(parts, answers[1:], strict=True):
        if answer is None:
            continue
        table.present.add(part.key)
        part_lines, refused = answer
        result = ParsedList(errors=list(refused))
        if part_lines is not None:
            filled = [(line, cells) for line, cells in part_lines if any(str(v or "").strip() for v in cells.values())]
            checked = check_lines(filled, result, lambda line, cells, part=part: part.check(line, cells, table))
            kept[part.key] = [{key: value for key, value in row.items() if key != "line"} for row in checked]
        errors.extend((sheet_line(line, part.sheet), message) for line, message in result.errors)
    return (None if errors else CheckedTable(criteria=rows, parts=kept)), errors


def preview(parts_rows):
    """[(sheet, headings, [cells of each row])] of the sheets after the criteria, as they will be imported."""
    return [
        (part.sheet, part.headings, [part.shown(row) for row in parts_rows[part.key]])
        for part in all_parts()
        if part.key in parts_rows
    ]
