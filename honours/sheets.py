"""The award register in Excel, as offices keep it: the template, reading a file back, and the export.

A file is read whole and checked whole (organisation.sheets): an unknown
unit, person or title, a date out of range, or the same award twice (in the
file or already in the register) rejects it, line by line, and nothing is
imported.
"""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from campaigns.models import Title
from core.excel import append_cells, streaming_workbook, workbook_bytes
from core.text import fold
from core.years import MIN_YEAR
from honours.models import Honour
from honours.selectors import holdings, recipient_key
from organisation.models import Person
from organisation.sheets import ParsedList, cell_date, cell_text, check_lines, read_lines, template_workbook

COLUMNS = [
    ("year", "Năm"),
    ("title", "Danh hiệu, hình thức khen thưởng"),
    ("full_name", "Họ và tên"),
    ("birth_date", "Ngày sinh"),
    ("unit", "Đơn vị"),
    ("decision_number", "Số quyết định"),
    ("decision_date", "Ngày quyết định"),
    ("authority", "Cấp quyết định"),
    ("method", "Phương thức khen thưởng"),
]
LIMITS = {"decision_number": 64, "authority": 255}
EXPORT_COLUMNS = ["STT", *[label for _key, label in COLUMNS], "Nguồn"]


def _methods():
    return {fold(word): value for value, word in Honour.METHOD_WORDS.items()} | {"": Honour.Method.REGULAR}


def register_template(*, root, units):
    """The .xlsx an office fills with the awards of past years and uploads."""
    titles = Title.objects.filter(is_active=True).order_by("position")
    workbook = template_workbook(
        title="Sổ khen thưởng",
        columns=COLUMNS,
        guide=[
            f"Sổ theo dõi khen thưởng của {root.name}: mỗi dòng một danh hiệu hoặc hình thức khen thưởng.",
            "Ví dụ: 2019 | Chiến sĩ thi đua cơ sở | Nguyễn Văn A | 15/03/1985 | Văn phòng | 25/QĐ-SVH | "
            "20/01/2020 | Giám đốc Sở | Thường xuyên.",
            "Năm: năm của thành tích (năm 2019 cho thành tích năm 2019, dù quyết định ký năm 2020).",
            "Họ và tên: để trống khi khen thưởng tập thể; khi khen cá nhân, người đó phải có trong danh sách "
            "CBCCVC. Ngày sinh: chỉ cần khi hai người trùng họ tên.",
            "Đơn vị: tập thể được khen, hoặc đơn vị của cá nhân lúc được khen; một trong các tên sau.",
            *[f"  - {unit.name}" for unit in units],
            "Danh hiệu, hình thức khen thưởng: một trong các tên sau.",
            *[f"  - {title.name}" for title in titles],
            "Ngày quyết định: dd/mm/yyyy. Cấp quyết định: như quyết định ghi, ví dụ Chủ tịch UBND tỉnh.",
            "Phương thức khen thưởng: " + ", ".join(Honour.METHOD_WORDS.values()) + "; để trống là Thường xuyên.",
            "Tệp được kiểm tra toàn bộ: có một dòng sai thì không nhập dòng nào.",
        ],
    )
    return workbook_bytes(workbook)


def _unit_index(units):
    """Folded name, short name and code → the units they name; a name two units share names both."""
    index = {}
    for unit in units:
        for key in {fold(unit.name), fold(unit.short_name), fold(unit.code)} - {""}:
            index.setdefault(key, []).append(unit)
    return index


def _find_person(*, name, birth_date, unit, staff):
    """The person the line names: among the unit's staff first, else anywhere in the tree (they may have moved).

    `staff` maps a folded name to the people of the tree who bear it.
    """
    same_name = staff.get(fold(name), [])
    if birth_date is not None:
        same_name = [person for person in same_name if person.birth_date == birth_date]
    in_unit = [person for person in same_name if person.unit_id == unit.pk]
    candidates = in_unit or same_name
    if len(candidates) == 1:
        return candidates[0], None
    if not candidates:
        return None, _("“%(name)s” is not on the staff list of %(unit)s or of another unit you keep") % {
            "name": name,
            "unit": unit.name,
        }
    return None, _("several people are named “%(name)s”: give the date of birth") % {"name": name}


