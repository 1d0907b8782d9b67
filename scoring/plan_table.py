"""A scoring table read from a plan's text: numbered lines with their points, proposed as a draft for the office.

Plans often carry their scoring table (thang điểm, bảng chấm điểm) as a
numbered list: parts "I.", "A." or "Điểm cộng (tối đa 10 điểm)", criteria
"1.", "1.1", sub-criteria "a)" or "-", each with its points ("10 điểm",
"tối đa 05 điểm", a last column "20"). The tree follows the numbering: a
style seen before closes the lines opened after it. Nothing is guessed: a
line of the table without points is reported, not proposed (its lines then
belong to the line above it), and classification bands ("Hoàn thành xuất
sắc: từ 95 điểm trở lên") are listed for the office to enter.

The text is cut into lines by `campaigns.plan_reader`, the reader of the plan
itself; a table in a Word file arrives one cell per line, so a line holding
only a number, or only points, completes the line before it.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from campaigns.plan_reader import loose
from campaigns.plan_reader.lines import prepare_text
from scoring.models import Criterion

# A table has at least this many lines with points; one line with points is a sentence, not a table.
MIN_ROWS = 2

NUMBER = r"(\d{1,4}(?:[.,]\d{1,2})?)"
# "10 điểm", "10đ", "0,5 điểm/lần" (matched on `loose` text: no accents, đ as d); not "05 điểm cầu" (venues).
POINTS = re.compile(NUMBER + r"\s*(?:diem|d)\b(?!\s*(?:cau|truong|ban|du lich))")
CAP = re.compile(r"(?:toi da|max(?:imum)?)\s*(?:la\s*)?[:(]?\s*[+\-–]?\s*" + NUMBER)
# A last column of a table row, or a cell on its own line: "…   20", "20", "+5", "-2 điểm".
LAST_COLUMN = re.compile(r"\s{2,}[+\-–]?\s*" + NUMBER + r"\s*(?:diem|d)?\s*$")
LAST_COLUMN_RAW = re.compile(r"\s{2,}[+\-–]?\s*\d{1,4}(?:[.,]\d{1,2})?\s*(?:điểm|đ)?\s*$")
ONLY_POINTS = re.compile(r"^\(?[+\-–]?\s*" + NUMBER + r"\s*(?:diem|d)?\)?$")

ROMAN = re.compile(r"^(?=[IVX])(X{0,2}(?:IX|IV|V?I{0,3}))$")
LABEL = re.compile(
    # "1.", "1)", "1.1", "1.1." — not a bare "50", which starts a wrapped line ("50 hồ sơ, tối đa 20 điểm").
    r"^(?:(?P<number>\d{1,2}(?:\.\d{1,2})+|\d{1,2}(?=[\.\)/]))(?:\.?\)|\.|/)?(?=\s|$)"
    r"|(?P<upper>[A-Z]{1,4})[\.\)/](?=\s|$)"
    r"|(?P<lower>[a-zđ])\)(?=\s|$)"
    r"|(?P<bullet>[-–•+*])(?=\s))\s*"
)
BONUS_WORDS = ("diem cong", "diem thuong", "cong diem", "thuong diem")
DEDUCTION_WORDS = ("diem tru", "tru diem")
HEADER_CELLS = {"stt", "tt", "noi dung", "tieu chi", "diem", "diem chuan", "diem toi da", "thang diem", "ghi chu"}
TOTAL = re.compile(r"^(?:tong cong|tong diem|tong so diem|cong)\b")
BAND_WORDS = re.compile(r"hoan thanh|xuat sac|\btot\b|\bkha\b|trung binh|\byeu\b|\bkem\b|xep loai|\bloai\b")
BAND_BOUND = re.compile(r"\btu\s+" + NUMBER + r"\s*(?:diem|d\b|den|tro len)|\bduoi\s+" + NUMBER + r"\s*(?:diem|d\b)")
END = re.compile(r"to chuc thuc hien|xep loai|kinh phi thuc hien")


@dataclass
class TableRow:
    line: int
    label: str
    text: str
    points: Decimal | None = None
    kind: str = Criterion.Kind.REGULAR
    parent: "TableRow | None" = None
    style: tuple = ()


@dataclass
class TableDraft:
    """What the plan's text gives: rows as `criteria_import` takes them, lines without points, bands as text."""

    rows: list = field(default_factory=list)
    unscored: list = field(default_factory=list)  # (line number, text)
    bands: list = field(default_factory=list)  # {"line", "text", "name", "min_total"}; name None when not simple


