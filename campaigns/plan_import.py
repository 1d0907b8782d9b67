"""Reading a Kế hoạch (a campaign's plan) into a draft campaign, field by field, each with the line it came from.

The reader follows the structure every Vietnamese administrative document
shares (Decree 30/2020): a header with the issuing body under its parent,
"Số: …/KH-…" and "<place>, ngày … tháng … năm …" beside the national motto;
the type and title; the legal basis; sections I, II, III with numbered or
bulleted items; the signature block ("TM.", "KT.", a title, the name). Where
a plan is only summarised ("Ngày 18/3/2021, UBND tỉnh ban hành Kế hoạch số
42/KH-UBND …", as news pages and launch letters put it), the same fields are
read from that sentence.

Keywords are matched without regard to accents and case and with some
tolerance, so a plan whose text lost its diacritics in OCR (seed 001) still
reads: "Cin cir" is close enough to "căn cứ". Values are never guessed: a
date is taken only where the plan writes it whole, dates of the documents a
plan implements and of the anniversaries it celebrates are not its own, and
a field the reader cannot find stays empty with a note saying so.
"""

import calendar
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher
from io import BytesIO
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from thidua.text import fold

MAX_BYTES = 5 * 1024 * 1024
# A plan is a few pages; past this a text is not a plan and would not fit the review form.
MAX_CHARS = 200_000
# word/document.xml of a plan of a few pages is well under this; a zip bomb is not.
MAX_XML_BYTES = 10 * 1024 * 1024
# Glyphs OCR puts for Vietnamese letters it cannot read.
OCR_LETTERS = {"¢": "o", "&": "e", "€": "e", "¥": "i", "™": '"', "”": '"', "“": '"'}


class PlanError(Exception):
    """The upload is not a plan this reader can read; the message says why."""


def _too_long():
    return PlanError(
        _("The text is longer than %(max)s characters; a plan is a few pages. Paste only the plan.")
        % {"max": f"{MAX_CHARS:,}".replace(",", ".")}
    )


def _pdf_text(data):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        text = "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise PlanError(_("The PDF cannot be read (%(error)s).") % {"error": error}) from None
    if len(text.strip()) < 50:
        raise PlanError(_("The PDF has no text layer (a scan?). Paste the plan's text instead."))
    return text


def _docx_text(data):
    """The paragraphs of a .docx, refusing what would crash or exhaust the reader."""
    broken = PlanError(_("This Word file is damaged or not a .docx; save it again as .docx, or paste its text."))
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            info = package.getinfo("word/document.xml")
            if info.flag_bits & 0x1:
                raise PlanError(_("This Word file is protected by a password; remove the protection first."))
            # The header's size may lie, so the read itself is bounded too.
            if info.file_size > MAX_XML_BYTES:
                raise _too_long()
            with package.open(info) as member:
                xml = member.read(MAX_XML_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, KeyError, OSError, EOFError, RuntimeError, NotImplementedError, ValueError):
        raise broken from None
    if len(xml) > MAX_XML_BYTES:
        raise _too_long()
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise broken  # entity expansion is how an XML file explodes when parsed
    namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    paragraphs, size = [], 0
    try:
        for _event, node in ElementTree.iterparse(BytesIO(xml), events=("end",)):
            if node.tag == f"{namespace}p":
                text = "".join(run.text or "" for run in node.iter(f"{namespace}t"))
                size += len(text) + 1
                if size > MAX_CHARS:
                    raise _too_long()
                paragraphs.append(text)
                node.clear()
    except ElementTree.ParseError:
        raise broken from None
    return "\n".join(paragraphs)


def _looks_binary(data):
    sample = data[:4096]
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(sample) // 50


def read_text(*, data, name):
    """Text of a .txt, .docx or text-layer PDF upload."""
    if not data or not data.strip():
        raise PlanError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise PlanError(_("The file is larger than 5 MB; a plan is a few pages."))
    if data.startswith(b"%PDF-"):
        text = _pdf_text(data)
    elif data.startswith(b"PK\x03\x04"):
        text = _docx_text(data)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        # The compound-file format of Word 97–2003, and of a .docx saved with a password.
        raise PlanError(
            _("This is an old Word file (.doc) or one protected by a password. Save it as .docx without a password.")
        )
    else:
        text = _plain_text(data)
    if len(text) > MAX_CHARS:
        raise _too_long()
    return text


