"""The year's statistics for the Ministry of Home Affairs: the forms of Circular 02/2023/TT-BNV the product can fill.

Form 0601.N counts the emulation movements (campaigns) an organisation tree
launched in the year; form 0603.N counts the ministry- and province-level
awards of the year, from the register, by the date of their decision. Rows
and forms whose data the product does not hold are left blank, each with
the reason, and so are forms 0602.N, 0604.N and 0605.N. The layout (rows,
codes, column numbers) is data here, with where it was read.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from campaigns.models import Campaign, Title
from core.excel import new_workbook, set_cell, workbook_bytes
from honours.models import Honour
from organisation.models import Council, Unit, UnitMerge
from organisation.selectors import units_with_descendants

CIRCULAR = "Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ"
LAYOUT_SOURCE = (
    "Bố cục dòng, mã số và cột theo các biểu của hệ thống phần mềm thi đua, khen thưởng đang dùng ở hai tỉnh "
    "(mã nguồn công khai lifephongphanmem/thiduakhenthuong, thư mục BaoCao/TT022023); chưa đối chiếu với phụ lục "
    "của Thông tư"
)
DUE = "Ngày 15 tháng 12 năm báo cáo"
RECEIVER = "Bộ Nội vụ"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    number: str
    group: str = ""


@dataclass(frozen=True)
class Row:
    label: str
    code: str = ""
    key: str = ""  # empty for a heading
    unit: str = ""
    blank: str = ""  # why the row is left blank, when the product does not hold its data

    @property
    def is_heading(self):
        return not self.key


@dataclass(frozen=True)
class Form:
    code: str
    title: str
    columns: tuple
    rows: tuple
    measure: str = ""  # "Đơn vị tính: …" above the table, when the form has no unit column
    unit_column: bool = False


NOT_THEMATIC = _("The product does not record whether a campaign is thematic or the year's regular movement.")
NO_ENTERPRISES = _("The product's units are agencies and their divisions: it does not tell enterprises apart.")
NO_HOUSEHOLDS = _("The register holds units and their staff, never households.")
NO_RANKS = _("The product keeps a person's position as free text, not the leadership rank the form counts.")
NO_BADGE = _("The product ships no badge (kỷ niệm chương) title; a title an office adds is listed below the form.")

CAMPAIGN_LEVELS = (
    Column("total", "Tổng số", "1=(2+3+4)"),
    Column(
        "central",
        "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)",
        "2",
        "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
    ),
    Column(
        "province",
        "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương",
        "3",
        "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
    ),
    Column("agency", "Cơ quan, tổ chức, đơn vị", "4", "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua"),
)

FORM_0601 = Form(
    code="0601.N/BNV-TĐKT",
    title="SỐ PHONG TRÀO THI ĐUA",
    measure="Đơn vị tính: Phong trào",
    columns=CAMPAIGN_LEVELS,
    rows=(
        Row("Tổng số", "01", "total"),
        Row("1. Chia theo phạm vi tổ chức thi đua"),
        Row("- Toàn quốc", "02", "scope_national"),
        Row("- Bộ, ban, ngành đoàn thể, địa phương", "03", "scope_local"),
        Row("- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức", "04", "scope_bloc"),
        Row("- Cơ quan, tổ chức, đơn vị", "05", "scope_agency"),
        Row("2. Chia theo thời hạn thi đua"),
        Row("- Dưới 1 năm", "06", "under_1"),
        Row("- 1 năm", "07", "one_year"),
        Row("- Từ 1 năm đến dưới 3 năm", "08", "under_3"),
        Row("- Từ 3 năm đến dưới 5 năm", "09", "under_5"),
        Row("- Từ 5 năm trở lên", "10", "five_plus"),
        Row("3. Chia theo phương thức tổ chức phong trào thi đua"),
        Row("- Thi đua theo chuyên đề", "11", "thematic", blank=NOT_THEMATIC),
        Row("- Thi đua thường xuyên hàng năm", "12", "regular", blank=NOT_THEMATIC),
    ),
)

AWARD_FORMS = (
    Column("total", "Tổng số", "1"),
    Column("commendation", "Bằng khen", "2", "Chia ra"),
    Column("fighter", "Chiến sĩ thi đua cấp bộ, cấp tỉnh", "3", "Chia ra"),
    Column(
        "flag",
        "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
        "4",
        "Chia ra",
    ),
    Column(
        "badge",
        "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
        "5",
        "Chia ra",
    ),
)

# The product's titles counted in each column of form 0603.N, by their code (campaigns.titles).
FORM_0603_TITLES = {
    "commendation": ("bang-khen-tinh", "bang-khen-tinh-ca-nhan"),
    "fighter": ("cstd-tinh",),
    "flag": ("co-thi-dua-tinh",),
    "badge": (),
}

FORM_0603 = Form(
    code="0603.N/BNV-TĐKT",
    title="SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
    unit_column=True,
    columns=AWARD_FORMS,
    rows=(
        Row("Tổng số", "01", "total"),
        Row("1. Chia theo đối tượng khen thưởng"),
        Row("- Tập thể", "02", "collective", "Tập thể"),
        Row("Trong đó: Doanh nghiệp", "03", "enterprise", "Doanh nghiệp", NO_ENTERPRISES),
        Row("- Hộ gia đình", "04", "household", "Hộ", NO_HOUSEHOLDS),
        Row("- Cá nhân", "05", "individual", "Người"),
        Row("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", "06", "rank_1", "Người", NO_RANKS),
        Row("+ Lãnh đạo cấp vụ, sở, ngành và tương đương", "07", "rank_2", "Người", NO_RANKS),
        Row("+ Doanh nhân", "08", "rank_3", "Người", NO_RANKS),
        Row("+ Các cấp lãnh đạo khác từ phó phòng trở lên", "09", "rank_4", "Người", NO_RANKS),
        Row(
            "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân,...)",
            "10",
            "rank_5",
            "Người",
            NO_RANKS,
        ),
        Row("2. Chia theo phương thức khen thưởng"),
        *(
            Row(f"- {word}", f"{code:02d}", f"method_{method}")
            for code, (method, word) in enumerate(Honour.METHOD_WORDS.items(), start=11)
        ),
    ),
)

# The forms the product cannot fill, and why.
NOT_FILLED = (
    (
        "0602.N/BNV-TĐKT",
        "Số lượng khen thưởng cấp Nhà nước",
        _(
            "The product proposes and decides awards up to the province; State awards (orders, medals, honorary "
            "titles, the Prime Minister's certificates and flags) are decided above it, and the form counts each "
            "of them in a column of its own."
        ),
    ),
    (
        "0604.N/BNV-TĐKT",
        "Số lượng tổ chức làm công tác thi đua, khen thưởng",
        _("The product keeps units and councils, not which department, board or division does the emulation work."),
    ),
    (
        "0605.N/BNV-TĐKT",
        "Số lượng công chức làm công tác thi đua, khen thưởng",
        _(
            "The product does not record who works in emulation and commendation, nor their training or their "
            "years in the field."
        ),
    ),
)


@dataclass
class FilledForm:
    form: Form
    figures: dict  # row key -> column key -> number, or None where the row is blank
    notes: list = field(default_factory=list)

    def table(self):
        """(row, [value per column]) in the form's order; a heading has no values."""
        return [
            (row, [] if row.is_heading else [self.figures.get(row.key, {}).get(col.key) for col in self.form.columns])
            for row in self.form.rows
        ]


