"""The unit tree in Excel: exported as the office keeps it, imported back with a whole-file check.

A row names its parent by code or by exact name, among the file's rows and
the units the office already keeps; rows without a parent go under the
office's own unit. A row updates the unit with its code, or else the one
unit of the tree with its name; anything ambiguous, unknown or circular
rejects the file, line by line.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.excel import workbook_bytes
from core.text import fold
from organisation import merges
from organisation.models import Unit, UnitMerge
from organisation.sheets import ParsedList, cell_text, check_lines, read_lines, template_workbook

COLUMNS = [
    ("code", "Mã đơn vị"),
    ("name", "Tên đơn vị"),
    ("short_name", "Tên viết tắt"),
    ("kind", "Loại"),
    ("parent", "Đơn vị cấp trên (mã hoặc tên)"),
    ("parent_body", "Cơ quan chủ quản (in trên văn bản)"),
    ("province", "Tỉnh, thành phố"),
    ("head_title", "Chức danh thủ trưởng"),
    ("head_name", "Họ tên thủ trưởng"),
    ("merged_into", "Sáp nhập vào (mã hoặc tên)"),
]
# Files exported before the two-level government have no merger column; they import as they did.
OPTIONAL = ("merged_into",)
TEXT_LIMITS = {"code": 32, "name": 255, "short_name": 64, "parent_body": 255, "province": 64, "head_title": 128}


def _kind_labels():
    with override("vi"):
        return {fold(str(label)): value for value, label in Unit.Kind.choices} | {
            fold(value): value for value, _label in Unit.Kind.choices
        }


def tree_workbook(*, root, rows):
    """The office's tree as a list, parents before children: the file to edit and import again."""
    units = {row["id"]: row for row in rows}
    with override("vi"):
        kinds = {value: str(label) for value, label in Unit.Kind.choices}
    details = Unit.objects.in_bulk(list(units))
    merged = dict(UnitMerge.objects.filter(unit_id__in=list(units)).values_list("unit_id", "into_id"))
    targets = Unit.objects.in_bulk(set(merged.values()))
    lines = []
    for row in rows:
        unit = details[row["id"]]
        parent = units.get(unit.parent_id)
        parent_ref = (parent["code"] or parent["name"]) if parent else ""
        lines.append(
            [
                unit.code,
                unit.name,
                unit.short_name,
                kinds.get(unit.kind, unit.kind),
                parent_ref,
                unit.parent_body,
                unit.province,
                unit.head_title,
                unit.head_name,
                (targets[merged[unit.pk]].code or targets[merged[unit.pk]].name) if unit.pk in merged else "",
            ]
        )
    workbook = template_workbook(
        title="Cây đơn vị",
        columns=COLUMNS,
        rows=lines,
        guide=[
            f"Cây đơn vị của {root.name}: mỗi dòng một đơn vị, đơn vị cấp trên trước đơn vị trực thuộc.",
            "Mã đơn vị: tùy chọn, nhưng nếu có thì không trùng. Dòng có mã cập nhật đơn vị mang mã đó.",
            "Đơn vị cấp trên: ghi mã hoặc đúng tên của một đơn vị trong tệp hoặc đã có; để trống là trực thuộc "
            f"{root.name}.",
            "Loại: " + ", ".join(kinds.values()) + ".",
            "Sáp nhập vào: ghi mã hoặc đúng tên đơn vị mà đơn vị này sáp nhập vào (ngày sáp nhập là ngày nhập tệp); "
            "nhân sự, đơn vị trực thuộc, vị trí trong khối và đăng ký đang mở chuyển sang đơn vị đó.",
            "Tệp được kiểm tra toàn bộ: có một dòng sai thì không nhập dòng nào.",
        ],
    )
    return workbook_bytes(workbook)