def _number(text):
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return value if 0 < value < 10000 else None


def _points(text):
    """The most the line gives: its stated cap ("tối đa 05 điểm"), else the largest points it names, else its last
    column; None when it names none."""
    folded = loose(text)
    cap = CAP.search(folded)
    if cap:
        return _number(cap.group(1))
    named = [value for match in POINTS.finditer(folded) if (value := _number(match.group(1)))]
    if named:
        return max(named)
    column = LAST_COLUMN.search(text)
    return _number(column.group(1)) if column else None


def _kind_of(text):
    folded = loose(text)
    if any(word in folded for word in BONUS_WORDS):
        return Criterion.Kind.BONUS
    if any(word in folded for word in DEDUCTION_WORDS):
        return Criterion.Kind.DEDUCTION
    return Criterion.Kind.REGULAR


def _label(text):
    """(label, style, rest) of a numbered line, or None."""
    match = LABEL.match(text)
    if not match:
        return None
    rest = text[match.end() :].strip()
    if match.group("number"):
        label = match.group("number")
        return label, ("number", label.count(".")), rest
    if match.group("upper"):
        label = match.group("upper")
        return label, ("roman",) if ROMAN.match(label) else ("upper",), rest
    if match.group("lower"):
        return f"{match.group('lower')})", ("lower",), rest
    return match.group("bullet"), ("bullet",), rest


def _band(number, text):
    """A band line as {"name", "min_total"} when it is simple (a name and "từ X điểm" or "dưới X điểm"), else with
    name None; None when the line is not a band."""
    folded = loose(text)
    if not (BAND_WORDS.search(folded) and BAND_BOUND.search(folded)):
        return None
    name, min_total = None, None
    head, _colon, tail = text.partition(":")
    for name_part, bound_part in ((head, tail), (tail, head)):
        bound = BAND_BOUND.search(loose(bound_part))
        candidate = re.sub(r"^[\s\-–•+*]*(?:\d{1,2}[\.\)]|[a-zđ]\))?\s*", "", name_part).strip(" .;")
        if bound and candidate and not POINTS.search(loose(candidate)) and len(candidate) <= 120:
            name = candidate[0].upper() + candidate[1:]
            min_total = _number(bound.group(1)) if bound.group(1) else Decimal("0")
            break
    return {"line": number, "text": text, "name": name, "min_total": min_total}


