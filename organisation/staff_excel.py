"""Staff lists in Excel (.xlsx), as offices keep them: the template, and reading a file back.

A file is read whole and checked whole: any missing column, bad date,
duplicate or unknown sub-unit rejects it, with a report line by line, so
nothing is ever half imported.
"""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.worksheet.datavalidation import DataValidation

from core.excel import workbook_bytes
from core.text import fold
from organisation.sheets import ParsedList, cell_date, cell_text, check_lines, read_lines, template_workbook

# The columns of the template, in order.
COLUMNS = [
    ("full_name", "Họ và tên"),
    ("gender", "Giới tính"),
    ("birth_date", "Ngày sinh"),
    ("position", "Chức vụ"),
    ("unit", "Đơn vị"),
]
GENDERS = {"nam": "male", "nu": "female", "": ""}


def staff_template(*, unit, units):
    """The .xlsx a clerk downloads, fills in and uploads again."""
    workbook = template_workbook(
        title="Danh sách CBCCVC",
        columns=COLUMNS,
        guide=[
            f"Danh sách CBCCVC, người lao động của {unit.name}.",
            "Mỗi dòng một người, từ dòng 2; không đổi tên cột. "
            "Ví dụ: Nguyễn Văn A | Nam | 15/03/1985 | Chuyên viên | Văn phòng.",
            "Giới tính: Nam hoặc Nữ. Ngày sinh: dd/mm/yyyy.",
            "Đơn vị: một trong các tên sau.",
            *[f"  - {u.name}" for u in units],
        ],
    )
    gender_list = DataValidation(type="list", formula1='"Nam,Nữ"', allow_blank=True)
    workbook.active.add_data_validation(gender_list)
    gender_list.add("B2:B5000")
    return workbook_bytes(workbook)


def parse_staff_file(*, data, units):
    """Read and check an uploaded staff list against the unit and its sub-units."""
    result = ParsedList()
    lines = read_lines(data=data, columns=COLUMNS, result=result)
    if lines is None:
        return result
    by_name = {}
    for unit in units:
        by_name[fold(unit.name)] = unit
        if unit.short_name:
            by_name.setdefault(fold(unit.short_name), unit)
    seen = {}

    def check(line, cells):
        full_name = line.full_name(cells["full_name"])
        gender = GENDERS.get(fold(cell_text(cells["gender"])))
        if gender is None:
            line.refuse(_("gender must be Nam or Nữ, not “%(value)s”") % {"value": cell_text(cells["gender"])})
        try:
            birth_date = cell_date(cells["birth_date"])
            if birth_date and not date(1900, 1, 1) <= birth_date <= timezone.localdate():
                raise ValueError
        except (ValueError, OverflowError):
            birth_date = None
            line.refuse(
                _("the date of birth “%(value)s” is not a date dd/mm/yyyy") % {"value": cell_text(cells["birth_date"])}
            )
        unit_text = cell_text(cells["unit"])
        unit = by_name.get(fold(unit_text))
        if unit is None:
            line.refuse(_("unknown unit “%(value)s”") % {"value": unit_text})
        if full_name:
            line.once(seen, (fold(full_name), birth_date), _("same person as line %(line)s"))
        return {
            "full_name": full_name,
            "gender": gender,
            "birth_date": birth_date.isoformat() if birth_date else None,
            "position": cell_text(cells["position"])[:128],
            "unit_id": unit and unit.pk,
            "unit_name": unit and unit.name,
        }

    result.rows = check_lines(lines, result, check)
    if not result.rows and not result.errors:
        result.errors.append((None, _("The list has no staff rows.")))
    return result
