"""Scoring exports and the sheets units and scorers fill in: scores, ranking, a unit's figures and its column of the
score sheet. The scoring table's own workbook is scoring.table_excel's."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl.styles import Font

from core.excel import append_row, new_workbook, workbook_bytes
from core.text import fold
from core.xlsx import MAX_FILE_BYTES, Refused, Sheet, TooManyRows
from core.xlsx_tables import read_table
from scoring import methods
from scoring import totals as tree
from scoring.models import MAX_CRITERIA

MAX_BYTES = MAX_FILE_BYTES
# The score sheet's line under a line scored from figures; the sheet's reader never takes it for a criterion.
FIGURE_LINE = "Số liệu –"


def _title(sheet, text):
    """The sheet's first line, in bold: the campaign it comes from."""
    append_row(sheet, [text])
    sheet["A1"].font = Font(bold=True)


def number_cell(value):
    """A Decimal as Excel keeps numbers; None stays an empty cell."""
    return None if value is None else float(value)


def scores_workbook(*, campaign, criteria, rows):
    """Every unit's final and self-assessed points per criterion, with totals."""
    workbook = new_workbook("Bảng điểm")
    sheet = workbook.active
    _title(sheet, campaign.name)
    append_row(sheet, ["Tiêu chí", "Điểm tối đa"] + [row.unit.name for row in rows], bold=True)
    points = [tree.tree_points(criteria, row.finals) for row in rows]
    for criterion in criteria:
        append_row(
            sheet,
            [str(criterion), float(criterion.max_points)]
            + [float(tree_points[criterion.pk]) if criterion.pk in tree_points else None for tree_points in points],
        )
        if criterion.needs_figure:
            # The figures the points come from, as text: what the unit reported and what its compiler kept.
            append_row(
                sheet,
                [f"{FIGURE_LINE} {criterion}", criterion.formula]
                + [figure_text(row.figures.get(criterion.pk)) for row in rows],
            )
    append_row(sheet, ["Tổng điểm", None] + [float(row.total) for row in rows])
    append_row(
        sheet, ["Tự chấm", None] + [float(row.self_total) if row.self_total is not None else None for row in rows]
    )
    append_row(sheet, ["Xếp loại", None] + [row.band.name if row.band else None for row in rows])
    sheet.column_dimensions["A"].width = 60
    return workbook_bytes(workbook)


def figure_text(figure):
    """ "925/1000", or "925/1000 → 900/1000" once the compiler corrected it; empty without a figure."""
    if figure is None:
        return None

    def pair(value, base):
        return methods.shown(value) + ("" if base is None else f"/{methods.shown(base)}")

    reported = pair(figure.value, figure.base)
    return f"{reported} → {pair(*figure.kept)}" if figure.corrected else reported