def _plain_text(data):
    legacy = PlanError(
        _("The text is not in UTF-8 (perhaps TCVN3 or VNI). Save it as Unicode UTF-8, or upload the .docx or PDF.")
    )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise legacy from None
    if _looks_binary(data):
        # Control bytes mean a program's file, not a text in an old Vietnamese encoding.
        raise PlanError(_("This is not a text, Word (.docx) or PDF file. Upload the plan as one of these."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise legacy from None


def loose(text):
    """Folded text for matching, one character per character of the input (so spans map back)."""
    out = []
    for char in text:
        char = OCR_LETTERS.get(char, char)
        base = unicodedata.normalize("NFD", char.replace("đ", "d").replace("Đ", "D"))[:1] or " "
        out.append(base.lower() if not unicodedata.combining(base) else " ")
    return "".join(out)


def similar(text, phrase, threshold=0.78):
    """Whether the text holds something close to the phrase (tolerant of OCR misreads)."""
    phrase = fold(phrase)
    folded = fold(text.replace("¢", "o").replace("&", "e"))
    if phrase in folded:
        return True
    words = folded.split()
    size = len(phrase.split())
    for start in range(max(1, len(words) - size + 1)):
        window = " ".join(words[start : start + size])
        if SequenceMatcher(None, window, phrase).ratio() >= threshold:
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


def _cites_another(text):
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
# The kinds of body that issue plans or lead blocs, as their names begin (folded).
BODY_WORDS = (
    "uy ban nhan dan",
    "ubnd",
    "hoi dong",
    "so",
    "bo",
    "ban",
    "khoi",
    "cum",
    "phong",
    "trung tam",
    "van phong",
    "chi cuc",
    "tong cuc",
    "cuc",
    "truong",
    "lien doi",
    "lien doan",
    "cong doan",
    "doan",
    "hoi",
    "dang uy",
    "mat tran",
    "benh vien",
    "vien",
    "dai",
    "bao",
    "quy",
    "kho bac",
    "ngan hang",
    "bao hiem",
    "thanh tra",
    "toa an",
    "cong an",
    "bo chi huy",
    "cong ty",
    "tong cong ty",
    "hoc vien",
    "chi nhanh",
    # Abbreviations headers use: Liên đoàn Lao động, Công đoàn cơ sở, Ban quản lý dự án, Mặt trận.
    "ldld",
    "cdcs",
    "bqlda",
    "ubmttq",
    "hdnd",
)
BODY = re.compile(r"\b(?:" + "|".join(re.escape(word) for word in BODY_WORDS) + r")\b(?! nghi\b)")
PLACE_UNITS = ("tinh", "huyen", "quan", "xa", "phuong", "thi xa", "thi tran", "thanh pho")
SIGNING_WORDS = ("giam doc", "chu tich", "truong", "pho", "bi thu", "chanh", "tong", "hieu truong", "thu truong")


def _heading(text):
    """A section heading "I. MỤC ĐÍCH" (or "I MỤC ĐÍCH" in capitals, as text extraction leaves it)."""
    match = ROMAN.match(text)
    if match and (re.match(r"^\s*[IVX1l]{1,4}[\.\):/]", text) or match.group(2)[:2].isupper()):
        return match
    return None


def _date(day, month, year):
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _month_span(month, year):
    month, year = int(month), int(year)
    if not 1 <= month <= 12:
        return None
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _prepare(text):
    """Normalised text: NFC, table cells as columns, no zero-width or non-breaking spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"[ \t]*\|[ \t]*", "   ", text)


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
            or _heading(line.text)
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


def _sections(lines):
    sections, current = {}, "preamble"
    for line in lines:
        match = _heading(line.text)
        # "I11." is OCR's "III."; a heading has at least one real numeral letter.
        if match and any(c in "IVX" for c in match.group(1)) and len(match.group(2)) < 150:
            current = _section_kind(match.group(2))
            sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(line)
    return sections


def _names_a_body(text):
    """Whether text begins with the name of a kind of body (Sở, UBND, Khối …), tolerating OCR."""
    return BODY.match(loose(text).strip()) is not None


def _is_motto(text):
    folded = loose(text)
    return "cong hoa xa hoi" in folded or "doc lap" in folded or "hanh phuc" in folded or "chu nghia viet" in folded


def _without_motto(cell):
    """A header cell without the motto that a lost column break ran into it."""
    folded = loose(cell)
    for phrase in (r"cong hoa xa hoi chu nghia viet nam", r"doc lap\W+tu do\W+hanh phuc"):
        match = re.search(phrase, folded)
        if match:
            cell = cell[: match.start()] + " " * (match.end() - match.start()) + cell[match.end() :]
            folded = loose(cell)
    return cell


def _header_columns(raw):
    """The header's left column, as lines (or cells) in upper case, before the title or the body.

    The header sits beside the national motto; where the text has no motto
    (a pasted body), it is the first lines. Website menus before it are
    ignored because they are not names of bodies.
    """
    motto = next((index for index, line in enumerate(raw[:60]) if _is_motto(line.text)), None)
    start = max(0, motto - 6) if motto is not None else 0
    columns = []
    # Without the motto, upper-case names are a header only above a title, a number or a date
    # of issue; above a news article they are the website's banner.
    marked = motto is not None
    for line in raw[start : start + 16]:
        if _is_title(line.text):
            marked = True
            break
        if is_basis(line.text) or len(line.text) > 300:
            break
        document_type = line.text.isupper() and re.match(
            r"\W*(phat dong|huong dan|chuong trinh|thong bao|cong van|quyet dinh)\b", loose(line.text)
        )
        if (
            document_type
            or re.match(r"\s*S[ốoO6ỐÔ]\s*:", line.text)
            or re.search(r",\s*ng\w{1,2}y\b.*\bn\w{1,2}m\s+\d{4}", loose(line.text))
        ):
            marked = True
        for cell in re.split(r"\s{2,}", line.text):
            cell = _without_motto(cell).strip().strip("*").strip()
            if cell and cell.isupper() and not _is_motto(cell) and not re.match(r"S[ỐOÔ6]\b", cell):
                columns.append((line, cell))
    return columns if marked else []


def _is_title(text):
    words = fold(text).split()
    return (
        bool(words)
        and words[0] in ("ke", "ke-")
        and fold(text).startswith(("ke hoach", "ke roach"))
        and (len(words) <= 3 or text[:8].isupper())
    )


def _header_bodies(columns):
    """Parent body and issuing body: upper-case names, a territorial line joined to the one above it."""
    names = []
    for line, cell in columns:
        folded = loose(cell).strip()
        if names and folded.startswith(tuple(f"{unit} " for unit in PLACE_UNITS)):
            previous_line, previous = names[-1]
            names[-1] = (previous_line, f"{previous} {cell}")
        elif _names_a_body(cell) and len(cell.split()) <= 14 and not re.search(r"\d{4}|!", cell):
            names.append((line, cell))
    return names


def _flattened_header(raw):
    """The issuing body from a header whose columns were run into one line (PDF text, OCR)."""
    for line in raw[:40]:
        text = line.text
        folded = loose(text)
        motto = folded.find("cong hoa")
        if motto < 0:
            continue
        before = text[:motto]
        after = text[motto:]
        closing = re.search(r"h\w{2,3}\s+ph\w{2,4}", loose(after))
        candidates = [before, after[closing.end() :] if closing else ""]
        for part in candidates:
            words = []
            for word in part.split():
                if not word.isupper() or word.strip(":") in ("SỐ", "SO"):
                    break
                words.append(word)
            run = " ".join(words)
            starts = [match.start() for match in BODY.finditer(loose(run))]
            if starts:
                return Found(run[starts[-1] :].strip(" -"), line)
    return None


def _place_and_date(draft, raw):
    """ "<place>, ngày dd tháng mm năm yyyy" in the header, tolerant of OCR ("ngay", "thang", "nom")."""
    pattern = re.compile(
        r",\s*ng\w{1,2}y\s*([^\s]{0,3}?(?:\s[^\s]{1,2})?)\s*th\w{1,4}\s*([^\s]{0,3}?)[-\s]*n\w{1,2}m\s+(\d{4})",
        re.IGNORECASE,
    )
    for line in raw[:60]:
        folded = loose(line.text)
        match = pattern.search(folded)
        if not match or is_basis(line.text):
            continue
        words = line.text[: match.start()].split()
        place = []
        for word in reversed(words):
            bare = word.strip("*,.;:")
            if (
                not re.fullmatch(r"[^\W\d_]+", bare)
                or not bare[:1].isupper()
                or (bare.isupper() and len(bare) > 1)
                or fold(bare) in ("kinh", "gui", "so")
                or len(place) == 5
            ):
                break
            place.insert(0, bare)
        while place and len(place[0]) == 1:
            place.pop(0)
        if not place:
            continue
        draft.place = Found(" ".join(place), line)
        day, month, year = match.group(1), match.group(2), match.group(3)
        if day.strip().isdigit() and month.isdigit():
            draft.issued_on = Found(_date(day, month, year), line)
        else:
            draft.notes.append(
                _("The date of issue leaves the day or month blank (line %(line)s).") % {"line": line.number}
            )
        draft.year = Found(int(year), line)
        return


def _number(draft, raw, limit):
    """ "Số: 130/KH-UBND" (or "/KH-…" when the number is left blank) in the header."""
    pattern = r"S[ốoO6ỐÔ]\s*{colon}\s*(\d{{0,6}})\s*([-/])\s*([A-ZĐ][A-ZĐ0-9&\-/\.]*[A-ZĐ0-9])"
    for colon in (r":", r"(?:hiệu)?"):
        for line in raw[:limit]:
            match = re.search(pattern.format(colon=colon), line.text)
            if match and not is_basis(line.text):
                draft.number = Found(f"{match.group(1)}{match.group(2)}{match.group(3)}", line)
                return


def _header(draft, raw):
    """Issuing body and its parent from the header's left column, number, place and date."""
    names = _header_bodies(_header_columns(raw))
    if names:
        draft.issuer = Found(names[-1][1], names[-1][0])
        if len(names) > 1:
            draft.parent_body = Found(names[0][1], names[0][0])
    title = next((index for index, line in enumerate(raw[:80]) if _is_title(line.text)), None)
    _number(draft, raw, (title + 1) if title is not None else 40)
    _place_and_date(draft, raw)


def _title(draft, raw):
    """The lines under "KẾ HOẠCH"; in a letter, its "V/v …"; in a run-together header, what follows KẾ HOẠCH."""
    for index, line in enumerate(raw[:80]):
        if not _is_title(line.text):
            continue
        rest = re.sub(r"^\W*k\S*\s+h\S*\s*", "", line.text, flags=re.IGNORECASE).strip()
        parts = [Line(line.number, rest)] if rest and len(fold(line.text).split()) > 3 else []
        for following in raw[index + 1 : index + 4] if not parts else []:
            text = following.text
            if (
                is_basis(text)
                or _cites_another(text)
                or _heading(text)
                or re.match(r"(de|nham|huong toi|ngay|nay)\s", loose(text))
                or len(text) > 300
                or text.rstrip().endswith((":", ";"))
            ):
                break
            parts.append(following)
            if text.rstrip().endswith((".", "”", '"')) and not text.isupper():
                break
        if parts:
            draft.title = Found(" ".join(part.text for part in parts), parts[0])
        return
    for line in raw[:60]:
        match = re.search(r"\bV/v\s+(.{10,300}?)(?=\s+K[íi]nh\s+g|$)", line.text) or re.search(
            r"\bK[EẾ] [HR][OƠ]\S{0,2}CH\s+(.{10,300}?)(?=\s+(?:Thực hiện|Thuc hien|Căn cứ|Can c|I\.)|$)", line.text
        )
        if match:
            draft.title = Found(match.group(1).strip(' “”"'), line)
            return


# "Ngày 18/3/2021, UBND tỉnh (đã|vừa) ban hành Kế hoạch số 42/KH-UBND, ngày …" and the like.
ISSUING = re.compile(
    r"(xay dung|ban hanh|ky ban hanh|trien khai|phat dong|co)\s+(ke hoach|cong van|huong dan|phong trao|thi dua)"
)
PROSE_NUMBER = re.compile(r"^\s*(?:so|so hieu)\s+(\d{1,6}(?:\s*[-/]\s*[A-Z0-9\-/]+)?)\b", re.IGNORECASE)


def _clause_body(clause):
    """The body that is the subject of a clause: a name of a body running up to the verb.

    What may stand between the name and the verb is only "đã", "vừa" … or
    "tổ chức …" ("LĐLĐ huyện tổ chức Hội nghị … và phát động phong trào").
    """
    folded = loose(clause)
    for match in BODY.finditer(folded):
        if not clause[match.start()].isupper():
            continue
        name = clause[match.start() :].rstrip()
        inner = ISSUING.search(loose(name))  # "… của Thủ tướng ban hành Kế hoạch …, UBND tỉnh"
        name = re.sub(r"\s+(?:tổ chức|to chuc)\b[^,;.]{0,60}$", "", name[: inner.start()] if inner else name)
        # "Công đoàn ngành Giáo dục yêu cầu các trường triển khai …": the body is the one that asks.
        name = re.split(r"\s+(?:yêu cầu|đề nghị|chỉ đạo|giao cho|hướng dẫn)\s", name)[0]
        name = re.sub(r"(?:\s+(?:đã|vừa|sẽ|cũng|chính thức|đồng thời|da|vua))+\s*$", "", name)
        name = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip(" ,")
        if 1 <= len(name.split()) <= 20 and not re.search(r"\d{3,}|\bngày\b|[“”\";…]", name):
            return name
    return None


def _issuing_clause(sentence):
    """(body, verb match, whether the verb issues a document, clause start) of a sentence issuing a plan."""
    verbs = list(ISSUING.finditer(loose(sentence)))
    citing = _cites_another(sentence)
    # "Thực hiện Quyết định … của Thủ tướng …, UBND tỉnh ban hành Kế hoạch": the last clause is the plan's.
    for verb in reversed(verbs) if citing else verbs:
        breaks = [m.end() for m in re.finditer(r"[,;:.]\s+", sentence[: verb.start()]) if sentence[m.end()].isupper()]
        if citing and not breaks:
            continue
        clause_start = breaks[-1] if breaks else 0
        name = _clause_body(sentence[clause_start : verb.start()])
        if name is not None:
            document = verb.group(1) != "phat dong" and verb.group(2) in ("ke hoach", "cong van", "huong dan")
            return name, verb, document, clause_start
    return None


def _from_prose(draft, lines):
    """Issuer, number and date from the sentence that issues the plan, where the header does not give them."""
    issuer = None
    for line in lines:
        for sentence in re.split(r"(?<=[.;])\s+(?=[A-ZĐ])", line.text):
            found = _issuing_clause(sentence)
            if found is None:
                continue
            name, verb, document, clause_start = found
            if issuer is None:
                issuer = name
                if draft.issuer is None or (
                    fold(name).startswith(fold(draft.issuer.value)) and len(fold(name)) > len(fold(draft.issuer.value))
                ):
                    draft.issuer = Found(name, line)
            if not document or fold(name) != fold(issuer):
                continue
            after = sentence[verb.end() :]
            number = PROSE_NUMBER.match(loose(after))
            if number and draft.number is None:
                draft.number = Found(re.sub(r"\s+", "", after[number.start(1) : number.end(1)]), line)
            trailing = re.match(r"\s*,?\s*ng\w{1,2}y\s+" + DATE, after[number.end() if number else 0 :])
            leading = [
                m
                for m in re.finditer(r"ng\w{1,2}y\s+" + DATE + r"\s*,", sentence[:clause_start], re.IGNORECASE)
                if m.end() >= clause_start - 1
            ]
            when = trailing or (leading[-1] if leading and verb.group(1) != "trien khai" else None)
            if when and draft.issued_on is None:
                draft.issued_on = Found(_date(*when.group(1, 2, 3)), line)
            if draft.number and draft.issued_on:
                return


def _signed_by(draft, raw):
    """The signer as legal-document sites list it ("Người ký Phạm Thị Thanh Trà")."""
    for line in raw[:60]:
        match = re.match(r"^\s*Người ký:?\s+(.{4,60})$", line.text)
        if match and _is_name(match.group(1)):
            draft.signer_name = Found(match.group(1).strip(), line)
            return


def _year(draft, lines):
    """The year the plan names for its campaign (its title, its theme), else the year of issue."""
    if draft.title:
        # A date in the title is the date of the document it implements, not the campaign's year.
        title = re.sub(r"ng\w{1,2}y\s+\d+\s+th\w+\s+\d+\s+n\w{1,2}m\s+\d{4}", "", loose(draft.title.value))
        match = re.search(r"\bn\w{1,2}m(?:\s+h\w{1,2}c)?\s+((?:20|19)\d{2})\b", title)
        if match:
            draft.year = Found(int(match.group(1)), draft.title.line)
            return
    if draft.year is None and draft.issued_on and draft.issued_on.value:
        draft.year = Found(draft.issued_on.value.year, draft.issued_on.line)
    if draft.year is None:
        for line in lines[:30]:
            if _cites_another(line.text):
                continue
            match = re.search(
                r"(?:thi dua|chu de|phong trao)[^.;]{0,40}?\bnam(?:\s+hoc)?\s+(20\d{2})\b", loose(line.text)
            )
            if match:
                draft.year = Found(int(match.group(1)), line)
                return


def _slogan(draft, lines):
    """The quoted theme after "chủ đề", "phương châm" or "khẩu hiệu", unless tied to another year."""
    for line in lines:
        text = line.text
        for match in re.finditer(r"[“\"]([^”\"™]{5,400})[”\"™]", text):
            before = text[max(0, match.start() - 60) : match.start()]
            if not any(similar(before[-40:], word) for word in ("chủ đề", "phương châm", "khẩu hiệu")):
                continue
            years = [int(year) for year in re.findall(r"\b((?:19|20)\d{2})\b", before)]
            mine = {
                draft.year.value if draft.year else None,
                draft.issued_on.value.year if draft.issued_on and draft.issued_on.value else None,
            }
            if years and not set(years) & mine:
                continue  # another congress's or year's theme, cited
            draft.slogan = Found(match.group(1).strip(), line)
            return


def _items(lines):
    """Items of a section: numbered, the deepest level where an item has sub-items; else its bullets."""
    items = []
    for line in lines:
        match = ITEM.match(line.text)
        if match:
            items.append((match.group(1), match.group(2).strip(), line))
    labels = {label for label, _text, _line in items}
    numbered = [
        (label, text, line) for label, text, line in items if not any(other.startswith(label + ".") for other in labels)
    ]
    if numbered:
        return numbered
    return [("", BULLET.sub("", line.text).strip(), line) for line in lines if BULLET.match(line.text)]


def _content(draft, sections):
    for label, text, line in _items(sections.get("content", [])):
        if similar(text[:40], "thời gian"):
            continue
        draft.content_items.append(Found((label, text), line))


def _target_parts(draft, sections, titles):
    for _label, text, line in _items(sections.get("targets", [])):
        for part in [p.strip(" .") for p in re.split(r";", text) if p.strip(" .")]:
            percent = re.search(r"(\d{1,3}(?:[,\.]\d+)?)\s*%", part)
            quoted = re.search(r"[“\"‘']([^”\"™’']{3,80})", part)
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
                        "title_text": quoted.group(1).strip() if quoted else None,
                        "comparison": comparison,
                    },
                    line,
                )
            )


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
        first, last = _month_span(a, b), _month_span(c, d)
        return (first[0], last[1]) if first and last else None
    if start_month or not d_year or len(b) == 4 or len(d) == 4:
        return None
    ends = _date(c, d, d_year)
    year = a_year or (d_year if int(b) <= int(d) else None)
    starts = _date(a, b, year) if year else None
    if starts and after:
        starts += timedelta(days=1)  # "từ sau 30/10/2020"
    return (starts, ends) if starts and ends and starts <= ends else None