def _blank_rows(form, figures):
    notes = []
    for row in form.rows:
        if row.blank:
            figures[row.key] = {column.key: None for column in form.columns}
            if row.blank not in notes:
                notes.append(row.blank)
    return notes


def _months(campaign):
    """How long a campaign runs, in calendar months: from its first phase to its last, else its year."""
    phases = campaign.phases.all()
    if not phases:
        return 12
    start = min(phase.starts_on for phase in phases)
    end = max(phase.ends_on for phase in phases)
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _duration_key(months):
    if months < 12:
        return "under_1"
    if months == 12:
        return "one_year"
    if months < 36:
        return "under_3"
    return "under_5" if months < 60 else "five_plus"


def _campaign_class(campaign, council_levels):
    """(scope row, launching level column) of a campaign, from who issued it."""
    bloc = campaign.issuing_bloc
    if bloc is not None:
        province = council_levels.get(bloc.council_id) == Council.Level.PROVINCE or (
            bloc.council_id is None
            and bloc.organizer is not None
            and bloc.organizer.kind == Unit.Kind.PEOPLES_COMMITTEE
        )
        return "scope_bloc", "province" if province else "agency"
    if campaign.issuer.kind == Unit.Kind.PEOPLES_COMMITTEE:
        return "scope_local", "province"
    return "scope_agency", "agency"


