"""The campaign's award quotas on their own sheet of the scoring table's workbook (scoring.table_excel): written with
the table, each line checked as the quota form and its service check it, and saved when the table is imported."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from awards import services
from awards.limits_forms import QuotaForm
from awards.models import AwardQuota
from campaigns.models import Title
from core.text import fold
from scoring.table_excel.part import TablePart, choice, form_number, number_text, refuse_form, text

BASE_LABELS = {
    AwardQuota.Base.COLLECTIVES: "Số tập thể tham gia",
    AwardQuota.Base.PEOPLE: "Số cá nhân tham gia",
    AwardQuota.Base.BLOC_FIRST: "Chỉ đơn vị dẫn đầu mỗi khối",
}
ROUNDING_LABELS = {
    AwardQuota.Rounding.DOWN: "Làm tròn xuống",
    AwardQuota.Rounding.UP: "Làm tròn lên",
    AwardQuota.Rounding.HALF_UP: "Làm tròn đến số gần nhất (từ 0,5 làm tròn lên)",
}
COLUMNS = [
    ("title", "Danh hiệu"),
    ("code", "Mã danh hiệu"),
    ("base", "Tính trên"),
    ("percent", "Tối đa (%)"),
    ("rounding", "Làm tròn"),
]


def _rows(campaign):
    return [
        [
            quota.title.name,
            quota.title.code,
            BASE_LABELS[quota.base],
            None if quota.percent is None else float(quota.percent),
            ROUNDING_LABELS[quota.rounding],
        ]
        for quota in AwardQuota.objects.filter(campaign=campaign).select_related("title")
    ]


def _title(cells, table):
    """The active title the line names, by its code, else by a name only one active title has."""
    titles = table.seen.setdefault("titles", list(Title.objects.filter(is_active=True)))
    code, name = fold(text(cells["code"])), fold(text(cells["title"]))
    found = [title for title in titles if fold(title.code) == code] if code else []
    found = found or [title for title in titles if fold(title.name) == name]
    return found[0] if len(found) == 1 else None


def _check(line, cells, table):
    headings = dict(COLUMNS)
    title = _title(cells, table)
    if title is None:
        line.refuse(
            _("%(column)s: “%(title)s” is not one title in use; write its code as the list of titles gives it")
            % {"column": headings["title"], "title": text(cells["title"]) or text(cells["code"])}
        )
    base = choice(BASE_LABELS, cells["base"], line, headings["base"])
    rounding = (
        choice(ROUNDING_LABELS, cells["rounding"], line, headings["rounding"]) if text(cells["rounding"]) else "down"
    )
    if line.problems:
        return {}
    form = QuotaForm(
        data={"title": title.pk, "base": base, "percent": form_number(cells["percent"]), "rounding": rounding},
        campaign=table.campaign,
    )
    if not form.is_valid():
        refuse_form(line, form, COLUMNS)
        return {}
    try:
        services.check_quota(form.instance)
    except ValidationError as error:
        line.refuse(" ".join(error.messages))
        return {}
    line.once(
        table.memory("quotas"), (title.pk, base), _("this title has a quota on this base on line %(line)s already")
    )
    quota = form.instance
    return {
        "title": title.code,
        "name": title.name,
        "base": base,
        "percent": number_text(quota.percent),
        "rounding": rounding,
    }


def _shown(row):
    percent = "" if row["percent"] is None else floatformat(row["percent"], "-2")
    return [row["name"], row["title"], BASE_LABELS[row["base"]], percent, ROUNDING_LABELS[row["rounding"]]]


def _apply(*, user, campaign, rows):
    titles = {title.code: title for title in Title.objects.filter(code__in=[row["title"] for row in rows])}
    return services.quotas_replace(
        campaign=campaign,
        quotas=[
            AwardQuota(
                title=titles[row["title"]],
                base=row["base"],
                percent=None if row["percent"] is None else Decimal(row["percent"]),
                rounding=row["rounding"],
            )
            for row in rows
        ],
    )


QUOTAS = TablePart(
    key="quotas",
    sheet="Tỷ lệ khen thưởng",
    columns=COLUMNS,
    guide=(
        "Trang “Tỷ lệ khen thưởng”: mỗi dòng một giới hạn của đợt, ví dụ Bằng khen tối đa 10 % số tập thể tham gia. "
        "Danh hiệu: tên và mã như danh mục danh hiệu; Tính trên: "
        + ", ".join(BASE_LABELS.values())
        + "; Tối đa (%): lớn hơn 0 và không quá 100 (để trống khi chỉ đơn vị dẫn đầu khối); Làm tròn: "
        + ", ".join(ROUNDING_LABELS.values())
        + " (để trống là làm tròn xuống).",
    ),
    rows=_rows,
    check=_check,
    shown=_shown,
    apply=_apply,
)
