"""scoring's own sheets after the criteria: the rounding, the bands with their conditions, the listed events with
what they do to a band, and the tie cascade. Each line is checked by the form the office types it in and by the
service's rules on the whole (a band out of reach, a rule after the vote), never by rules of its own."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from core.text import fold
from scoring import classification, selectors, ties
from scoring.classification_forms import BandForm, EventKindForm
from scoring.models import Band, EventKind, TieRule
from scoring.policy_forms import RoundingForm
from scoring.services.classification import check_tie_rule, require_reachable

from .criteria import SHEET as CRITERIA_SHEET
from .part import YES, TablePart, choice, form_number, refuse_form, text, yes

ROUNDING_LABELS = {
    "half_up": "Làm tròn đến số gần nhất (từ 0,5 làm tròn lên)",
    "down": "Làm tròn xuống",
    "up": "Làm tròn lên",
}
ROUNDING_COLUMNS = [("points_places", "Số chữ số thập phân"), ("points_rounding", "Cách làm tròn")]


def _rounding_rows(campaign):
    policy = selectors.policy_for(campaign=campaign)
    return [[policy.points_places, ROUNDING_LABELS[policy.points_rounding]]]


def _rounding_check(line, cells, table):
    line.once(table.memory("rounding"), "rounding", _("the rounding is given on line %(line)s already"))
    mode = cells["points_rounding"]
    mode = choice(ROUNDING_LABELS, mode, line, ROUNDING_COLUMNS[1][1]) if text(mode) else "half_up"
    places = form_number(cells["points_places"]) or "2"
    form = RoundingForm(data={"points_places": places, "points_rounding": mode or ""})
    if not form.is_valid():
        refuse_form(line, form, ROUNDING_COLUMNS)
        return {}
    return form.cleaned_data


ROUNDING = TablePart(
    key="rounding",
    sheet="Làm tròn",
    columns=ROUNDING_COLUMNS,
    guide=(
        "Trang “Làm tròn”: một dòng, số chữ số thập phân của điểm tính từ số liệu (0, 1 hoặc 2) và cách làm tròn: "
        + ", ".join(ROUNDING_LABELS.values())
        + ". Để trống là 2 chữ số, làm tròn đến số gần nhất.",
    ),
    rows=_rounding_rows,
    check=_rounding_check,
    shown=lambda row: [row["points_places"], ROUNDING_LABELS[row["points_rounding"]]],
)

BAND_COLUMNS = [
    ("name", "Xếp loại"),
    ("min_total", "Từ tổng điểm"),
    ("no_criterion_at_zero", "Không tiêu chí nào 0 điểm"),
    ("no_part_under_half", "Không phần nào dưới nửa điểm tối đa"),
]
CONDITIONS = ("no_criterion_at_zero", "no_part_under_half")


def _band_rows(campaign):
    return [
        [band.name, float(band.min_total)] + [YES if getattr(band, name) else "" for name in CONDITIONS]
        for band in classification.bands_for(campaign=campaign)
    ]


def _band_check(line, cells, table):
    headings = dict(BAND_COLUMNS)
    conditions = {name: yes(cells[name], line, headings[name]) for name in CONDITIONS}
    data = {"name": text(cells["name"], 1000), "min_total": form_number(cells["min_total"]), "place": ""}
    form = BandForm(data={**data, **conditions}, campaign=table.campaign)
    if not form.is_valid():
        refuse_form(line, form, BAND_COLUMNS)
        return {}
    band = form.instance
    line.once(table.memory("bands"), fold(band.name), _("this band is on line %(line)s already"))
    try:
        require_reachable([*table.bands, band])
    except ValidationError as error:
        line.refuse(" ".join(error.messages))
    if not line.problems:
        table.bands.append(band)
    return {"name": band.name, "min_total": str(band.min_total), **conditions}


BANDS = TablePart(
    key="bands",
    sheet="Xếp loại",
    columns=BAND_COLUMNS,
    guide=(
        "Trang “Xếp loại”: mỗi dòng một mức xếp loại, mức cao nhất trước; “Từ tổng điểm” là tổng điểm tối thiểu; "
        "hai cột điều kiện ghi “Có” hoặc để trống. Mức sau phải cần ít điểm hơn hoặc thêm điều kiện, nếu không "
        "sẽ không bao giờ đạt được.",
    ),
    rows=_band_rows,
    check=_band_check,
    shown=lambda row: [row["name"], floatformat(row["min_total"], "-2")]
    + [YES if row[name] else "" for name in CONDITIONS],
)

EFFECT_LABELS = {
    EventKind.Effect.SETS: "Xếp loại cố định, bất kể số điểm",
    EventKind.Effect.CAPS: "Giới hạn xếp loại: tối đa",
}
EVENT_COLUMNS = [("name", "Sự kiện"), ("effect", "Tác động"), ("band", "Xếp loại")]


def _event_rows(campaign):
    return [
        [kind.name, EFFECT_LABELS[kind.effect], kind.band.name]
        for kind in EventKind.objects.filter(campaign=campaign).select_related("band")
    ]


def _band_names(table):
    """The bands an event may lead to: the file's when it has the bands sheet, else the campaign's."""
    if "bands" in table.present:
        return [band.name for band in table.bands]
    if "campaign bands" not in table.seen:
        table.seen["campaign bands"] = list(Band.objects.filter(campaign=table.campaign).values_list("name", flat=True))
    return table.seen["campaign bands"]


def _event_check(line, cells, table):
    effect = choice(EFFECT_LABELS, cells["effect"], line, EVENT_COLUMNS[1][1])
    names = _band_names(table)
    band = next((name for name in names if fold(name) == fold(text(cells["band"]))), None)
    if band is None:
        line.refuse(
            _("the band “%(band)s” is not one of the bands (%(bands)s)")
            % {"band": text(cells["band"]), "bands": ", ".join(names) or "—"}
        )
    form = EventKindForm(data={"name": text(cells["name"], 1000), "effect": effect or ""}, campaign=table.campaign)
    # The band is named by the file, whose bands are not saved yet.
    del form.fields["band"]
    if not form.is_valid():
        refuse_form(line, form, EVENT_COLUMNS)
        return {}
    line.once(table.memory("events"), fold(form.instance.name), _("this event is on line %(line)s already"))
    return {"name": form.instance.name, "effect": effect, "band": band}


EVENTS = TablePart(
    key="events",
    sheet="Sự kiện",
    columns=EVENT_COLUMNS,
    guide=(
        "Trang “Sự kiện”: mỗi dòng một sự kiện (cán bộ bị kỷ luật, vụ việc tham nhũng, không tự chấm…); Tác động: "
        + " hoặc ".join(f"“{label}”" for label in EFFECT_LABELS.values())
        + "; Xếp loại: tên một mức của trang “Xếp loại”.",
    ),
    rows=_event_rows,
    check=_event_check,
    shown=lambda row: [row["name"], EFFECT_LABELS[row["effect"]], row["band"]],
)

TIE_LABELS = {
    TieRule.Kind.CRITERION: "Nhiều điểm hơn ở một tiêu chí",
    TieRule.Kind.FIRST_GROUP: "Nhiều điểm hơn ở nhóm tiêu chí thứ nhất",
    TieRule.Kind.MORE_OF_FIGURE: "Số liệu báo cáo cao hơn",
    TieRule.Kind.FEWER_OF_FIGURE: "Số liệu báo cáo thấp hơn",
    TieRule.Kind.FEWER_DEDUCTIONS: "Ít điểm trừ hơn",
    TieRule.Kind.WOMEN: "Tập thể có từ 70% nữ trở lên (Nghị định 152/2025, khoản 6 Điều 4)",
    TieRule.Kind.VOTE: "Bình bầu của các thành viên",
}
TIE_COLUMNS = [("kind", "Quy tắc"), ("criterion", "Tiêu chí")]
NAMES_A_LINE = (TieRule.Kind.CRITERION, *TieRule.FIGURE_KINDS)


def _tie_rows(campaign):
    return [
        [TIE_LABELS[rule.kind], str(rule.criterion) if rule.criterion_id else ""]
        for rule in ties.tie_rules_for(campaign=campaign)
    ]


def _find_line(criteria, value):
    """The index of the criteria sheet's line a cell names: by number and text ("2.1 Tỷ lệ…"), else by a number or
    a text only one line has; None when none or several."""
    wanted = fold(text(value))
    for key in (str, lambda line: line.label, lambda line: line.text):
        found = [index for index, line in enumerate(criteria) if fold(text(key(line))) == wanted]
        if len(found) == 1:
            return found[0]
    return None


def _tie_check(line, cells, table):
    kind = choice(TIE_LABELS, cells["kind"], line, TIE_COLUMNS[0][1])
    index = None
    if kind in NAMES_A_LINE and text(cells["criterion"]):
        index = _find_line(table.criteria, cells["criterion"])
        if index is None:
            line.refuse(
                _("the criterion “%(criterion)s” is not one line of the sheet “%(sheet)s”")
                % {"criterion": text(cells["criterion"]), "sheet": CRITERIA_SHEET}
            )
    if line.problems:
        return {}
    # The file's lines are not saved yet: the rule names them by their place in the file, from 1.
    key = None if index is None else index + 1
    rule = TieRule(kind=kind, criterion_id=key if kind == TieRule.Kind.CRITERION else None)
    rule.figure = str(key) if kind in TieRule.FIGURE_KINDS and key else ""
    try:
        check_tie_rule(rule, [*table.ties, rule], lines=dict(enumerate(table.criteria, start=1)))
    except ValidationError as error:
        line.refuse(" ".join(error.messages))
        return {}
    table.ties.append(rule)
    return {"kind": kind, "criterion": index, "name": "" if index is None else str(table.criteria[index])}


TIES = TablePart(
    key="ties",
    sheet="Bằng điểm",
    columns=TIE_COLUMNS,
    guide=(
        "Trang “Bằng điểm”: các quy tắc xét khi bằng điểm, theo thứ tự áp dụng, mỗi dòng một quy tắc: "
        + "; ".join(TIE_LABELS.values())
        + ". Quy tắc theo tiêu chí hoặc số liệu ghi ở cột Tiêu chí số thứ tự và tên tiêu chí như ở trang "
        "“Thang điểm”; bình bầu luôn ở cuối.",
    ),
    rows=_tie_rows,
    check=_tie_check,
    shown=lambda row: [TIE_LABELS[row["kind"]], row["name"]],
)

OWN = (ROUNDING, BANDS, EVENTS, TIES)
