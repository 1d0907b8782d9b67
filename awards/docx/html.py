"""The HTML a paper's PDF is printed from, written as Word paragraphs and tables.

The papers' templates use a small, fixed vocabulary (`awards/pdf/base.html`):
the two-column header table, headings, body paragraphs, bordered grids and
the footer with "Nơi nhận" and the signature. Each class maps to the Word
formatting its CSS gives it, so a column or a sentence a template gains
appears in the .docx too. Whatever the CSS upper-cases is written in capitals.
"""

import re

import lxml.html
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from awards.docx.layout import TEXT_WIDTH, add_run, new_document, to_bytes, without_borders

CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT

# class -> formatting, as awards/pdf/base.html and the papers' own <style> blocks set it.
CLASSES = {
    "parent": {"size": 13, "upper": True, "align": CENTER},
    "issuer": {"size": 13, "bold": True, "upper": True, "align": CENTER},
    "nation": {"size": 12, "bold": True, "upper": True, "align": CENTER},
    "motto": {"size": 14, "bold": True, "underline": True, "align": CENTER},
    "number": {"size": 13, "align": CENTER, "before": 6},
    "date": {"italic": True, "align": CENTER, "before": 6},
    "summary": {"bold": True, "align": CENTER, "after": 12},
    "grantor": {"bold": True, "upper": True, "align": CENTER, "after": 12},
    "decides": {"bold": True, "align": CENTER, "before": 12, "after": 12},
    "body": {"align": JUSTIFY, "indent": True, "after": 6},
    "basis": {"italic": True},
    "center": {"align": CENTER},
    "recipients-title": {"size": 12, "bold": True, "italic": True},
    "recipients": {"size": 11, "pre": True},
    "authority": {"bold": True, "upper": True, "pre": True, "align": CENTER},
    "signer-name": {"bold": True, "align": CENTER, "before": 60},
    "sign": {"align": CENTER},
}
HEADING = {"bold": True, "upper": True, "align": CENTER, "before": 18}
RULES = {"short-rule", "summary-rule"}  # the short lines under a heading: drawn in the PDF, no text
_SPACES = re.compile(r"[ \t\r\n\f]+")  # HTML's white space; the non-breaking space stays


def html_to_docx(html):
    """The .docx bytes of a paper's HTML."""
    document = new_document()
    body = lxml.html.document_fromstring(html).body
    for element in body:
        _block(document, element, {})
    return to_bytes(document)


def _format_of(element, inherited):
    style = dict(inherited)
    for name in element.get("class", "").split():
        style |= CLASSES.get(name, {})
    if element.tag == "h1":
        style |= HEADING
    css = element.get("style", "")
    if "text-align:center" in css.replace(" ", ""):
        style["align"] = CENTER
    if "italic" in css:
        style["italic"] = True
    return style


def _block(container, element, inherited):
    if not isinstance(element.tag, str) or element.tag in ("style", "script", "title"):
        return
    classes = set(element.get("class", "").split())
    if classes & RULES:
        return
    if element.tag == "table":
        _table(container, element, classes)
        return
    style = _format_of(element, inherited)
    if any(isinstance(child.tag, str) and child.tag in ("div", "p", "table", "h1") for child in element):
        for child in element:
            _block(container, child, style)
        return
    paragraph = container.add_paragraph()
    _paragraph_format(paragraph, style)
    _inline(paragraph, element, style, first=True)
    _trim(paragraph)


def _paragraph_format(paragraph, style):
    paragraph.alignment = style.get("align", LEFT)
    fmt = paragraph.paragraph_format
    if style.get("indent"):
        fmt.first_line_indent = Cm(1.27)
    if "before" in style:
        fmt.space_before = Pt(style["before"])
    if "after" in style:
        fmt.space_after = Pt(style["after"])


