"""Reading a Kế hoạch (a campaign's plan) into a draft campaign, field by field, each with the line it came from.

Keywords are matched without regard to accents and case and with some
tolerance, so a plan whose text lost its diacritics in OCR (seed 001) still
reads: "Cin cir" is close enough to "căn cứ". Values are never guessed: a
date is taken only where the plan writes it whole, and a field the reader
cannot find stays empty with a note saying so.
"""

import calendar
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from io import BytesIO
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from thidua.text import fold

MAX_BYTES = 5 * 1024 * 1024
# Glyphs OCR puts for Vietnamese letters it cannot read.
OCR_LETTERS = {"¢": "o", "&": "e", "€": "e", "¥": "i", "™": '"', "”": '"', "“": '"'}


class PlanError(Exception):
    """The upload is not a plan this reader can read; the message says why."""


def read_text(*, data, name):
    """Text of a .txt, .docx or text-layer PDF upload."""
    if not data or not data.strip():
        raise PlanError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise PlanError(_("The file is larger than 5 MB; a plan is a few pages."))
    if data.startswith(b"%PDF-"):
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            text = "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)
        except (PdfReadError, ValueError, KeyError, OSError) as error:
            raise PlanError(_("The PDF cannot be read (%(error)s).") % {"error": error}) from None
        if len(text.strip()) < 50:
            raise PlanError(_("The PDF has no text layer (a scan?). Paste the plan's text instead."))
        return text
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as package:
                xml = package.read("word/document.xml")
        except (zipfile.BadZipFile, KeyError):
            raise PlanError(_("This is not a Word .docx file.")) from None
        namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        root = ElementTree.fromstring(xml)
        return "\n".join(
            "".join(node.text or "" for node in paragraph.iter(f"{namespace}t"))
            for paragraph in root.iter(f"{namespace}p")
        )
    encodings = ["utf-16"] if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ["utf-8-sig"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise PlanError(
        _("The text is not in UTF-8 (perhaps TCVN3 or VNI). Save it as Unicode UTF-8, or upload the .docx or PDF.")
    )


def loose(text):
    """Folded text for matching, one character per character of the input (so spans map back)."""
    out = []
    for char in text:
        char = OCR_LETTERS.get(char, char)
        base = unicodedata.normalize("NFD", char.replace("đ", "d").replace("Đ", "D"))[:1] or " "
        out.append(base.lower() if not unicodedata.combining(base) else " ")
    return "".join(out)


def similar(text, phrase, threshold=0.78):
    """Whether the loose text holds something close to the phrase (tolerant of OCR misreads)."""
    phrase = fold(phrase)
    words = fold(text.replace("¢", "o").replace("&", "e")).split()
    size = len(phrase.split())
    for start in range(max(1, len(words) - size + 1)):
        window = " ".join(words[start : start + size])
        if window == phrase or SequenceMatcher(None, window, phrase).ratio() >= threshold:
            return True
    return False


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
    notes: list = field(default_factory=list)

    def empty(self, label):
        self.notes.append(_("%(field)s: not found in the plan; fill it in if the plan gives it.") % {"field": label})


DATE = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
ITEM = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)[\.\)]\s+(.*)$")
ROMAN = re.compile(r"^\s*([IVX1l]{1,4})[\.\)]\s*(.+)$")
BULLET = re.compile(r"^\s*[-–•+]\s+")


def _date(day, month, year):
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _logical_lines(text):
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
            or ROMAN.match(line.text)
            or BULLET.match(line.text)
            or similar(line.text.split(":")[0][:12], "Đợt")
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


def _sections(lines):
    sections, current = {}, "preamble"
    for line in lines:
        match = ROMAN.match(line.text)
        # "I11." is OCR's "III."; a heading has at least one real numeral letter.
        if match and any(c in "IVX" for c in match.group(1)):
            current = _section_kind(match.group(2))
            sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(line)
    return sections


def _header(draft, raw):
    """Issuing body and its parent from the header's left column, number, place and date."""
    left = []
    for line in raw[:12]:
        if similar(line.text, "kế hoạch") and len(fold(line.text).split()) <= 3:
            break
        column = re.split(r"\s{2,}", line.text)[0].strip()
        if (
            column
            and column.isupper()
            and not similar(column, "cộng hòa")
            and not similar(column, "độc lập")
            and not column.startswith(("SỐ", "Số"))
        ):
            left.append((line, column))
    if left:
        draft.issuer = Found(left[-1][1], left[-1][0])
        if len(left) > 1:
            draft.parent_body = Found(left[0][1], left[0][0])
    for line in raw[:15]:
        number = re.search(r"S[ốoO6]\s*:\s*([\w\-]*\s*/\s*[A-ZĐ][\w\-\.Đ]*)", line.text)
        if number and not draft.number:
            draft.number = Found(re.sub(r"\s+", "", number.group(1)), line)
        dated = re.search(r"(\w+(?: \w+){0,4}),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})", line.text)
        if dated and not draft.place:
            draft.place = Found(dated.group(1), line)
            day, month, year = dated.group(2), dated.group(3), dated.group(4)
            if day and month:
                draft.issued_on = Found(_date(day, month, year), line)
            else:
                draft.notes.append(
                    _("The date of issue leaves the day or month blank (line %(line)s).") % {"line": line.number}
                )
            draft.year = draft.year or Found(int(year), line)