def _phases(draft, lines):
    seen = set()
    for line in lines:
        if _cites_another(line.text):
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


def _actor(kind, context):
    if kind == "midyear_meeting" and similar(context, "khối phó"):
        return "vice_leader"
    if kind in ("vote_meeting", "midyear_meeting"):
        return "leader"
    return "members"


# "trước ngày", "chậm nhất (là) ngày", as typed and as OCR leaves them ("truoc ngay", "trudc ngay").
DUE = re.compile(r"\b(?:tr[a-z0-9']{1,4}c|cham nhat(?:\s+la)?|han chot)\s+ng[a-z]{1,2}y\s+" + DATE)
MONTH = re.compile(r"\b(?:trong|vao)\s+(?:thoi gian\s+)?th[a-z]{2,3}g\s+(\d{1,2})\s*(?:/|-|\.|\s+nam\s+)\s*(\d{4})")
DAY_AT_START = re.compile(r"^\s*ng[a-z]{1,2}y\s+" + DATE + r"\s+(?!,)")


def _milestones(draft, sections):
    for name, lines in sections.items():
        context = ""
        # Who holds a meeting is said anywhere in its section ("Khối phó … tổ chức sơ kết").
        section_text = " ".join(other.text for other in lines)[:20000]
        for line in lines:
            item = ITEM.match(line.text)
            if item:
                context = item.group(2)
            text = line.text
            if _cites_another(text) or re.match(r"^\s*(?:[-–•+*]\s*)?d\S{0,2}t\s*\w{1,4}\s*[:.]", loose(text)):
                continue
            folded = loose(text)
            found = []
            for match in DUE.finditer(folded):
                when = _date(*match.group(1, 2, 3))
                if when:
                    found.append(({"due_on": when, "window_starts_on": None, "window_ends_on": None}, match))
            for match in MONTH.finditer(folded):
                span = _month_span(*match.group(1, 2))
                if span:
                    found.append(({"due_on": None, "window_starts_on": span[0], "window_ends_on": span[1]}, match))
            day = DAY_AT_START.match(folded) if name != "preamble" else None
            if day and not found:
                when = _date(*day.group(1, 2, 3))
                if when:
                    found.append(({"due_on": when, "window_starts_on": None, "window_ends_on": None}, day))
            for value, match in found:
                clause = text[max(0, text.rfind(";", 0, match.start()) + 1, text.rfind(".", 0, match.start()) + 1) :]
                kind = _milestone_kind(clause, context)
                name_text = re.split(r"\s*[:.]\s*(?:Hoàn thành|trước ngày)", text)[0].strip(" -:")
                actor_context = f"{context} {section_text if kind == 'midyear_meeting' else ''}"
                value.update(kind=kind, actor=_actor(kind, actor_context), name=name_text[:255])
                draft.milestones.append(Found(value, line))