def _inline(paragraph, element, style, first=False):
    """The element's text and inline children as runs; <b>, <i> and <br> keep their meaning."""
    if not first:
        if element.tag in ("b", "strong"):
            style = style | {"bold": True}
        elif element.tag in ("i", "em"):
            style = style | {"italic": True}
    _text(paragraph, element.text, style)
    for child in element:
        if not isinstance(child.tag, str):
            _text(paragraph, child.tail, style)
            continue
        if child.tag == "br":
            paragraph.add_run().add_break(WD_BREAK.LINE)
        else:
            _inline(paragraph, child, _format_of(child, style))
        _text(paragraph, child.tail, style)


def _text(paragraph, text, style):
    if not text:
        return
    runs = {key: style.get(key, False) for key in ("bold", "italic", "underline", "upper")}
    size = style.get("size")
    if style.get("pre"):
        # white-space: pre-line: each line of the text on a line of its own.
        for index, line in enumerate(text.strip("\n").split("\n")):
            if index:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            add_run(paragraph, _SPACES.sub(" ", line).strip(), size=size, **runs)
        return
    add_run(paragraph, _SPACES.sub(" ", text), size=size, **runs)


def _trim(paragraph):
    """Drop the spaces that HTML would not show: at the start and end of a paragraph."""
    runs = [run for run in paragraph.runs if run.text]
    if runs:
        runs[0].text = runs[0].text.lstrip(" ")
        runs[-1].text = runs[-1].text.rstrip(" ")


def _rows(table):
    return [row for row in table.iter("tr")]


def _width(element):
    match = re.search(r"width:\s*([\d.]+)%", element.get("style", ""))
    return float(match.group(1)) if match else None


def _table(container, element, classes):
    rows = _rows(element)
    if not rows:
        return
    columns = sum(int(cell.get("colspan", 1)) for cell in rows[0] if isinstance(cell.tag, str))
    table = container.add_table(rows=0, cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid = "grid" in classes
    if grid:
        table.style = "Table Grid"
    else:
        without_borders(table)
    widths = _column_widths(rows[0], columns)
    base = CLASSES["center"] if "header" in classes else {}
    size = {"size": 12 if "list" in classes else 13} if grid else {}
    for tr in rows:
        heading = tr.getparent().tag == "thead"
        cells = table.add_row().cells
        index = 0
        for td in tr:
            if not isinstance(td.tag, str):
                continue
            span = int(td.get("colspan", 1))
            cell = cells[index].merge(cells[index + span - 1]) if span > 1 else cells[index]
            style = _format_of(td, base | size | ({"bold": True, "align": CENTER} if heading or td.tag == "th" else {}))
            if "section" in tr.get("class", "") or "group" in tr.get("class", ""):
                style["bold"] = True
            _cell(cell, td, style)
            index += span
    # Word reads each cell's width, LibreOffice the table's grid: both are set.
    table.autofit = False
    for width, column in zip(widths, table.columns, strict=False):
        column.width = width
    for row in table.rows:
        for width, cell in zip(widths, row.cells, strict=False):
            cell.width = width
    container.add_paragraph()


def _column_widths(first_row, columns):
    """Each column's width from the first row's percentages; the columns without one share what is left."""
    given = []
    for cell in first_row:
        if isinstance(cell.tag, str):
            given += [_width(cell)] * int(cell.get("colspan", 1))
    free = [width for width in given if width is None]
    rest = max(100 - sum(width for width in given if width is not None), 10 * len(free))
    percents = [width if width is not None else rest / max(len(free), 1) for width in given[:columns]]
    return [int(TEXT_WIDTH * percent / 100) for percent in percents]


def _cell(cell, td, style):
    first = cell.paragraphs[0]
    blocks = [
        child
        for child in td
        if isinstance(child.tag, str) and child.tag in ("div", "p") and not set(child.get("class", "").split()) & RULES
    ]
    if not blocks:
        _paragraph_format(first, style)
        _inline(first, td, style, first=True)
        _trim(first)
        return
    used = False
    for child in blocks:
        child_style = _format_of(child, style)
        paragraph = first if not used else cell.add_paragraph()
        used = True
        _paragraph_format(paragraph, child_style)
        _inline(paragraph, child, child_style, first=True)
        _trim(paragraph)