def campaigns_of_tree(*, root, year):
    """The campaigns a tree launched in the year: issued by one of its units, or for a bloc it organises."""
    tree = units_with_descendants(unit_ids={root.pk})
    return (
        Campaign.objects.filter(Q(issuer_id__in=tree) | Q(issuing_bloc__organizer_id__in=tree), year=year)
        .exclude(status=Campaign.Status.DRAFT)
        .select_related("issuer", "issuing_bloc__organizer")
        .prefetch_related("phases")
        .distinct()
    )


def form_0601(*, root, year):
    campaigns = list(campaigns_of_tree(root=root, year=year))
    council_levels = dict(Council.objects.values_list("id", "level"))
    counts = Counter()
    for campaign in campaigns:
        scope, level = _campaign_class(campaign, council_levels)
        for row in ("total", scope, _duration_key(_months(campaign))):
            counts[(row, level)] += 1
            counts[(row, "total")] += 1
    figures = {
        row.key: {column.key: counts[(row.key, column.key)] for column in FORM_0601.columns}
        for row in FORM_0601.rows
        if not row.is_heading
    }
    notes = _blank_rows(FORM_0601, figures)
    notes.insert(
        0,
        _("Campaigns of %(year)s launched by the units of the tree or for the blocs it organises; drafts excluded.")
        % {"year": year},
    )
    return FilledForm(FORM_0601, figures, notes)


def honours_of_tree(*, root, year):
    """The register's awards earned in the tree and decided in the year."""
    tree = units_with_descendants(unit_ids={root.pk})
    return Honour.objects.filter(unit_id__in=tree, decision_date__year=year)


def form_0603(*, root, year):
    column_of = {code: column for column, codes in FORM_0603_TITLES.items() for code in codes}
    rows = (
        honours_of_tree(root=root, year=year)
        .filter(title__code__in=column_of)
        .values("title__code", "method")
        .annotate(
            collective=Count("id", filter=Q(person__isnull=True)),
            individual=Count("id", filter=Q(person__isnull=False)),
        )
    )
    counts = Counter()
    for row in rows:
        column = column_of[row["title__code"]]
        figures = {
            "total": row["collective"] + row["individual"],
            "collective": row["collective"],
            "individual": row["individual"],
            f"method_{row['method']}": row["collective"] + row["individual"],
        }
        for key, number in figures.items():
            counts[(key, column)] += number
            counts[(key, "total")] += number
    figures = {
        row.key: {column.key: counts[(row.key, column.key)] for column in FORM_0603.columns}
        for row in FORM_0603.rows
        if not row.is_heading
    }
    for values in figures.values():
        values["badge"] = None
    notes = _blank_rows(FORM_0603, figures)
    notes[:0] = [
        _("Awards of the register earned in the tree whose decision is dated in %(year)s.") % {"year": year},
        NO_BADGE,
    ]
    return FilledForm(FORM_0603, figures, notes)