def _points(value):
    """A cell's points, as Excel keeps them (a number) or as typed ("8,5"); None for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return Decimal(str(value).strip().replace(",", "."))


def _score_sheet_lines(data, *, unit):
    """{folded criterion text: the unit's cell} read from the sheet's first column and the unit's; or a message.

    Only those two columns are kept, however wide the sheet says it is, and
    no more lines than a scoring table may have under its title and headings.
    """
    with Sheet(data, max_rows=MAX_CRITERIA + 2, heading_lines=2) as sheet:
        rows = sheet.rows()
        for _line, cells in rows:
            if fold(str(cells.get(0) or "")) == fold("Tiêu chí"):
                header = {fold(str(value)): index for index, value in cells.items()}
                break
        else:
            return _("This is not the score sheet this system exports: no “Tiêu chí” column.")
        column = header.get(fold(unit.name))
        if column is None:
            return _("The score sheet has no column for %(unit)s.") % {"unit": unit.name}
        sheet.keep({0, column})
        return {fold(str(cells.get(0) or "")): cells.get(column) for _line, cells in rows}


def parse_unit_scores(data, *, unit, criteria):
    """(values, errors): one unit's points read from the score sheet this product exports (`scores_workbook`).

    The unit is found by its name in the header, each criterion by its text in
    the first column; values are {criterion id: points or None}, for the form
    to check against each maximum. Nothing is read when something is wrong.
    """
    if not data:
        return {}, [_("Choose the score sheet (.xlsx) to read.")]
    try:
        lines = _score_sheet_lines(data, unit=unit)
    except TooManyRows:
        return {}, [_("The score sheet has more lines than the scoring table; read the sheet this system exports.")]
    except Refused as refusal:
        return {}, [refusal.message]
    if isinstance(lines, str):
        return {}, [lines]
    values, errors = {}, []
    for criterion in criteria:
        key = fold(str(criterion))
        if key not in lines:
            errors.append(_("The score sheet has no line “%(criterion)s”.") % {"criterion": criterion})
            continue
        try:
            values[criterion.pk] = _points(lines[key])
        except InvalidOperation:
            errors.append(
                _("“%(value)s” on the line “%(criterion)s” is not a number.")
                % {"value": lines[key], "criterion": criterion}
            )
    return values, errors


def ranking_workbook(*, campaign, rows):
    workbook = new_workbook("Xếp hạng")
    sheet = workbook.active
    _title(sheet, campaign.name)
    append_row(
        sheet,
        ["Hạng", "Đơn vị", "Tổng điểm", "Tự chấm", "Chênh lệch", "Cách đơn vị liền trên", "Xếp loại", "Lý do xếp loại"]
        + ["Bằng điểm: quy tắc quyết định", "Số liệu"],
        bold=True,
    )
    for row in rows:
        append_row(
            sheet,
            [
                row.rank,
                row.unit.name,
                float(row.total),
                float(row.self_total) if row.self_total is not None else None,
                float(row.difference) if row.difference is not None else None,
                float(row.gap) if row.gap is not None else None,
                row.band.name if row.band else None,
                row.band_reason or None,
                row.tie_reason or None,
                "; ".join(
                    f"{figure.criterion}: {figure_text(figure)}"
                    for figure in sorted(row.figures.values(), key=lambda figure: figure.criterion.position)
                )
                or None,
            ],
        )
    sheet.column_dimensions["B"].width = 50
    for column in "HIJ":
        sheet.column_dimensions[column].width = 60
    return workbook_bytes(workbook)


FIGURE_COLUMNS = [("criterion", "Tiêu chí"), ("value", "Số liệu"), ("base", "Mẫu số")]


def figures_workbook(*, unit, criteria, figures):
    """The unit's lines scored from figures, with the figures it has saved, to fill in and read back."""
    workbook = new_workbook("Số liệu")
    sheet = workbook.active
    append_row(sheet, [label for _key, label in FIGURE_COLUMNS], bold=True)
    for criterion in criteria:
        if criterion.needs_figure:
            figure = figures.get(criterion.pk)
            append_row(
                sheet,
                [
                    str(criterion),
                    number_cell(figure.value) if figure else None,
                    number_cell(figure.base) if figure and criterion.needs_base else None,
                ],
            )
    sheet.column_dimensions["A"].width = 70
    notes = workbook.create_sheet("Hướng dẫn")
    for line in [
        f"Số liệu của {unit.name}: mỗi dòng một tiêu chí chấm theo số liệu; giữ nguyên cột Tiêu chí.",
        "Mẫu số chỉ điền ở tiêu chí tính theo tỷ lệ mà thang điểm không cố định mẫu số.",
        "Tiêu chí Đạt hoặc không: 1 là đạt, 0 là không đạt.",
    ]:
        append_row(notes, [line])
    return workbook_bytes(workbook)


def parse_figures(data, *, criteria):
    """({criterion id: (figure or None, base or None)}, errors): the figures read from `figures_workbook`'s sheet.

    Lines are found by the criterion's text; nothing is read when a line is
    missing or holds something that is not a number. The form checks the
    figures themselves (negative, above the base) as when they are typed.
    """
    if not data:
        return {}, [_("Choose the figures sheet (.xlsx) to read.")]
    lines, errors = read_table(data, columns=FIGURE_COLUMNS, max_rows=MAX_CRITERIA, optional={"base"})
    if lines is None:
        return {}, [message for _line, message in errors]
    cells = {fold(str(row["criterion"] or "")): (line, row) for line, row in lines}
    values, errors = {}, []
    for criterion in criteria:
        if not criterion.needs_figure:
            continue
        found = cells.get(fold(str(criterion)))
        if found is None:
            errors.append(_("The figures sheet has no line “%(criterion)s”.") % {"criterion": criterion})
            continue
        line, row = found
        try:
            values[criterion.pk] = (_points(row["value"]), _points(row["base"]) if criterion.needs_base else None)
        except InvalidOperation:
            errors.append(
                _("Line %(line)s, “%(criterion)s”: the figure or the base is not a number.")
                % {"line": line, "criterion": criterion}
            )
    return values, errors