def _is_name(text):
    words = text.strip().strip("*").strip().split()
    return 2 <= len(words) <= 5 and all(word[:1].isupper() and not word.isupper() for word in words)


def _signature(draft, raw):
    """The signing authority (TM. …, KT. …, GIÁM ĐỐC, TRƯỞNG PHÒNG …) and the signer's name, at the end."""
    tail = raw[-20:]
    title_lines = []
    name = None
    for line in tail:
        text = re.sub(r"\s{2,}", "  ", line.text)
        for column in text.split("  "):
            column = column.strip().strip("*").strip()
            if not column or column.startswith("-"):
                continue
            folded = loose(column).strip()
            opens = column.startswith(("TM.", "KT.", "TL.", "TUQ.", "Q.", "PP.")) or (
                column.isupper()
                and len(column.split()) <= 8
                and any(re.search(rf"\b{word}\b", folded) for word in SIGNING_WORDS)
                and not similar(column, "nơi nhận")
            )
            follows = title_lines and column.isupper() and not similar(column, "nơi nhận")
            if opens or follows:
                title_lines.append((line, column))
            elif title_lines and name is None and _is_name(column):
                # The first name under the titles, past "(Đã ký)" and the list of recipients.
                name = (line, column)
    if title_lines:
        draft.signer_title = Found("\n".join(column for _line, column in title_lines), title_lines[0][0])
        if name:
            draft.signer_name = Found(name[1], name[0])


