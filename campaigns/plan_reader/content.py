"""The plan's year, slogan, content items and targets (a share of units or staff reaching a title)."""

import re
from difflib import SequenceMatcher

from core.text import fold

from .kind import issuing, read_period
from .lines import BULLET, ITEM, Found, cites_another, loose, similar


def read_year(draft, lines):
    """The year the plan names for its campaign (its title, its theme), else the year of issue; none for a plan
    whose title names several years (it is not a single year's, and its year of issue would be a guess)."""
    # The plan's own name: its title, or the sentence that issues it in a summary.
    named = [(draft.title.value, draft.title.line)] if draft.title else [(line.text, line) for line in issuing(lines)]
    for text, line in named:
        if period := read_period(text):
            draft.period = Found(period, line)
            draft.year = None  # the header's year of issue is not the campaign's
            return
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
            if cites_another(line.text):
                continue
            match = re.search(
                r"(?:thi dua|chu de|phong trao)[^.;]{0,40}?\bnam(?:\s+hoc)?\s+(20\d{2})\b", loose(line.text)
            )
            if match:
                draft.year = Found(int(match.group(1)), line)
                return


# A slogan's quotes as plans type them: straight, curly double or single, or guillemets.
QUOTED = re.compile(r"[“\"‘«]([^”\"™’»]{5,400})[”\"™’»]")


def read_slogan(draft, lines):
    """The quoted theme after "chủ đề", "phương châm" or "khẩu hiệu", unless tied to another year; the quote may
    open the next line when the line ends "Chủ đề:"."""
    previous = ""
    for line in lines:
        text = line.text
        for match in QUOTED.finditer(text):
            before = text[max(0, match.start() - 60) : match.start()]
            if not before.strip() and previous.rstrip().endswith(":"):
                before = previous[-60:]
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
        previous = text


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


def _introduced_items(lines):
    """In a summary without sections ("Nội dung thi đua tập trung vào …:" and its numbered or bulleted lines),
    the lines that follow the sentence that introduces the contents, up to the first that is neither."""
    for index, line in enumerate(lines):
        if not (line.text.rstrip().endswith(":") and similar(line.text, "nội dung thi đua")):
            continue
        block = []
        for following in lines[index + 1 :]:
            if not (ITEM.match(following.text) or BULLET.match(following.text)):
                break
            block.append(following)
        if block:
            return block
    return []


def read_content(draft, sections):
    content = sections.get("content", [])
    if not _items(content):
        content = _introduced_items([line for name in ("preamble", "other") for line in sections.get(name, [])])
    for label, text, line in _items(content):
        if similar(text[:40], "thời gian"):
            continue
        draft.content_items.append(Found((label, text), line))


def read_targets(draft, sections, titles):
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