def _title(draft, raw):
    for index, line in enumerate(raw):
        if similar(line.text, "kế hoạch") and len(fold(line.text).split()) <= 3:
            parts = []
            for following in raw[index + 1 : index + 4]:
                if is_basis(following.text) or similar(following.text[:8], "Để thực") or ROMAN.match(following.text):
                    break
                parts.append(following)
            if parts:
                draft.title = Found(" ".join(part.text for part in parts), parts[0])
            return


def _issuer_from_body(draft, lines):
    """The body that "phát động phong trào" or "xây dựng kế hoạch", in a sentence that is not a legal basis."""
    pattern = re.compile(
        r"((?:so|ban|khoi|uy ban|ubnd|truong|benh vien|cuc|chi cuc|cong ty)\s[^,.;()\n]{2,80}?)\s*(?:\([^)]*\)\s*)?"
        r"(?:xay dung ke hoach|phat dong phong trao)"
    )
    for line in lines:
        offset = 0
        for sentence in re.split(r"(?<=\.)\s+", line.text):
            start = line.text.find(sentence, offset)
            offset = start + len(sentence)
            if is_basis(sentence):
                continue
            match = pattern.search(loose(sentence))
            if match:
                draft.issuer = Found(sentence[match.start(1) : match.end(1)].strip(), line)
                return


def _slogan(draft, lines):
    for line in lines:
        text = line.text
        for match in re.finditer(r"[“\"]([^”\"™]{5,200})[”\"™]", text):
            before = text[max(0, match.start() - 40) : match.start()]
            if any(similar(before, word) for word in ("chủ đề", "phương châm", "khẩu hiệu")):
                draft.slogan = Found(match.group(1).strip(), line)
                return


def _items(lines):
    """Numbered items of a section, the deepest level where an item has sub-items."""
    items = []
    for line in lines:
        match = ITEM.match(line.text)
        if match:
            items.append((match.group(1), match.group(2).strip(), line))
    labels = {label for label, _text, _line in items}
    return [
        (label, text, line) for label, text, line in items if not any(other.startswith(label + ".") for other in labels)
    ]


def _content(draft, sections):
    for label, text, line in _items(sections.get("content", [])):
        if similar(text[:40], "thời gian"):
            continue
        draft.content_items.append(Found((label, text), line))


def _target_parts(draft, sections, titles):
    for _label, text, line in _items(sections.get("targets", [])):
        for part in [p.strip(" .") for p in re.split(r";", text) if p.strip(" .")]:
            percent = re.search(r"(\d{1,3}(?:[,\.]\d+)?)\s*%", part)
            quoted = re.search(r"[“\"]([^”\"™]{3,80})", part)
            title = None
            if quoted:
                candidate = fold(quoted.group(1).replace("¥", "i").replace("&", "e"))
                scored = [(SequenceMatcher(None, candidate, fold(t.name)).ratio(), t) for t in titles]
                best = max(scored, key=lambda pair: pair[0], default=(0, None))
                title = best[1] if best[0] >= 0.8 else None
            comparison = "at_most" if any(similar(part, w) for w in ("không quá", "tối đa")) else "at_least"
            draft.targets.append(
                Found(
                    {
                        "text": part,
                        "percentage": percent.group(1).replace(",", ".") if percent else None,
                        "title": title,
                        "comparison": comparison,
                    },
                    line,
                )
            )


def _phases(draft, lines):
    for line in lines:
        match = re.match(
            r"^\s*[ĐD]\S{0,3}t\s*(\d+)\s*:\s*T\S{1,2}\s*(?:ngày\s*)?"
            + DATE
            + r"\s*đến\s*(?:ngày\s*)?"
            + DATE
            + r"\s*:?\s*(.*)$",
            line.text,
        )
        if match:
            number = int(match.group(1))
            starts, ends = _date(*match.group(2, 3, 4)), _date(*match.group(5, 6, 7))
            if starts and ends:
                draft.phases.append(
                    Found(
                        {
                            "number": number,
                            "name": f"Đợt {number}",
                            "starts_on": starts,
                            "ends_on": ends,
                            "description": match.group(8).strip(),
                        },
                        line,
                    )
                )


def _milestone_kind(text, context):
    both = f"{context} {text}"
    if similar(text, "đăng ký") and not similar(text, "tổng kết"):
        return "registration"
    if similar(both, "bình bầu") and not similar(text, "báo cáo"):
        return "vote_meeting"
    if similar(both, "sơ kết"):
        return "midyear_report" if similar(text, "báo cáo") else "midyear_meeting"
    if similar(both, "tổng kết"):
        return "yearend_report"
    return "other"


def _actor(kind, context):
    if kind == "midyear_meeting" and similar(context, "khối phó"):
        return "vice_leader"
    if kind in ("vote_meeting", "midyear_meeting"):
        return "leader"
    return "members"


