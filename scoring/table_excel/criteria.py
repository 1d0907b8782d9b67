"""The criteria sheet of the scoring table's workbook: the tree, each line's method and parameters, read back line
by line as the criterion form checks a line."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.excel import append_row
from core.text import fold
from scoring import methods
from scoring.excel import number_cell
from scoring.models import MAX_CRITERIA, Criterion

SHEET = "Thang điểm"
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


def _depths(criteria):
    by_id = {criterion.pk: criterion for criterion in criteria}
    depths = {}
    for criterion in criteria:
        depth, parent = 1, by_id.get(criterion.parent_id)
        while parent is not None:
            depth, parent = depth + 1, by_id.get(parent.parent_id)
        depths[criterion.pk] = depth
    return depths


def write_sheet(sheet, criteria):
    """The table's lines on `sheet`, parts before their lines, each with its level in the tree."""
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
            + [number_cell(getattr(criterion, name)) for name in ("fixed_base", "target", "second_level")]
            + [
                methods.tiers_text(criterion.tiers),
                TIERS_OF_LABELS.get(criterion.tiers_of, "") if criterion.method == Criterion.Method.TIERS else "",
                number_cell(criterion.per_occurrence),
                GATE_LABELS[criterion.gate],
                number_cell(criterion.gate_floor),
            ],
        )
    widths = (24, 8, 60, 12, 12, 6, 20, 24, 24, 12, 10, 12, 24, 10, 12, 20, 10)
    for letter, width in zip("ABCDEFGHIJKLMNOPQ", widths, strict=True):
        sheet.column_dimensions[letter].width = width


GUIDE = (
    "Trang “Thang điểm”: mỗi dòng một tiêu chí. Điểm tối đa lớn hơn 0, tối đa hai chữ số thập phân.",
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
)


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


def check_sheet(lines):
    """(rows, errors): the sheet's lines (core.xlsx_tables) as rows ready for Criterion(**row) with their "level";
    errors as (line, message).

    Every line is checked as the form checks it (parameters, tiers, the kind
    of the part it belongs to), so a file is refused whole, line by line.
    """
    rows, errors = [], []
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
