"""Scoring tables in Excel: the criteria template and import, and exports of scores and ranking."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from core.excel import append_row, new_workbook, workbook_bytes
from core.text import fold
from core.xlsx import MAX_FILE_BYTES, Refused, Sheet, TooManyRows, read_table
from scoring import methods
from scoring import totals as tree
from scoring.models import MAX_CRITERIA, Criterion

MAX_BYTES = MAX_FILE_BYTES
COLUMNS = [
    ("group", "Nhóm"),
    ("label", "STT"),
    ("text", "Tiêu chí"),
    ("max_points", "Điểm tối đa"),
    ("kind", "Loại"),
    ("level", "Cấp"),
    ("method", "Cách chấm"),
    ("figure_label", "Số liệu"),
    ("base_label", "Mẫu số"),
    ("fixed_base", "Mẫu số cố định"),
    ("target", "Mốc (%)"),
    ("second_level", "Mốc đủ điểm (%)"),
    ("tiers", "Bậc (từ; dưới; điểm)"),
    ("tiers_of", "Bậc theo"),
    ("per_occurrence", "Điểm mỗi lần"),
    ("gate", "Điều kiện"),
    ("gate_floor", "Ngưỡng"),
]
# Files written before scoring methods had only the first five columns: they still import, as typed points.
OPTIONAL = {key for key, _label in COLUMNS[5:]}
METHOD_LABELS = {
    Criterion.Method.TYPED: "Nhập điểm",
    Criterion.Method.RATIO: "Tỷ lệ × điểm tối đa",
    Criterion.Method.TARGET: "Đạt mốc",
    Criterion.Method.TWO_LEVELS: "Hai mốc",
    Criterion.Method.TIERS: "Theo bậc",
    Criterion.Method.ALL_OR_NOTHING: "Đạt hoặc không",
    Criterion.Method.PER_OCCURRENCE: "Mỗi lần",
}
GATE_LABELS = {
    Criterion.Gate.NONE: "",
    Criterion.Gate.EVIDENCE: "Có minh chứng",
    Criterion.Gate.REPORT: "Đã gửi báo cáo sơ kết",
    Criterion.Gate.FLOOR: "Đạt ngưỡng",
}
TIERS_OF_LABELS = {Criterion.TiersOf.FIGURE: "Số liệu", Criterion.TiersOf.SHARE: "Tỷ lệ"}
# The score sheet's line under a line scored from figures; the sheet's reader never takes it for a criterion.
FIGURE_LINE = "Số liệu –"
PARAMETER_NUMBERS = ("fixed_base", "target", "second_level", "per_occurrence", "gate_floor")
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


def _depths(criteria):
    by_id = {criterion.pk: criterion for criterion in criteria}
    depths = {}
    for criterion in criteria:
        depth, parent = 1, by_id.get(criterion.parent_id)
        while parent is not None:
            depth, parent = depth + 1, by_id.get(parent.parent_id)
        depths[criterion.pk] = depth
    return depths


def _number(value):
    return None if value is None else float(value)


def criteria_workbook(*, criteria):
    """The table as a file to fill in or to edit: the campaign's criteria, tree and methods, or an empty template."""
    workbook = new_workbook("Thang điểm")
    sheet = workbook.active
    append_row(sheet, [label for _key, label in COLUMNS], bold=True)
    depths = _depths(criteria)
    for criterion in criteria:
        append_row(
            sheet,
            [
                criterion.group,
                criterion.label,
                criterion.text,
                float(criterion.max_points),
                KIND_LABELS[criterion.kind],
                depths[criterion.pk],
                METHOD_LABELS[criterion.method],
                criterion.figure_label,
                criterion.base_label,
            ]
            + [_number(getattr(criterion, name)) for name in ("fixed_base", "target", "second_level")]
            + [
                methods.tiers_text(criterion.tiers),
                TIERS_OF_LABELS.get(criterion.tiers_of, "") if criterion.method == Criterion.Method.TIERS else "",
                _number(criterion.per_occurrence),
                GATE_LABELS[criterion.gate],
                _number(criterion.gate_floor),
            ],
        )
    widths = (24, 8, 60, 12, 12, 6, 20, 24, 24, 12, 10, 12, 24, 10, 12, 20, 10)
    for letter, width in zip("ABCDEFGHIJKLMNOPQ", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    notes = workbook.create_sheet("Hướng dẫn")
    for line in [
        "Mỗi dòng một tiêu chí. Điểm tối đa lớn hơn 0, tối đa hai chữ số thập phân.",
        "Loại: Tiêu chí, Điểm cộng hoặc Điểm trừ (để trống là Tiêu chí).",
        "Cấp: 1 là phần, 2 là tiêu chí của phần ở trên, 3 là tiêu chí con…; điểm của dòng có dòng con là tổng "
        "điểm các dòng con, không quá điểm tối đa của nó. Để trống là 1.",
        "Cách chấm: " + ", ".join(METHOD_LABELS.values()) + " (để trống là Nhập điểm).",
        "Tỷ lệ × điểm tối đa: điểm = số liệu ÷ mẫu số × điểm tối đa. Đạt mốc: đủ điểm khi tỷ lệ đạt Mốc (%), dưới "
        "mốc tính theo tỷ lệ. Hai mốc: nửa số điểm khi đạt Mốc (%), đủ điểm từ Mốc đủ điểm (%).",
        "Theo bậc: mỗi bậc một dòng trong ô, “từ; dưới; điểm”, ví dụ “88; 90; 2”; cận dưới tính, cận trên không "
        "tính; bậc cuối để trống “dưới”. Bậc theo: Số liệu hoặc Tỷ lệ.",
        "Mỗi lần: điểm = số lần × Điểm mỗi lần, không quá điểm tối đa (điểm trừ: chọn Loại là Điểm trừ).",
        "Điều kiện: " + ", ".join(label for label in GATE_LABELS.values() if label) + " (0 điểm nếu không đạt).",
        f"Một thang điểm có tối đa {MAX_CRITERIA:,} dòng dưới dòng tiêu đề.".replace(",", "."),
    ]:
        append_row(notes, [line])
    return workbook_bytes(workbook)


def _choice(labels, value, default):
    if value in (None, ""):
        return default
    return {fold(label): key for key, label in labels.items() if label}.get(fold(str(value)))


def _decimal(value):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return Decimal(str(value).strip().replace(",", ".")).quantize(Decimal("0.01"))


def _line_parameters(cells, problems):
    """The scoring method and its parameters read from a line, with what cannot be read added to `problems`."""
    values = {}
    method = _choice(METHOD_LABELS, cells["method"], Criterion.Method.TYPED)
    if method is None:
        problems.append(_("the method “%(value)s” is not one of the list") % {"value": cells["method"]})
    values["method"] = method or Criterion.Method.TYPED
    gate = _choice(GATE_LABELS, cells["gate"], Criterion.Gate.NONE)
    if gate is None:
        problems.append(_("the condition “%(value)s” is not one of the list") % {"value": cells["gate"]})
    values["gate"] = gate or Criterion.Gate.NONE
    tiers_of = _choice(TIERS_OF_LABELS, cells["tiers_of"], Criterion.TiersOf.SHARE)
    if tiers_of is None:
        problems.append(_("tiers are of “Số liệu” or “Tỷ lệ”"))
    values["tiers_of"] = tiers_of or Criterion.TiersOf.SHARE
    for name in PARAMETER_NUMBERS:
        try:
            values[name] = _decimal(cells[name])
        except (InvalidOperation, ValueError):
            values[name] = None
            problems.append(_("“%(value)s” is not a number") % {"value": cells[name]})
    if values["per_occurrence"] is not None and values["per_occurrence"] < 0:
        # "−1 per late report": the kind subtracts, the points are kept positive.
        values["per_occurrence"] = -values["per_occurrence"]
    try:
        values["tiers"] = methods.parse_tiers(str(cells["tiers"] or "")) if values["method"] == "tiers" else []
    except ValidationError as error:
        values["tiers"] = []
        problems.extend(error.messages)
    for name in ("figure_label", "base_label"):
        values[name] = " ".join(str(cells[name] or "").split())[:255]
    return values


def parse_criteria(data):
    """(rows, errors): rows ready for Criterion(**row) with their "level"; errors as (line, message). All or nothing.

    Every line is checked as the form checks it (parameters, tiers, the kind
    of the part it belongs to), so a file is refused whole, line by line.
    """
    rows = []
    lines, errors = read_table(data, columns=COLUMNS, max_rows=MAX_CRITERIA, optional=OPTIONAL)
    if lines is None:
        return rows, errors
    open_kinds = []  # the kind of each open part, by level
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
        level = _level(cells["level"], len(open_kinds), problems)
        del open_kinds[level - 1 :]
        if open_kinds and kind is not None and open_kinds[-1] != kind:
            problems.append(_("a line has the kind of the part it belongs to"))
        open_kinds.append(kind)
        parameters = _line_parameters(cells, problems)
        if not problems:
            line_errors = methods.check_table_line(Criterion(max_points=max_points, kind=kind, **parameters))
            problems.extend(str(message) for message in line_errors.values())
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
                "level": level,
                **parameters,
            }
        )
    if not rows and not errors:
        errors.append((None, _("The file has no criteria.")))
    return rows, errors


def preview_lines(rows):
    """(depth, number, text, maximum, kind, how it is scored) of each line as it will be imported."""
    levels = [row["level"] for row in rows] + [0]
    return [
        (
            row["level"] - 1,
            row["label"],
            row["text"],
            row["max_points"],
            KIND_LABELS[row["kind"]],
            _("Sum of its lines, at most the maximum.")
            if levels[index + 1] > row["level"]
            else methods.formula(Criterion(**{key: value for key, value in row.items() if key != "level"})),
        )
        for index, row in enumerate(rows)
    ]


def _level(value, depth, problems):
    """The line's level in the tree (1 when empty); at most one below the line above."""
    if value in (None, ""):
        return 1
    try:
        level = int(Decimal(str(value).strip()))
    except (InvalidOperation, ValueError):
        problems.append(_("the level “%(value)s” is not a whole number") % {"value": value})
        return 1
    if level < 1 or level > depth + 1:
        problems.append(
            _("the level %(level)s skips a level: at most %(most)s here") % {"level": level, "most": depth + 1}
        )
        return min(max(level, 1), depth + 1)
    return level


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
                    _number(figure.value) if figure else None,
                    _number(figure.base) if figure and criterion.needs_base else None,
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
