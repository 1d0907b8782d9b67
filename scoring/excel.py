"""Scoring tables in Excel: the criteria template and import, and exports of scores and ranking."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl.styles import Font

from core.excel import append_row, new_workbook, workbook_bytes
from core.text import fold
from core.xlsx import MAX_FILE_BYTES, Refused, Sheet, TooManyRows, read_table
from scoring.models import MAX_CRITERIA, Criterion

MAX_BYTES = MAX_FILE_BYTES
COLUMNS = [("group", "Nhóm"), ("label", "STT"), ("text", "Tiêu chí"), ("max_points", "Điểm tối đa"), ("kind", "Loại")]
KINDS = {
    "": Criterion.Kind.REGULAR,
    "tieu chi": Criterion.Kind.REGULAR,
    "diem cong": Criterion.Kind.BONUS,
    "cong": Criterion.Kind.BONUS,
    "diem tru": Criterion.Kind.DEDUCTION,
    "tru": Criterion.Kind.DEDUCTION,
}
KIND_LABELS = {
    Criterion.Kind.REGULAR: "Tiêu chí",
    Criterion.Kind.BONUS: "Điểm cộng",
    Criterion.Kind.DEDUCTION: "Điểm trừ",
}


def _title(sheet, text):
    """The sheet's first line, in bold: the campaign it comes from."""
    append_row(sheet, [text])
    sheet["A1"].font = Font(bold=True)


def criteria_workbook(*, criteria):
    """The table as a file to fill in or to edit: the campaign's criteria, or an empty template."""
    workbook = new_workbook("Thang điểm")
    sheet = workbook.active
    append_row(sheet, [label for _key, label in COLUMNS], bold=True)
    for criterion in criteria:
        append_row(
            sheet,
            [
                criterion.group,
                criterion.label,
                criterion.text,
                float(criterion.max_points),
                KIND_LABELS[criterion.kind],
            ],
        )
    for letter, width in zip("ABCDE", (30, 8, 70, 12, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    notes = workbook.create_sheet("Hướng dẫn")
    for line in [
        "Mỗi dòng một tiêu chí. Điểm tối đa lớn hơn 0, tối đa hai chữ số thập phân.",
        "Loại: Tiêu chí, Điểm cộng hoặc Điểm trừ (để trống là Tiêu chí).",
        f"Một thang điểm có tối đa {MAX_CRITERIA:,} dòng dưới dòng tiêu đề.".replace(",", "."),
    ]:
        append_row(notes, [line])
    return workbook_bytes(workbook)


def parse_criteria(data):
    """(rows, errors): rows ready for Criterion(**row); errors as (line, message). All or nothing."""
    rows = []
    lines, errors = read_table(data, columns=COLUMNS, max_rows=MAX_CRITERIA)
    if lines is None:
        return rows, errors
    for line, cells in lines:
        if all(value in (None, "") for value in cells.values()):
            continue
        problems = []
        text = " ".join(str(cells["text"] or "").split())
        if not text:
            problems.append(_("the criterion is empty"))
        try:
            max_points = Decimal(str(cells["max_points"]).replace(",", ".")).quantize(Decimal("0.01"))
            if max_points <= 0 or max_points >= 10000:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            max_points = None
            problems.append(_("the maximum “%(value)s” is not a number above zero") % {"value": cells["max_points"]})
        kind = KINDS.get(fold(str(cells["kind"] or "")))
        if kind is None:
            problems.append(_("the kind must be Tiêu chí, Điểm cộng or Điểm trừ"))
        if problems:
            errors.append((line, "; ".join(problems)))
            continue
        rows.append(
            {
                "group": " ".join(str(cells["group"] or "").split())[:255],
                "label": str(cells["label"] or "").strip()[:16],
                "text": text,
                "max_points": max_points,
                "kind": kind,
            }
        )
    if not rows and not errors:
        errors.append((None, _("The file has no criteria.")))
    return rows, errors


def scores_workbook(*, campaign, criteria, rows):
    """Every unit's final and self-assessed points per criterion, with totals."""
    workbook = new_workbook("Bảng điểm")
    sheet = workbook.active
    _title(sheet, campaign.name)
    append_row(sheet, ["Tiêu chí", "Điểm tối đa"] + [row.unit.name for row in rows], bold=True)
    for criterion in criteria:
        append_row(
            sheet,
            [str(criterion), float(criterion.max_points)]
            + [float(row.finals[criterion.pk]) if criterion.pk in row.finals else None for row in rows],
        )
    append_row(sheet, ["Tổng điểm", None] + [float(row.total) for row in rows])
    append_row(
        sheet, ["Tự chấm", None] + [float(row.self_total) if row.self_total is not None else None for row in rows]
    )
    append_row(sheet, ["Xếp loại", None] + [row.band.name if row.band else None for row in rows])
    sheet.column_dimensions["A"].width = 60
    return workbook_bytes(workbook)


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
        + ["Bằng điểm: quy tắc quyết định"],
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
            ],
        )
    sheet.column_dimensions["B"].width = 50
    for column in "HI":
        sheet.column_dimensions[column].width = 60
    return workbook_bytes(workbook)
