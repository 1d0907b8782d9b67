"""Hostile .xlsx files, made on the fly for the tests and `bench/imports.py` (none is kept in the repository).

Each is a well-formed workbook that openpyxl opens: a shared-strings bomb
(one string of a gigabyte in a file of a megabyte), a row bomb (a sheet of
a million lines and no declared size), an empty-row bomb, and a sheet that
declares itself 16,384 columns wide.
"""

import zipfile
from io import BytesIO
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_REL}">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE_REL}">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def _letters(column):
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def heading_row(headings, line=1):
    cells = "".join(
        f'<c r="{_letters(index)}{line}" t="inlineStr"><is><t>{escape(str(text))}</t></is></c>'
        for index, text in enumerate(headings, start=1)
    )
    return f'<row r="{line}">{cells}</row>'


def workbook(sheet_parts, *, strings_parts=("",), compresslevel=6):
    """A workbook whose first sheet's rows and shared strings are written from iterables of XML text, streamed."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'.encode())
            for part in strings_parts:
                member.write(part.encode())
            member.write(b"</sst>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'.encode())
            for part in sheet_parts:
                member.write(part.encode())
            member.write(b"</worksheet>")
    return buffer.getvalue()


def shared_strings_bomb(*, megabytes=1100, headings=("Họ và tên",)):
    """The headings, then a line whose first cell is one shared string of `megabytes` MB."""
    block = "A" * (1024 * 1024)

    def strings():
        yield "<si><t>"
        for _ in range(megabytes):
            yield block
        yield "</t></si>"

    sheet = ["<sheetData>", heading_row(headings), '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', "</sheetData>"]
    return workbook(sheet, strings_parts=strings())


def row_bomb(*, rows=1_000_000, headings=("Họ và tên",), dimension=None):
    """The headings, then `rows` lines each with a distinct number in the first column; no declared size by default."""

    def sheet():
        if dimension:
            yield f'<dimension ref="{dimension}"/>'
        yield "<sheetData>"
        yield heading_row(headings)
        batch = []
        for line in range(2, rows + 2):
            batch.append(f'<row r="{line}"><c r="A{line}"><v>{line * 7919 % 1000003}</v></c></row>')
            if len(batch) == 10_000:
                yield "".join(batch)
                batch = []
        yield "".join(batch)
        yield "</sheetData>"

    return workbook(sheet())


def empty_row_bomb(*, rows=1_000_000, headings=("Họ và tên",)):
    """The headings, then `rows` empty lines."""

    def sheet():
        yield "<sheetData>"
        yield heading_row(headings)
        for start in range(2, rows + 2, 10_000):
            yield "".join(f'<row r="{line}"/>' for line in range(start, min(start + 10_000, rows + 2)))
        yield "</sheetData>"

    return workbook(sheet())


def declared_wide_sheet(rows, *, dimension="A1:XFD10001"):
    """A small sheet of `rows` (lists of cell values) that declares itself `dimension` in size."""

    def cell(line, column, value):
        reference = f"{_letters(column)}{line}"
        if isinstance(value, int | float):
            return f'<c r="{reference}"><v>{value}</v></c>'
        return f'<c r="{reference}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'

    lines = [
        f'<row r="{line}">' + "".join(cell(line, column, value) for column, value in enumerate(values, 1)) + "</row>"
        for line, values in enumerate(rows, start=1)
    ]
    return workbook([f'<dimension ref="{dimension}"/>', "<sheetData>", *lines, "</sheetData>"])
