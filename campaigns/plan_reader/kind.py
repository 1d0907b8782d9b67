"""What a document is, read before what it says: a plan (kế hoạch), an official letter (công văn), a guidance
(hướng dẫn) or a report (báo cáo); and the years a plan covers when it is not a single year's."""

import re

from django.utils.translation import gettext as _

from .lines import Found, cites_another, loose

KIND_NAMES = {
    "ke_hoach": "kế hoạch",
    "cong_van": "công văn",
    "huong_dan": "hướng dẫn",
    "bao_cao": "báo cáo",
}
# The document-type line of the header (Decree 30/2020), as words.
TYPE_LINES = {("ke", "hoach"): "ke_hoach", ("huong", "dan"): "huong_dan", ("bao", "cao"): "bao_cao"}
# The type's code in the number's symbol ("Số: 12/KH-UBND"); a letter's symbol names only its issuer.
SYMBOLS = {"KH": "ke_hoach", "HD": "huong_dan", "BC": "bao_cao", "CV": "cong_van"}
# "UBND tỉnh ban hành Kế hoạch …" in a news page or a launch letter.
ISSUES = re.compile(r"\b(?:ban hanh|phat hanh|co)\s+(ke hoach|huong dan|cong van|bao cao)\b")


def read_kind(draft, raw):
    """The document's kind: its type line, else its number's symbol or its "V/v" subject, else the sentence that
    issues it; None when nothing says."""
    for line in raw[:80]:
        words = tuple(loose(line.text).split())
        if 2 <= len(words) <= 3 and line.text.strip()[:2].isupper() and words[:2] in TYPE_LINES:
            draft.kind = Found(TYPE_LINES[words[:2]], line)
            return
    if draft.number:
        symbol = re.match(r"\s*\d+[a-z]?/(?:\d{4}/)?([A-ZĐ]+)", draft.number.value)
        if symbol and symbol.group(1) in SYMBOLS:
            draft.kind = Found(SYMBOLS[symbol.group(1)], draft.number.line)
            return
    for line in raw[:60]:
        if re.search(r"\bV/v\b", line.text):
            draft.kind = Found("cong_van", line)
            return
    for line in issuing(raw):
        draft.kind = Found(ISSUES.search(loose(line.text)).group(1).replace(" ", "_"), line)
        return


def issuing(lines):
    """The opening sentences that issue a document ("UBND tỉnh ban hành Kế hoạch …"), not those citing one."""
    return [line for line in lines[:40] if not cites_another(line.text) and ISSUES.search(loose(line.text))]


# Two years joined by a dash, neither part of a date ("giai đoạn 2021 - 2025", "5 năm (2021-2025)"),
# and a count of months past a year ("tổng kết 20 tháng").
SPAN = re.compile(r"(?<![/\d])((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?![/\d])")
MONTHS = re.compile(r"\b(\d{2,3})\s+thang\b")


def read_period(text):
    """(first year, last year) when the text names several years as its own span, (None, months) for a count
    of months longer than a year, else None. A text that also names one year ("năm 2021 và giai đoạn 2021 -
    2025") is that year's; a school year ("năm học 2017-2018") is one campaign year; the term of the body
    whose election it celebrates ("nhiệm kỳ 2021 - 2026") is not the plan's."""
    folded = re.sub(r"ng\w{1,2}y\s+\d+\s+th\w+\s+\d+\s+n\w{1,2}m\s+\d{4}", "", loose(text))  # cited dates
    if re.search(r"\bnam\s+(?:19|20)\d{2}\b", folded):
        return None
    for match in SPAN.finditer(folded):
        first, last = int(match.group(1)), int(match.group(2))
        if last > first and not re.search(r"(?:nam\s+hoc|nhiem\s+ky|khoa)\s*$", folded[: match.start()]):
            return first, last
    for match in MONTHS.finditer(folded):
        if int(match.group(1)) > 12:
            return None, int(match.group(1))
    return None


def not_a_single_year(draft, period):
    """The note that replaces a guessed year."""
    first, last = period
    if first is None:
        return _("Not a single-year plan: it covers %(months)s months. Choose the campaign's year.") % {"months": last}
    return _("Not a single-year plan: it covers %(first)s–%(last)s. Choose the campaign's year.") % {
        "first": first,
        "last": last,
    }
