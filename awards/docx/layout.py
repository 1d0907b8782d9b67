"""A Word document set up as Decree 30/2020 (Appendix I) asks, and text made safe for it.

A4; margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman
13–14 pt; page numbers centred at the top from the second page.
"""

import re
from io import BytesIO

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top_margin": Mm(20), "bottom_margin": Mm(20), "left_margin": Mm(30), "right_margin": Mm(15)}
TEXT_WIDTH = PAGE_WIDTH - MARGINS["left_margin"] - MARGINS["right_margin"]
MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# What XML 1.0 (and so Word) cannot hold: control characters other than tab and line ends, lone
# surrogates and the two non-characters. Typed names can carry any of them; they are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def safe(text):
    """The text without what Word cannot hold; a vertical tab or form feed, white space in HTML, becomes a space."""
    return _NOT_XML.sub("", str(text).replace("\x0b", " ").replace("\x0c", " "))


def new_document():
    document = WordDocument()
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for name, value in MARGINS.items():
        setattr(section, name, value)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    # Word picks the font of Vietnamese letters from the east-Asian and complex-script slots too.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    _page_numbers(section)
    return document


def _page_numbers(section):
    """A PAGE field centred in the header, left off the first page."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def add_run(paragraph, text, *, bold=False, italic=False, underline=False, size=None, upper=False):
    text = safe(text)
    run = paragraph.add_run(text.upper() if upper else text)
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    if size:
        run.font.size = Pt(size)
    return run


def without_borders(table):
    """A layout table: no borders, and no cell padding, so the national motto keeps to one line as in print."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(borders)
    table._tbl.tblPr.append(margins)


def to_bytes(document):
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
