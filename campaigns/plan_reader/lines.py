"""A plan's text as logical lines and sections, and the tolerant matching every reader uses (accents, case, OCR glyphs)."""

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache

from django.utils.translation import gettext as _

from core.text import fold

# Glyphs OCR puts for Vietnamese letters it cannot read.
OCR_LETTERS = {"¢": "o", "&": "e", "€": "e", "¥": "i", "™": '"', "”": '"', "“": '"', "Ð": "D", "ð": "d"}


def _loose_char(char):
    char = OCR_LETTERS.get(char, char)
    base = unicodedata.normalize("NFD", char.replace("đ", "d").replace("Đ", "D"))[:1] or " "
    return base.lower() if not unicodedata.combining(base) else " "


class _LooseTable(dict):
    """str.translate's table for `loose`, each character worked out once, then looked up."""

    def __missing__(self, code):
        self[code] = _loose_char(chr(code))
        return self[code]


_LOOSE = _LooseTable()


def loose(text):
    """Folded text for matching, one character per character of the input (so spans map back)."""
    return text.translate(_LOOSE)


def similar(text, phrase, threshold=0.78):
    """Whether the text holds something close to the phrase (tolerant of OCR misreads).

    Linear in the text: each window is compared only when the cheap upper
    bounds of its likeness (length, then letters in common) reach the threshold.
    """
    phrase = fold(phrase)
    folded, windows = _windows(text, len(phrase.split()))
    if phrase in folded:
        return True
    matcher = SequenceMatcher(None, "", phrase)  # the phrase's index is built once
    for window in windows:
        matcher.set_seq1(window)
        if (
            matcher.real_quick_ratio() >= threshold
            and matcher.quick_ratio() >= threshold
            and matcher.ratio() >= threshold
        ):
            return True
    return False


@lru_cache(maxsize=256)
def _windows(text, size):
    """The text folded, and its runs of `size` words: kept for the next phrase asked of the same clause."""
    words = fold(text.replace("¢", "o").replace("&", "e")).split()
    folded = " ".join(words)
    return folded, tuple(" ".join(words[start : start + size]) for start in range(max(1, len(words) - size + 1)))


def is_basis(text):
    """Whether a line opens with "Căn cứ", as typed or as OCR misreads it ("Cin cir")."""
    words = loose(text).split()[:2]
    return (
        len(words) == 2
        and len(words[0]) == 3
        and words[0][0] == "c"
        and words[0][2] == "n"
        and words[1][:1] == "c"
        and len(words[1]) <= 3
    )


def cites_another(text):
    """A sentence that cites the document this one implements ("Thực hiện Kế hoạch số … của UBND tỉnh")."""
    return is_basis(text) or re.match(r"\s*(thuc hien|theo(?! do)|trien khai thuc hien)\s", loose(text)) is not None


@dataclass
class Line:
    number: int  # 1-based line of the source text
    text: str


@dataclass
class Found:
    value: object
    line: Line | None = None


@dataclass
class PlanDraft:
    kind: Found = None  # "ke_hoach", "cong_van", "huong_dan" or "bao_cao" (plan_reader.kind)
    period: Found = None  # (first year, last year) of a plan for several years
    issuer: Found = None
    parent_body: Found = None
    number: Found = None
    place: Found = None
    issued_on: Found = None
    title: Found = None
    year: Found = None
    slogan: Found = None
    legal_basis: list = field(default_factory=list)
    purposes: Found = None
    content_items: list = field(default_factory=list)  # Found((label, text))
    targets: list = field(default_factory=list)  # Found(dict)
    phases: list = field(default_factory=list)  # Found(dict)
    milestones: list = field(default_factory=list)  # Found(dict)
    signer_title: Found = None
    signer_name: Found = None
    leader: Found = None
    vice_leader: Found = None
    notes: list = field(default_factory=list)

    def empty(self, label):
        self.notes.append(_("%(field)s: not found in the plan; fill it in if the plan gives it.") % {"field": label})


# A date written whole; OCR often puts spaces around the slashes.
DATE = r"(\d{1,2})\s*[/\.\-]\s*(\d{1,2})\s*[/\.\-]\s*(\d{4})"


ITEM = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)[\.\)/](?:\s+|(?=[^\W\d_]))(.*)$")


ROMAN = re.compile(r"^\s*([IVX1l]{1,4})(?:[\.\):/]\s*|\s+(?=[^\W\d_]{2}))(.+)$")


BULLET = re.compile(r"^\s*[-–•+*]\s+")


def heading_of(text):
    """A section heading "I. MỤC ĐÍCH" (or "I MỤC ĐÍCH" in capitals, as text extraction leaves it)."""
    match = ROMAN.match(text)
    if match and (re.match(r"^\s*[IVX1l]{1,4}[\.\):/]", text) or match.group(2)[:2].isupper()):
        return match
    return None


def whole_date(day, month, year):
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def month_span(month, year):
    month, year = int(month), int(year)
    if not 1 <= month <= 12:
        return None
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def prepare_text(text):
    """Normalised text: NFC, table cells as columns, no zero-width or non-breaking spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"[ \t]*\|[ \t]*", "   ", text)


def logical_lines(text):
    """Source lines joined into sentences: a wrapped line continues its item or paragraph.

    A line starts anew at a numbered item, a heading, a bullet, an "Đợt" or a
    "Căn cứ", after a heading or a line that ends a sentence, and after a
    blank line, unless the text has a blank line after nearly every line (as
    some exports do), where blank lines mean nothing.
    """
    lines = text.splitlines()
    numbered = [Line(index, line.strip().strip("*").strip()) for index, line in enumerate(lines, start=1)]
    blank_after = {line.number for line in numbered if not line.text}
    raw = [line for line in numbered if line.text]
    double_spaced = len(blank_after) >= 0.8 * len(raw)
    merged = []
    for line in raw:
        previous = merged[-1] if merged else None
        starts = (
            previous is None
            or ITEM.match(line.text)
            or heading_of(line.text)
            or BULLET.match(line.text)
            or re.match(r"(?:[-–•+*]\s*)?d\S{0,2}t\s*(?:\d|[ivxl1]{1,4}\b)", loose(line.text[:16]))
            or is_basis(line.text)
            or line.text.isupper()
            or previous.text.isupper()
            or previous.text.rstrip().endswith((".", ":", ";", "./."))
            or (not double_spaced and (line.number - 1) in blank_after)
        )
        if starts:
            merged.append(line)
        else:
            merged[-1] = Line(previous.number, f"{previous.text} {line.text}")
    return raw, merged


def _section_kind(heading):
    if similar(heading, "mục đích") or similar(heading, "yêu cầu"):
        return "purposes"
    if similar(heading, "chỉ tiêu"):
        return "targets"
    if similar(heading, "tổ chức thực hiện") or similar(heading, "giải pháp"):
        return "organisation"
    if similar(heading, "nội dung"):
        return "content"
    return "other"


def split_sections(lines):
    sections, current = {}, "preamble"
    for line in lines:
        match = heading_of(line.text)
        # "I11." is OCR's "III."; a heading has at least one real numeral letter.
        if match and any(c in "IVX" for c in match.group(1)) and len(match.group(2)) < 150:
            current = _section_kind(match.group(2))
            sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(line)
    return sections
