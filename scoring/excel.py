"""Scoring tables in Excel: the criteria template and import, and exports of scores and ranking."""

from decimal import Decimal, InvalidOperation
from io import BytesIO
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from core.excel import append_row, new_workbook, workbook_bytes
from core.text import fold
from scoring.models import Criterion

MAX_BYTES = 2 * 1024 * 1024
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
    ]:
        append_row(notes, [line])
    return workbook_bytes(workbook)


def parse_criteria(data):
    """(rows, errors): rows ready for Criterion(**row); errors as (line, message). All or nothing."""
    errors, rows = [], []
    if not data:
        return rows, [(None, _("The file is empty."))]
    if len(data) > MAX_BYTES:
        return rows, [(None, _("The file is larger than 2 MB."))]
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        return rows, [(None, _("This is not an Excel .xlsx file. Download the template and fill it in."))]
    lines = workbook.worksheets[0].iter_rows(values_only=True)
    header = [fold(str(value or "")) for value in next(lines, ())]
    positions = {key: header.index(fold(label)) for key, label in COLUMNS if fold(label) in header}
    missing = [label for key, label in COLUMNS if key not in positions]
    if missing:
        return rows, [(1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})]
    for line, values in enumerate(lines, start=2):
        cells = {key: values[index] if index < len(values) else None for key, index in positions.items()}
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
    workbook.close()
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
    sheet.column_dimensions["A"].width = 60
    return workbook_bytes(workbook)


def _points(value):
    """A cell's points, as Excel keeps them (a number) or as typed ("8,5"); None for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return Decimal(str(value).strip().replace(",", "."))


def parse_unit_scores(data, *, unit, criteria):
    """(values, errors): one unit's points read from the score sheet this product exports (`scores_workbook`).

    The unit is found by its name in the header, each criterion by its text in
    the first column; values are {criterion id: points or None}, for the form
    to check against each maximum. Nothing is read when something is wrong.
    """
    if not data:
        return {}, [_("Choose the score sheet (.xlsx) to read.")]
    if len(data) > MAX_BYTES:
        return {}, [_("The file is larger than 2 MB.")]
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        return {}, [_("This is not an Excel .xlsx file. Download the score sheet and fill it in.")]
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    header_at = next((i for i, row in enumerate(rows) if row and fold(str(row[0] or "")) == fold("Tiêu chí")), None)
    if header_at is None:
        return {}, [_("This is not the score sheet this system exports: no “Tiêu chí” column.")]
    header = [fold(str(cell or "")) for cell in rows[header_at]]
    if fold(unit.name) not in header:
        return {}, [_("The score sheet has no column for %(unit)s.") % {"unit": unit.name}]
    column = header.index(fold(unit.name))
    lines = {
        fold(str(row[0] or "")): row[column] if column < len(row) else None for row in rows[header_at + 1 :] if row
    }
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
    append_row(sheet, ["Hạng", "Đơn vị", "Tổng điểm", "Tự chấm", "Chênh lệch", "Cách đơn vị liền trên"], bold=True)
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
            ],
        )
    sheet.column_dimensions["B"].width = 50
    return workbook_bytes(workbook)
