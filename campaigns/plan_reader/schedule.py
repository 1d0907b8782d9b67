"""Phases (đợt thi đua) and milestones (deadlines and meeting windows), taken only where the plan writes a date whole."""

import re
from datetime import timedelta

from .lines import DATE, ITEM, Found, cites_another, loose, month_span, similar, whole_date

ROMAN_VALUES = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}


PHASE = re.compile(
    r"(?:^|[\s\-–•+*;.])d\S{0,2}t\s*(?:thi dua\s*)?(?:thu\s*)?([0-9]{1,2}|[ivxl1]{1,4})\b\s*[:.\-–,]?\s*"
    r"(?:\(\s*)?(?:tu|bat dau tu)\s+(sau\s+)?(?:ngay\s+)?(thang\s+)?"
    r"(\d{1,2})\s*[/\.\-]\s*(\d{4}|\d{1,2})(?:\s*[/\.\-]\s*(\d{4}))?\s*"
    r"(?:den|toi|-|–)\s*(?:het\s+)?(?:ngay\s+)?(thang\s+)?(\d{1,2})\s*[/\.\-]\s*(\d{4}|\d{1,2})(?:\s*[/\.\-]\s*(\d{4}))?"
)


def _phase_number(token):
    token = token.upper()
    if token.isdigit():
        return int(token)
    # OCR reads the strokes of "II" as "I1" or "Il".
    return ROMAN_VALUES.get(token.replace("1", "I").replace("L", "I"))


def _phase_span(match):
    """Start and end of a phase, day dates or months, the start's year taken from the end where omitted."""
    after, start_month, a, b, a_year, end_month, c, d, d_year = match.group(2, 3, 4, 5, 6, 7, 8, 9, 10)
    if end_month:  # "từ tháng 01/2024 đến tháng 6/2024"
        if not (b and d and len(b) == 4 and len(d) == 4):
            return None
        first, last = month_span(a, b), month_span(c, d)
        return (first[0], last[1]) if first and last else None
    if start_month or not d_year or len(b) == 4 or len(d) == 4:
        return None
    ends = whole_date(c, d, d_year)
    year = a_year or (d_year if int(b) <= int(d) else None)
    starts = whole_date(a, b, year) if year else None
    if starts and after:
        starts += timedelta(days=1)  # "từ sau 30/10/2020"
    return (starts, ends) if starts and ends and starts <= ends else None


def read_phases(draft, lines):
    seen = set()
    for line in lines:
        if cites_another(line.text):
            continue
        folded = loose(line.text)
        for match in PHASE.finditer(folded):
            number = _phase_number(match.group(1))
            span = _phase_span(match)
            if number is None or span is None or (number, span) in seen:
                continue
            seen.add((number, span))
            description = line.text[match.end() :].strip(" :,.-–")
            draft.phases.append(
                Found(
                    {
                        "number": number,
                        "name": f"Đợt {number}",
                        "starts_on": span[0],
                        "ends_on": span[1],
                        "description": re.split(r"\s+[-–•]?\s*đợt\s*\w+\s*:", description, flags=re.IGNORECASE)[0],
                    },
                    line,
                )
            )


def _milestone_kind(text, context):
    """The kind of a dated step, from its own clause first, then from the item it stands under."""
    both = f"{context} {text}"
    if similar(text, "đăng ký") and not similar(text, "tổng kết"):
        return "registration"
    # The vote happens at the year-end meeting of the item "Bình bầu …", whatever the clause calls it.
    if (similar(both, "bình bầu") or similar(both, "chấm điểm")) and not similar(text, "báo cáo"):
        return "vote_meeting"
    for source in (text, both):
        if similar(source, "sơ kết"):
            return "midyear_report" if similar(text, "báo cáo") else "midyear_meeting"
        if similar(source, "tổng kết"):
            return "yearend_report"
    return "other"


def _actor(kind, context, section_names_vice_leader):
    if kind == "midyear_meeting" and (similar(context, "khối phó") or section_names_vice_leader()):
        return "vice_leader"
    if kind in ("vote_meeting", "midyear_meeting"):
        return "leader"
    return "members"


# "trước ngày", "chậm nhất (là) ngày", as typed and as OCR leaves them ("truoc ngay", "trudc ngay").
DUE = re.compile(r"\b(?:tr[a-z0-9']{1,4}c|cham nhat(?:\s+la)?|han chot)\s+ng[a-z]{1,2}y\s+" + DATE)


MONTH = re.compile(r"\b(?:trong|vao)\s+(?:thoi gian\s+)?th[a-z]{2,3}g\s+(\d{1,2})\s*(?:/|-|\.|\s+nam\s+)\s*(\d{4})")


DAY_AT_START = re.compile(r"^\s*ng[a-z]{1,2}y\s+" + DATE + r"\s+(?!,)")


# A step's clause runs from the sentence's start to its end, and no further than this past its date, so
# that a plan written as one long line is read in time proportional to its length.
CLAUSE_AFTER = 300


def _clause(text, match):
    """The clause of the line that holds this dated step: from the last ";" or "." before it to the next."""
    start = max(0, text.rfind(";", 0, match.start()) + 1, text.rfind(".", 0, match.start()) + 1)
    limit = min(len(text), match.end() + CLAUSE_AFTER)
    ends = [found for found in (text.find(";", match.end(), limit), text.find(". ", match.end(), limit)) if found >= 0]
    return text[start : min(ends, default=limit)]


def _once(compute):
    """`compute()` on the first call, its answer after."""
    answer = []

    def get():
        if not answer:
            answer.append(compute())
        return answer[0]

    return get


def read_milestones(draft, sections):
    for name, lines in sections.items():
        context = ""
        # Who holds a meeting is said anywhere in its section ("Khối phó … tổ chức sơ kết"): read once a section.
        section_names_vice_leader = _once(
            lambda lines=lines: similar(" ".join(other.text for other in lines)[:20000], "khối phó")
        )
        for line in lines:
            item = ITEM.match(line.text)
            if item:
                context = item.group(2)[:CLAUSE_AFTER]  # the item's heading, not a whole paragraph
            text = line.text
            if cites_another(text) or re.match(r"^\s*(?:[-–•+*]\s*)?d\S{0,2}t\s*\w{1,4}\s*[:.]", loose(text)):
                continue
            folded = loose(text)
            found = []
            for match in DUE.finditer(folded):
                when = whole_date(*match.group(1, 2, 3))
                if when:
                    found.append(({"due_on": when, "window_starts_on": None, "window_ends_on": None}, match))
            for match in MONTH.finditer(folded):
                span = month_span(*match.group(1, 2))
                if span:
                    found.append(({"due_on": None, "window_starts_on": span[0], "window_ends_on": span[1]}, match))
            day = DAY_AT_START.match(folded) if name != "preamble" else None
            if day and not found:
                when = whole_date(*day.group(1, 2, 3))
                if when:
                    found.append(({"due_on": when, "window_starts_on": None, "window_ends_on": None}, day))
            name_text = re.split(r"\s*[:.]\s*(?:Hoàn thành|trước ngày)", text, maxsplit=1)[0].strip(" -:")
            for value, match in found:
                clause = _clause(text, match)
                kind = _milestone_kind(clause, context)
                actor = _actor(kind, context, section_names_vice_leader)
                value.update(kind=kind, actor=actor, name=name_text[:255])
                draft.milestones.append(Found(value, line))