def parse_tree_file(*, data, root, kept):
    """Check an uploaded tree against the units the office keeps (`kept`, root included)."""
    result = ParsedList()
    lines = read_lines(data=data, columns=COLUMNS, result=result, optional=OPTIONAL)
    if lines is None:
        return result
    kinds = _kind_labels()
    kept = list(kept)
    kept_by_code = {unit.code: unit for unit in kept if unit.code}
    kept_by_name = {}
    for unit in kept:
        kept_by_name.setdefault(fold(unit.name), []).append(unit)
    taken_codes = set(
        Unit.objects.exclude(code="").exclude(pk__in=[unit.pk for unit in kept]).values_list("code", flat=True)
    )
    seen_codes, seen_names = {}, {}

    def check(line, cells):
        values = {key: cell_text(cells[key]) for key, _label in COLUMNS}
        if not values["name"]:
            line.refuse(_("the unit's name is empty"))
        for key, limit in TEXT_LIMITS.items():
            if len(values[key]) > limit:
                line.refuse(
                    _("“%(value)s” is longer than %(limit)s characters") % {"value": values[key][:40], "limit": limit}
                )
        kind = kinds.get(fold(values["kind"])) if values["kind"] else Unit.Kind.OTHER
        if kind is None:
            line.refuse(_("unknown kind “%(value)s”") % {"value": values["kind"]})
        if values["code"] in taken_codes:
            line.refuse(_("the code %(code)s belongs to a unit you do not keep") % {"code": values["code"]})
        if values["code"]:
            line.once(seen_codes, values["code"], _("same code as line %(line)s"))
        if values["name"]:
            line.once(seen_names, (fold(values["name"]), fold(values["parent"])), _("same unit as line %(line)s"))
        return {**values, "kind": kind}

    rows = check_lines(lines, result, check)
    file_by_code = {row["code"]: row for row in rows if row["code"]}
    file_by_name = {}
    for row in rows:
        file_by_name.setdefault(fold(row["name"]), []).append(row)

    def existing_for(row):
        if row["code"] and row["code"] in kept_by_code:
            return kept_by_code[row["code"]], None
        matches = kept_by_name.get(fold(row["name"]), [])
        if len(matches) > 1:
            return None, _("several units are named “%(name)s”: give its code") % {"name": row["name"]}
        return (matches[0] if matches else None), None

    for row in rows:
        unit, problem = existing_for(row)
        row["unit_id"] = unit.pk if unit else None
        if problem:
            result.errors.append((row["line"], problem))
        is_root = unit is not None and unit.pk == root.pk
        row["parent_code"], row["parent_id"], row["parent_line"] = "", None, None
        reference = row.pop("parent")
        if is_root:
            if reference:
                result.errors.append(
                    (row["line"], _("%(name)s is the top of your tree: leave its parent empty") % {"name": root.name})
                )
            row["parent_id"] = root.parent_id
            continue
        if not reference:
            row["parent_id"] = root.pk
            continue
        in_file = file_by_code.get(reference) or (
            file_by_name[fold(reference)][0] if len(file_by_name.get(fold(reference), [])) == 1 else None
        )
        if in_file is not None and in_file is not row:
            row["parent_line"] = in_file["line"]
            row["parent_code"] = in_file["code"]
            continue
        kept_parent = kept_by_code.get(reference) or (
            kept_by_name[fold(reference)][0] if len(kept_by_name.get(fold(reference), [])) == 1 else None
        )
        if kept_parent is None:
            result.errors.append((row["line"], _("unknown parent unit “%(value)s”") % {"value": reference}))
        else:
            row["parent_id"] = kept_parent.pk
    if result.errors:
        result.errors.sort(key=lambda error: error[0] or 0)
        return result
    ordered = _parents_first(rows, result)
    for row in ordered:
        if row["parent_line"] is not None and not row["parent_code"]:
            parent_row = next(other for other in rows if other["line"] == row["parent_line"])
            if parent_row["unit_id"]:
                row["parent_id"] = parent_row["unit_id"]
            else:
                result.errors.append(
                    (
                        row["line"],
                        _("its parent on line %(line)s needs a code, being new") % {"line": row["parent_line"]},
                    )
                )
    if not rows and not result.errors:
        result.errors.append((None, _("The list has no unit rows.")))
    if not result.errors:
        _check_mergers(rows, result, kept_by_code=kept_by_code, kept_by_name=kept_by_name, file_by_code=file_by_code)
    result.rows = [] if result.errors else ordered
    return result


def _parents_first(rows, result):
    """The rows ordered so that every parent in the file comes before its children; a loop is an error."""
    by_line = {row["line"]: row for row in rows}
    ordered, placed, visiting = [], set(), set()

    def place(row):
        if row["line"] in placed:
            return True
        if row["line"] in visiting:
            result.errors.append((row["line"], _("the units form a loop: one is its own parent")))
            return False
        visiting.add(row["line"])
        parent_line = row["parent_line"]
        if parent_line is not None and not place(by_line[parent_line]):
            return False
        visiting.discard(row["line"])
        placed.add(row["line"])
        ordered.append(row)
        return True

    for row in rows:
        place(row)
    return ordered


def _check_mergers(rows, result, *, kept_by_code, kept_by_name, file_by_code):
    """Resolve each line's "merged into" to a unit of the file or of the tree, and refuse a merger the office's page
    would refuse: into itself, into its own sub-unit, or leaving a bloc with the same unit twice."""
    by_target = {}
    for row in rows:
        reference = row.pop("merged_into", "")
        row["merged_into_id"] = row["merged_into_code"] = None
        if not reference:
            continue
        target_row = file_by_code.get(reference)
        target = kept_by_code.get(reference) or (
            kept_by_name[fold(reference)][0] if len(kept_by_name.get(fold(reference), [])) == 1 else None
        )
        if target_row is not None and target_row["unit_id"] is None:
            row["merged_into_code"] = target_row["code"]  # a unit the file creates
        elif target is not None or target_row is not None:
            row["merged_into_id"] = target.pk if target is not None else target_row["unit_id"]
        else:
            result.errors.append((row["line"], _("unknown unit to merge into “%(value)s”") % {"value": reference}))
            continue
        if row["unit_id"] is None:
            result.errors.append((row["line"], _("a new unit cannot merge: it does not exist yet")))
        elif row["merged_into_id"] == row["unit_id"]:
            result.errors.append((row["line"], _("a unit cannot be merged into itself")))
        elif not UnitMerge.objects.filter(unit_id=row["unit_id"], into_id=row["merged_into_id"]).exists():
            by_target.setdefault(row["merged_into_id"] or row["merged_into_code"], []).append(row)
    for target, merging in by_target.items():
        units = list(Unit.objects.filter(pk__in=[row["unit_id"] for row in merging]))
        into = Unit.objects.filter(pk=target).first() if isinstance(target, int) else None
        if into is None:
            continue  # a unit the file creates has no bloc place or sub-unit yet
        try:
            merges.refuse(units=units, into=into, year=timezone.localdate().year)
        except ValidationError as error:
            for row in merging:
                result.errors.append((row["line"], " ".join(error.messages)))
    result.errors.sort(key=lambda error: error[0] or 0)