LEADER_ROLE = r"(?:kh\S{1,2}i\s+tr\S{1,4}ng|tr\S{1,4}ng\s+kh\S{1,2}i)"
VICE_ROLE = r"(?:kh\S{1,2}i\s+ph\S{1,2}|ph\S{1,2}\s+(?:tr\S{1,4}ng\s+)?kh\S{1,2}i)"


def _unit_before(text, end):
    """The name of a body that ends at `end`: from the first body word after the last break."""
    start = max(text.rfind(mark, 0, end) for mark in (";", ":", ".", "(", ")", "\n", " là ", " gồm "))
    segment = text[start + 1 : end]
    for match in BODY.finditer(loose(segment)):
        if segment[match.start()].isupper():
            name = segment[match.start() :].strip(" ,–-")
            if 1 <= len(name.split()) <= 14:
                return name
    return None


def _unit_after(text):
    segment = re.split(r"[;)\n]|\s+để\s+", text, maxsplit=1)[0].strip(" :–-(")
    segment = re.sub(r"^(?:là|đơn vị)\s+", "", segment).strip()
    if _names_a_body(segment) and segment[:1].isupper() and 1 <= len(segment.split()) <= 14:
        return segment.rstrip(" .,")
    return None


def _bloc_role(text, role):
    """A unit named as leader or vice-leader: "Khối trưởng: X", "Khối trưởng (X)", "X (Trưởng khối)", "X, Khối trưởng"."""
    folded = loose(text)
    for match in re.finditer(r"\b" + role + r"\b", folded):
        if role == LEADER_ROLE and re.search(r"ph\S{1,2}\s*$", folded[: match.start()]):
            continue  # "Phó Trưởng khối" is the vice-leader
        after = text[match.end() :]
        if re.match(r"\s*(?::|là\b|\(|-|–)", after):
            name = _unit_after(re.sub(r"^\s*(?::|là\b|\(|-|–)\s*", "", after))
            if name:
                return name
        before = text[: match.start()].rstrip()
        if before.endswith(("(", ",")) or re.search(r"\blàm\s*$", before):
            cut = before.rstrip("(, ")
            cut = re.sub(r"\s*(?:,\s*)?(?:đơn vị\s*)?(?:làm)?\s*$", "", cut)
            name = _unit_before(text, len(cut))
            if name:
                return name
    return None