def awards_by_title(*, root, year):
    """The register's awards of the year by level, form and title, collectives and individuals apart."""
    counted = {code for codes in FORM_0603_TITLES.values() for code in codes}
    rows = (
        honours_of_tree(root=root, year=year)
        .values("title_id")
        .annotate(
            collectives=Count("id", filter=Q(person__isnull=True)),
            individuals=Count("id", filter=Q(person__isnull=False)),
        )
    )
    titles = Title.objects.in_bulk([row["title_id"] for row in rows])
    result = [
        {
            "title": titles[row["title_id"]],
            "collectives": row["collectives"],
            "individuals": row["individuals"],
            "in_0603": titles[row["title_id"]].code in counted,
        }
        for row in rows
    ]
    levels = [value for value, _label in Title.Level.choices]
    return sorted(result, key=lambda item: (-levels.index(item["title"].level), item["title"].position))


def awards_by_unit(*, root, year):
    """The year's awards counted by the unit of today: a merged unit's awards count under the unit it merged into,
    which lists its predecessors."""
    rows = (
        honours_of_tree(root=root, year=year)
        .values("unit_id")
        .annotate(
            collectives=Count("id", filter=Q(person__isnull=True)),
            individuals=Count("id", filter=Q(person__isnull=False)),
        )
    )
    counts = {row["unit_id"]: row for row in rows}
    today = dict(UnitMerge.objects.filter(unit_id__in=counts).values_list("unit_id", "belongs_to_id"))
    totals = {}
    for unit_id, row in counts.items():
        now = totals.setdefault(today.get(unit_id, unit_id), {"collectives": 0, "individuals": 0})
        now["collectives"] += row["collectives"]
        now["individuals"] += row["individuals"]
    units = Unit.objects.in_bulk(list(totals))
    predecessors = {}
    for merge in UnitMerge.objects.filter(belongs_to_id__in=totals).select_related("unit").order_by("merged_on"):
        predecessors.setdefault(merge.belongs_to_id, []).append(merge.unit.name)
    return sorted(
        (
            {"unit": units[unit_id], "predecessors": predecessors.get(unit_id, []), **figures}
            for unit_id, figures in totals.items()
        ),
        key=lambda row: row["unit"].sort_name,
    )


