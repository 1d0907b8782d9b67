"""Staff lists in Excel (.xlsx), as offices keep them: the template, and reading a file back.

A file is read whole and checked whole: any missing column, bad date,
duplicate or unknown sub-unit rejects it, with a report line by line, so
nothing is ever half imported.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from zipfile import BadZipFile

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.text import fold

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# The columns of the template, in order; matched on import without regard to
# accents, case or order.
COLUMNS = [
    ("full_name", "Họ và tên"),
    ("gender", "Giới tính"),
    ("birth_date", "Ngày sinh"),
    ("position", "Chức vụ"),
    ("unit", "Đơn vị"),
]
GENDERS = {"nam": "male", "nu": "female", "": ""}


@dataclass
class ParsedList:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line number or None, message)

    @property
    def ok(self):
        return not self.errors and bool(self.rows)


def template_workbook(*, unit, units):
    """The .xlsx a clerk downloads, fills in and uploads again."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách CBCCVC"
    sheet.append([label for _key, label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (32, 12, 14, 28, 48), strict=True):
        sheet.column_dimensions[letter].width = width
    gender_list = DataValidation(type="list", formula1='"Nam,Nữ"', allow_blank=True)
    sheet.add_data_validation(gender_list)
    gender_list.add("B2:B5000")
    notes = workbook.create_sheet("Hướng dẫn")
    notes.column_dimensions["A"].width = 100
    for line in [
        f"Danh sách CBCCVC, người lao động của {unit.name}.",
        "Mỗi dòng một người, từ dòng 2; không đổi tên cột. Ví dụ: Nguyễn Văn A | Nam | 15/03/1985 | Chuyên viên | Văn phòng.",
        "Giới tính: Nam hoặc Nữ. Ngày sinh: dd/mm/yyyy.",
        "Đơn vị: một trong các tên sau.",
        *[f"  - {u.name}" for u in units],
    ]:
        notes.append([line])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _cell_date(value):
    """A date from an Excel date cell or dd/mm/yyyy text; None if empty; raises ValueError if bad."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for separator in ("/", "-", "."):
        parts = text.split(separator)
        if len(parts) == 3 and all(part.strip().isdigit() for part in parts):
            day, month, year = (int(part) for part in parts)
            if year < 100:
                raise ValueError(text)
            return date(year, month, day)
    raise ValueError(text)


def parse_staff_file(*, data, units):
    """Read and check an uploaded staff list against the unit and its sub-units."""
    result = ParsedList()
    if not data:
        result.errors.append((None, _("The file is empty.")))
        return result
    if len(data) > MAX_BYTES:
        result.errors.append((None, _("The file is larger than 5 MB.")))
        return result
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        result.errors.append((None, _("This is not an Excel .xlsx file. Download the template and fill it in.")))
        return result
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    positions = {}
    for index, title in enumerate(header):
        for key, label in COLUMNS:
            if fold(_cell_text(title)) == fold(label):
                positions[key] = index
    missing = [label for key, label in COLUMNS if key not in positions]
    if missing:
        result.errors.append((1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}))
        return result

    by_name = {}
    for unit in units:
        by_name[fold(unit.name)] = unit
        if unit.short_name:
            by_name.setdefault(fold(unit.short_name), unit)
    seen = {}
    for line, values in enumerate(rows, start=2):
        if line - 1 > MAX_ROWS:
            result.errors.append((line, _("The list has more than %(max)s rows.") % {"max": MAX_ROWS}))
            break
        cells = {key: values[index] if index < len(values) else None for key, index in positions.items()}
        if all(_cell_text(value) == "" for value in cells.values()):
            continue
        problems = []
        full_name = _cell_text(cells["full_name"])
        if not full_name:
            problems.append(_("the full name is empty"))
        elif len(full_name) > 128:
            problems.append(_("the full name is longer than 128 characters"))
        gender = GENDERS.get(fold(_cell_text(cells["gender"])))
        if gender is None:
            problems.append(_("gender must be Nam or Nữ, not “%(value)s”") % {"value": _cell_text(cells["gender"])})
        try:
            birth_date = _cell_date(cells["birth_date"])
            if birth_date and not date(1900, 1, 1) <= birth_date <= timezone.localdate():
                raise ValueError
        except (ValueError, OverflowError):
            birth_date = None
            problems.append(
                _("the date of birth “%(value)s” is not a date dd/mm/yyyy") % {"value": _cell_text(cells["birth_date"])}
            )
        unit_text = _cell_text(cells["unit"])
        unit = by_name.get(fold(unit_text))
        if unit is None:
            problems.append(_("unknown unit “%(value)s”") % {"value": unit_text})
        position = _cell_text(cells["position"])[:128]
        key = (fold(full_name), birth_date)
        if full_name and key in seen:
            problems.append(_("same person as line %(line)s") % {"line": seen[key]})
        elif full_name:
            seen[key] = line
        if problems:
            result.errors.append((line, "; ".join(problems)))
            continue
        result.rows.append(
            {
                "line": line,
                "full_name": full_name,
                "gender": gender,
                "birth_date": birth_date.isoformat() if birth_date else None,
                "position": position,
                "unit_id": unit.pk,
                "unit_name": unit.name,
            }
        )
    workbook.close()
    if not result.rows and not result.errors:
        result.errors.append((None, _("The list has no staff rows.")))
    return result