def _milestones(draft, sections):
    for name, lines in sections.items():
        if name == "preamble":
            continue
        context = ""
        for line in lines:
            item = ITEM.match(line.text)
            if item:
                context = item.group(2)
            text = line.text
            if is_basis(text) or re.match(r"^\s*[ĐD]\S{0,3}t\s*\d", text):
                continue
            due = re.search(r"trước\s+ngày\s+" + DATE, text)
            month = re.search(r"trong\s+tháng\s+(\d{1,2})\s*/\s*(\d{4})", text)
            day = re.match(r"^\s*Ngày\s+" + DATE, text)
            found = None
            if due or day:
                match = due or day
                when = _date(*match.group(1, 2, 3))
                if when:
                    found = {"due_on": when, "window_starts_on": None, "window_ends_on": None}
            elif month:
                m, y = int(month.group(1)), int(month.group(2))
                if 1 <= m <= 12:
                    found = {
                        "due_on": None,
                        "window_starts_on": date(y, m, 1),
                        "window_ends_on": date(y, m, calendar.monthrange(y, m)[1]),
                    }
            if found:
                kind = _milestone_kind(text, context)
                # Who holds a meeting is said anywhere in its section ("Khối phó … tổ chức sơ kết").
                section_text = " ".join(other.text for other in lines) if kind == "midyear_meeting" else ""
                name_text = re.split(r"\s*[:.]\s*(?:Hoàn thành|trước ngày)", text)[0].strip(" -:")
                found.update(kind=kind, actor=_actor(kind, f"{context} {section_text}"), name=name_text[:255])
                draft.milestones.append(Found(found, line))


def _signature(draft, raw):
    """The signing authority (TM. …, GIÁM ĐỐC, …) and the signer's name, at the end of the plan."""
    tail = raw[-14:]
    for line in tail:
        text = re.sub(r"\s{2,}", "  ", line.text)
        for column in text.split("  "):
            column = column.strip().strip("*").strip()
            opens = column.startswith("TM.") or (column.isupper() and similar(column, "giám đốc"))
            follows = draft.signer_title is not None and column.isupper() and not similar(column, "nơi nhận")
            if column and (opens or follows) and not column.startswith("-"):
                value = f"{draft.signer_title.value}\n{column}" if draft.signer_title else column
                draft.signer_title = Found(value, draft.signer_title.line if draft.signer_title else line)
    last = tail[-1] if tail else None
    if last and draft.signer_title:
        name = last.text.strip().strip("*").strip()
        words = name.split()
        if 2 <= len(words) <= 5 and all(word[:1].isupper() and not word.isupper() for word in words):
            draft.signer_name = Found(name, last)


def parse_plan(text, *, titles=()):
    """Read a plan's text into a PlanDraft; what cannot be read is left empty, with a note."""
    text = unicodedata.normalize("NFC", text)
    if len(text.strip()) < 200 or not (similar(text[:3000], "kế hoạch") and similar(text, "thi đua")):
        raise PlanError(_("This does not look like an emulation plan (Kế hoạch … thi đua)."))
    draft = PlanDraft()
    raw, lines = _logical_lines(text)
    sections = _sections(lines)
    _header(draft, raw)
    _title(draft, raw)
    if draft.issuer is None:
        _issuer_from_body(draft, lines)
    if draft.title and not draft.year:
        year = re.search(r"\b(20\d{2})\b", draft.title.value)
        if year:
            draft.year = Found(int(year.group(1)), draft.title.line)
    _slogan(draft, lines)
    draft.legal_basis = [
        Found(
            re.split(r"(?<=\.)\s+(?=[A-ZĐ])", re.sub(r"^\S+\s+\S+\s+", "", line.text, count=1))[0].rstrip(" ;."), line
        )
        for line in lines
        if is_basis(line.text)
    ]
    purposes = sections.get("purposes", [])
    if purposes:
        draft.purposes = Found("\n".join(line.text for line in purposes), purposes[0])
    _content(draft, sections)
    _target_parts(draft, sections, titles)
    _phases(draft, lines)
    _milestones(draft, sections)
    _signature(draft, raw)
    labels = {
        "issuer": _("Issuing body"),
        "number": _("Number and symbol"),
        "place": _("Place of issue"),
        "title": _("Title"),
        "year": _("Year"),
        "slogan": _("Slogan"),
        "purposes": _("Purposes and requirements"),
    }
    for attribute, label in labels.items():
        if getattr(draft, attribute) is None:
            draft.empty(label)
    for attribute, label in [
        ("legal_basis", _("Legal basis")),
        ("content_items", _("Content items")),
        ("targets", _("Targets")),
        ("phases", _("Phases")),
        ("milestones", _("Milestones")),
    ]:
        if not getattr(draft, attribute):
            draft.empty(label)
    if not similar(text, "năm") or "¢" in text or re.search(r"\b(nim|cin|k&)\b", fold(text)):
        draft.notes.append(_("The text seems to have lost its diacritics (OCR); check every field against the plan."))
    return draft