# The workbook

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _write_form(workbook, filled, *, root, year):
    form = filled.form
    sheet = workbook.create_sheet(form.code.split("/")[0])
    fixed = ["", "Mã số"] + (["Đơn vị tính"] if form.unit_column else [])
    width = len(fixed) + len(form.columns)
    bold = Font(bold=True)

    def put(row, column, value, *, font=None, merge_to=None, align=None, box=False):
        cell = set_cell(sheet.cell(row=row, column=column), value)
        if font:
            cell.font = font
        if align:
            cell.alignment = align
        if merge_to:
            sheet.merge_cells(start_row=row, start_column=column, end_row=merge_to[0], end_column=merge_to[1])
        if box:
            for r in range(row, (merge_to or (row, column))[0] + 1):
                for c in range(column, (merge_to or (row, column))[1] + 1):
                    sheet.cell(row=r, column=c).border = BOX
        return cell

    put(1, 1, f"Biểu số: {form.code}", font=bold)
    put(1, width - 1, f"Đơn vị báo cáo: {root.name}", merge_to=(1, width))
    put(2, 1, f"Ban hành theo {CIRCULAR}")
    put(2, width - 1, f"Đơn vị nhận báo cáo: {RECEIVER}", merge_to=(2, width))
    put(3, 1, f"Ngày nhận báo cáo: {DUE}")
    put(5, 1, form.title, font=Font(bold=True, size=13), merge_to=(5, width), align=CENTRED)
    put(6, 1, f"Năm {year}", font=Font(italic=True), merge_to=(6, width), align=CENTRED)
    if form.measure:
        put(7, 1, form.measure, font=Font(italic=True), merge_to=(7, width), align=Alignment(horizontal="right"))
    top, grouped = 8, any(column.group for column in form.columns)
    bottom = top + 1 if grouped else top
    for index, label in enumerate(fixed, start=1):
        put(top, index, label, font=bold, merge_to=(bottom, index), align=CENTRED, box=True)
    start = len(fixed) + 1
    for offset, column in enumerate(form.columns):
        index = start + offset
        if not column.group:
            put(top, index, column.label, font=bold, merge_to=(bottom, index), align=CENTRED, box=True)
            continue
        if offset == 0 or form.columns[offset - 1].group != column.group:
            span = sum(1 for other in form.columns if other.group == column.group)
            put(top, index, column.group, font=bold, merge_to=(top, index + span - 1), align=CENTRED, box=True)
        put(bottom, index, column.label, font=bold, align=CENTRED, box=True)
    numbers = ["A", "B"] + (["C"] if form.unit_column else []) + [column.number for column in form.columns]
    line = bottom + 1
    for index, value in enumerate(numbers, start=1):
        put(line, index, value, font=bold, align=CENTRED, box=True)
    for row, values in filled.table():
        line += 1
        put(line, 1, row.label, font=bold if row.is_heading or row.code == "01" else None, box=True)
        put(line, 2, row.code, align=CENTRED, box=True)
        if form.unit_column:
            put(line, 3, row.unit, align=CENTRED, box=True)
        for offset in range(len(form.columns)):
            value = values[offset] if values else None
            put(line, start + offset, value if value is not None else "", align=CENTRED, box=True)
    line += 2
    put(line, 1, "Ghi chú:", font=Font(bold=True, italic=True))
    for note in [*filled.notes, LAYOUT_SOURCE]:
        line += 1
        put(line, 1, f"- {note}")
    sheet.column_dimensions["A"].width = 60
    for index in range(2, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 16
    for row in (top, bottom):
        sheet.row_dimensions[row].height = 60


def statistics_workbook(*, root, year, forms, sections=()):
    """The filled forms in their official column layout, one sheet each, and the forms left out with why; then a
    sheet for each table later apps add (`honours.signals`)."""
    workbook = new_workbook("Các biểu không lập được")
    for filled in forms:
        _write_form(workbook, filled, root=root, year=year)
    for section in sections:
        _write_section(workbook, section, root=root, year=year)
    notes = workbook.worksheets[0]
    set_cell(notes.cell(row=1, column=1), f"Các biểu theo {CIRCULAR} mà phần mềm không lập được").font = Font(bold=True)
    for index, (code, title, reason) in enumerate(NOT_FILLED, start=3):
        set_cell(notes.cell(row=index, column=1), code)
        set_cell(notes.cell(row=index, column=2), title)
        set_cell(notes.cell(row=index, column=3), str(reason))
    notes.column_dimensions["A"].width = 20
    notes.column_dimensions["B"].width = 50
    notes.column_dimensions["C"].width = 100
    workbook.move_sheet(notes, offset=len(forms) + len(sections))
    return workbook_bytes(workbook)


def _write_section(workbook, section, *, root, year):
    sheet = workbook.create_sheet(str(section.title)[:31])
    set_cell(sheet.cell(row=1, column=1), f"{section.title} năm {year} – {root.name}").font = Font(bold=True)
    for column, label in enumerate(section.header, start=1):
        set_cell(sheet.cell(row=3, column=column), str(label)).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = 45 if column == 1 else 20
    for row, values in enumerate(section.rows, start=4):
        for column, value in enumerate(values, start=1):
            set_cell(sheet.cell(row=row, column=column), value)
    for offset, note in enumerate(section.notes, start=len(section.rows) + 5):
        set_cell(sheet.cell(row=offset, column=1), str(note))
