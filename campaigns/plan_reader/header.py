"""The header, the title and the signature block: issuing body and parent, number, place and date, signer; and the same fields from a sentence that summarises a plan."""

import re

from django.utils.translation import gettext as _

from core.text import fold

from .lines import DATE, Found, Line, cites_another, heading_of, is_basis, loose, similar, whole_date

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


def names_a_body(text):
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
        elif names_a_body(cell) and len(cell.split()) <= 14 and not re.search(r"\d{4}|!", cell):
            names.append((line, cell))
    return names


def read_flattened_header(raw):
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
            draft.issued_on = Found(whole_date(day, month, year), line)
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


def read_header(draft, raw):
    """Issuing body and its parent from the header's left column, number, place and date."""
    names = _header_bodies(_header_columns(raw))
    if names:
        draft.issuer = Found(names[-1][1], names[-1][0])
        if len(names) > 1:
            draft.parent_body = Found(names[0][1], names[0][0])
    title = next((index for index, line in enumerate(raw[:80]) if _is_title(line.text)), None)
    _number(draft, raw, (title + 1) if title is not None else 40)
    _place_and_date(draft, raw)


def read_title(draft, raw):
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
                or cites_another(text)
                or heading_of(text)
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
    citing = cites_another(sentence)
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


def read_from_prose(draft, lines):
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
                draft.issued_on = Found(whole_date(*when.group(1, 2, 3)), line)
            if draft.number and draft.issued_on:
                return


def read_signed_by(draft, raw):
    """The signer as legal-document sites list it ("Người ký Phạm Thị Thanh Trà")."""
    for line in raw[:60]:
        match = re.match(r"^\s*Người ký:?\s+(.{4,60})$", line.text)
        if match and _is_name(match.group(1)):
            draft.signer_name = Found(match.group(1).strip(), line)
            return


def _is_name(text):
    words = text.strip().strip("*").strip().split()
    return 2 <= len(words) <= 5 and all(word[:1].isupper() and not word.isupper() for word in words)


def read_signature(draft, raw):
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