def _bloc_leaders(draft, lines):
    for line in lines:
        if _cites_another(line.text):
            continue
        if draft.leader is None and (name := _bloc_role(line.text, LEADER_ROLE)):
            draft.leader = Found(name, line)
        if draft.vice_leader is None and (name := _bloc_role(line.text, VICE_ROLE)):
            draft.vice_leader = Found(name, line)


def looks_like_plan(text):
    head = text[:3000]
    return (
        len(text.strip()) >= 200
        and (similar(head, "kế hoạch") or similar(head, "phát động") or similar(head, "hướng dẫn"))
        and similar(text[:20000], "thi đua")
    )


def parse_plan(text, *, titles=()):
    """Read a plan's text into a PlanDraft; what cannot be read is left empty, with a note."""
    if len(text) > MAX_CHARS:
        raise _too_long()
    text = _prepare(text)
    if not looks_like_plan(text):
        raise PlanError(_("This does not look like an emulation plan (Kế hoạch … thi đua)."))
    draft = PlanDraft()
    raw, lines = _logical_lines(text)
    sections = _sections(lines)
    _header(draft, raw)
    _title(draft, raw)
    flattened = _flattened_header(raw) if draft.issuer is None else None
    _from_prose(draft, lines)
    if draft.issuer is None:
        draft.issuer = flattened
    _year(draft, lines)
    _signed_by(draft, raw)
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
    _bloc_leaders(draft, lines)
    _notes(draft, text)
    return draft