def parse_register_file(*, data, units):
    """Read and check an uploaded register against the units the office keeps and their staff."""
    result = ParsedList()
    lines = read_lines(data=data, columns=COLUMNS, result=result)
    if lines is None:
        return result
    units = list(units)
    by_name = _unit_index(units)
    titles = {}
    for title in Title.objects.all():
        titles.setdefault(fold(title.name), title)
        titles.setdefault(fold(title.code), title)
    staff = {}
    for person in Person.objects.filter(unit__in=units).only("unit_id", "full_name", "search_name", "birth_date"):
        staff.setdefault(person.search_name, []).append(person)
    methods = _methods()
    today = timezone.localdate()
    seen = {}

    def check(line, cells):
        values = {key: cell_text(cells[key]) for key, _label in COLUMNS}
        year = int(values["year"]) if values["year"].isdigit() else None
        if year is None or not MIN_YEAR <= year <= today.year:
            line.refuse(
                _("the year “%(value)s” is not a year from %(first)s to %(last)s")
                % {"value": values["year"], "first": MIN_YEAR, "last": today.year}
            )
            year = None
        title = titles.get(fold(values["title"]))
        if title is None:
            line.refuse(_("no title or commendation is called “%(value)s”") % {"value": values["title"]})
        matches = by_name.get(fold(values["unit"]), [])
        unit = matches[0] if len(matches) == 1 else None
        if not matches:
            line.refuse(_("unknown unit “%(value)s”") % {"value": values["unit"]})
        elif len(matches) > 1:
            line.refuse(_("several units are named “%(name)s”: give its code") % {"name": values["unit"]})
        try:
            birth_date = cell_date(cells["birth_date"])
        except (ValueError, OverflowError):
            birth_date = None
            line.refuse(_("the date of birth “%(value)s” is not a date dd/mm/yyyy") % {"value": values["birth_date"]})
        try:
            decided = cell_date(cells["decision_date"])
        except (ValueError, OverflowError):
            decided = False
        if not decided:
            line.refuse(
                _("the decision date “%(value)s” is not a date dd/mm/yyyy") % {"value": values["decision_date"]}
            )
            decided = None
        elif year is not None and not date(year, 1, 1) <= decided <= today:
            line.refuse(
                _("the decision date %(date)s is not between the start of %(year)s and today")
                % {"date": decided.strftime("%d/%m/%Y"), "year": year}
            )
            decided = None
        for key in ("decision_number", "authority"):
            if not values[key]:
                line.refuse(_("“%(column)s” is empty") % {"column": dict(COLUMNS)[key]})
            elif len(values[key]) > LIMITS[key]:
                line.refuse(
                    _("“%(value)s” is longer than %(limit)s characters")
                    % {"value": values[key][:40], "limit": LIMITS[key]}
                )
        method = methods.get(fold(values["method"]))
        if method is None:
            line.refuse(_("unknown award method “%(value)s”") % {"value": values["method"]})
        person = None
        if title is not None and unit is not None:
            individual = title.subject == Title.Subject.INDIVIDUAL
            if individual and not values["full_name"]:
                line.refuse(_("“%(title)s” is awarded to a person: give their name") % {"title": title.name})
            elif not individual and values["full_name"]:
                line.refuse(_("“%(title)s” is awarded to a collective: leave the name empty") % {"title": title.name})
            elif individual:
                person, problem = _find_person(name=values["full_name"], birth_date=birth_date, unit=unit, staff=staff)
                if problem:
                    line.refuse(problem)
        if line.problems:
            return {}
        key = (title.pk, person.pk if person else None, None if person else unit.pk, year)
        line.once(seen, key, _("same award as line %(line)s"))
        return {
            "year": year,
            "title_id": title.pk,
            "title_name": title.name,
            "person_id": person.pk if person else None,
            "unit_id": unit.pk,
            "unit_name": unit.name,
            "recipient": person.full_name if person else unit.name,
            "decision_number": values["decision_number"],
            "decision_date": decided.isoformat(),
            "decision_shown": decided.strftime("%d/%m/%Y"),
            "authority": values["authority"],
            "method": method,
        }

    result.rows = check_lines(lines, result, check)
    _refuse_recorded(result)
    if not result.rows and not result.errors:
        result.errors.append((None, _("The list has no award rows.")))
    return result


def _refuse_recorded(result):
    """An award the register holds already is a line to correct, not a second entry: one query for the file."""
    if not result.rows:
        return
    recorded = holdings(
        people={row["person_id"] for row in result.rows if row["person_id"]},
        units={row["unit_id"] for row in result.rows if not row["person_id"]},
        titles={row["title_id"] for row in result.rows},
        first_year=min(row["year"] for row in result.rows),
        last_year=max(row["year"] for row in result.rows),
    )
    kept = []
    for row in result.rows:
        key = recipient_key(person_id=row["person_id"], unit_id=row["unit_id"])
        honour = recorded.get((key, row["title_id"], row["year"]))
        if honour is None:
            kept.append(row)
            continue
        result.errors.append(
            (
                row["line"],
                _("already in the register (decision %(number)s of %(date)s)")
                % {"number": honour.decision_number, "date": honour.decision_date.strftime("%d/%m/%Y")},
            )
        )
    result.rows = kept
    result.errors.sort(key=lambda error: error[0] or 0)


PROGRESS_EVERY = 2000


def register_workbook(*, honours, progress=None):
    """The register as the office keeps it, written as it streams from the database: any number of rows.

    Only the columns it writes are read, as plain values: a model object of each award, its title, unit and
    person took as long as writing the file. `progress(done, total)`, when given, hears how far it got every few
    thousand rows."""
    workbook, sheet = streaming_workbook("Sổ khen thưởng")
    total = honours.count() if progress else 0
    with override("vi"):
        sources = {value: str(label) for value, label in Honour.Source.choices}
    append_cells(sheet, EXPORT_COLUMNS, bold=True)
    rows = honours.values_list(
        "year",
        "title__name",
        "person__full_name",
        "person__birth_date",
        "unit__name",
        "decision_number",
        "decision_date",
        "authority",
        "method",
        "source",
    )
    for index, row in enumerate(rows.iterator(chunk_size=2000), start=1):
        if progress and index % PROGRESS_EVERY == 0:
            progress(index, total)
        year, title, full_name, birth_date, unit, number, dated, authority, method, source = row
        append_cells(
            sheet,
            [
                index,
                year,
                title,
                full_name or "",
                birth_date.strftime("%d/%m/%Y") if birth_date else "",
                unit,
                number,
                dated.strftime("%d/%m/%Y"),
                authority,
                Honour.METHOD_WORDS.get(method, method),
                sources.get(source, source),
            ],
        )
    return workbook_bytes(workbook)