def _lines(text):
    """(line number, text) of each non-empty line, as the plan reader normalises them, with a Word table's cells
    joined into their row: a numbering cell to the text after it, a points cell to the text before it."""
    joined = []
    for number, line in enumerate(prepare_text(text).splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        previous = joined[-1] if joined else None
        cell = ONLY_POINTS.match(loose(line))
        if cell and previous and not previous[2] and _points(previous[1]) is None:
            joined[-1] = (previous[0], f"{previous[1]}   {line}", False)
        elif previous and previous[2]:
            joined[-1] = (previous[0], f"{previous[1]} {line}", False)
        elif ROMAN.match(line) or re.fullmatch(r"\d{1,2}(?:\.\d{1,2})*\.?", line):
            joined.append((number, f"{line.rstrip('.')}.", True))  # a Word table's "I" or "1" cell, as a list writes it
        elif cell and not LABEL.match(line):
            continue  # a number alone, not after a line it could score
        else:
            labelled = _label(line)
            joined.append((number, line, bool(labelled and not labelled[2])))
    return [(number, line) for number, line, _open in joined]


def read_scoring_table(text):
    """The scoring table a plan's text holds, as a TableDraft (empty rows when it holds none)."""
    draft = TableDraft()
    candidates, in_table, waiting = [], False, None
    stack = []  # the open rows, outermost first
    for number, line in _lines(text):
        folded = loose(line).strip()
        parts = [part.strip() for part in line.split(";") if part.strip()]
        bands = [band for part in parts if (band := _band(number, part))]
        if bands:
            draft.bands.extend(bands)
            continue
        if folded in HEADER_CELLS or TOTAL.match(folded):
            continue
        labelled = _label(line)
        points = _points(line)
        kind_words = _kind_of(line) != Criterion.Kind.REGULAR
        if labelled is None and waiting is not None and points is not None and not in_table:
            # The table's first row, wrapped: its points are on the line after its number.
            number, (label, style, rest) = waiting
            labelled, kind_words = (
                (label, style, f"{rest} {line}"),
                _kind_of(f"{rest} {line}") != Criterion.Kind.REGULAR,
            )
        waiting = None
        if labelled is None:
            if points is not None and kind_words:
                # "Điểm cộng (tối đa 10 điểm)": a part of its own, at the table's top level.
                labelled = ("", stack[0].style if stack else ("part",), line)
            elif in_table and candidates and candidates[-1] is stack[-1] and not _ends_sentence(candidates[-1].text):
                candidates[-1].text = f"{candidates[-1].text} {line}"  # a wrapped line of the row above
                candidates[-1].points = _points(candidates[-1].text)
                continue
            else:
                if in_table and (line.isupper() or END.search(folded)):
                    in_table = False
                continue
        label, style, rest = labelled
        if not in_table:
            if points is None:
                waiting = None if _ends_sentence(rest) else (number, labelled)
                continue
            in_table, stack = True, []
        elif points is None and not kind_words and (style == ("roman",) or END.search(loose(rest))):
            in_table = False  # the next section of the plan
            continue
        while stack and style in [row.style for row in stack]:
            stack.pop()
        row = TableRow(line=number, label=label, text=_without_column(rest), points=points, style=style)
        row.parent = stack[-1] if stack else None
        stack.append(row)
        candidates.append(row)
    return _settle(draft, candidates)


def _without_column(text):
    """A row's text without its last column of points (which the preview shows as the maximum)."""
    return LAST_COLUMN_RAW.sub("", text).strip() if LAST_COLUMN_RAW.search(text) else text


def _ends_sentence(text):
    return text.rstrip().endswith((".", ";", ":", ")"))


def _settle(draft, candidates):
    """Rows with points become the proposal, in order, each under its nearest ancestor with points."""
    scored = [row for row in candidates if row.points is not None]
    if len(scored) < MIN_ROWS:
        return draft
    draft.unscored = [(row.line, f"{row.label} {row.text}".strip()) for row in candidates if row.points is None]
    depth = {}
    for row in candidates:
        parent = row.parent
        while parent is not None and parent.points is None:
            parent = parent.parent
        row.parent = parent
        if row.points is None:
            continue
        depth[id(row)] = depth[id(parent)] + 1 if parent is not None else 1
        own = _kind_of(row.text)
        # A line takes the kind of the part it belongs to, as the table's import requires.
        row.kind = parent.kind if parent is not None and parent.kind != Criterion.Kind.REGULAR else own
        draft.rows.append(
            {
                "group": "",
                "label": row.label[:16] if row.label not in "-–•+*" else "",
                "text": " ".join(row.text.split()) or row.label,
                "max_points": row.points.quantize(Decimal("0.01")),
                "kind": row.kind,
                "level": depth[id(row)],
            }
        )
    return draft