def _notes(draft, text):
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
    head = fold(text[:20000])
    if "nam" not in head.split() or "¢" in text or re.search(r"\b(nim|cin|k&)\b", head):
        draft.notes.append(_("The text seems to have lost its diacritics (OCR); check every field against the plan."))


def draft_summary(draft):
    """What was read, as plain data: the keys of `manage.py read_plan --json`."""

    def value(found):
        return found.value if found else None

    def day(when):
        return when.isoformat() if when else None

    milestones = [found.value for found in draft.milestones]
    return {
        "issuer": value(draft.issuer),
        "number": value(draft.number),
        "place": value(draft.place),
        "date_issued": day(value(draft.issued_on)),
        "year": value(draft.year),
        "slogan": value(draft.slogan),
        "content_items": len(draft.content_items),
        "targets": [
            [found.value["title_text"], float(found.value["percentage"]) if found.value["percentage"] else None]
            for found in draft.targets
        ],
        "phases": [[day(found.value["starts_on"]), day(found.value["ends_on"])] for found in draft.phases],
        "deadlines": [day(m["due_on"]) for m in milestones if m["due_on"]],
        "windows": [[day(m["window_starts_on"]), day(m["window_ends_on"])] for m in milestones if not m["due_on"]],
        "signer": value(draft.signer_name),
        "leader": value(draft.leader),
        "vice_leader": value(draft.vice_leader),
    }
