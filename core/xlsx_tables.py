"""Tables read from an upload by their headings: the lines of one sheet, or of several sheets of one workbook.

The file is streamed by core.xlsx's `Sheet`, so the row caps, the limits on
the archive and on each cell, and the bounded memory hold for every sheet.
"""

from django.utils.translation import gettext as _

from core.text import fold
from core.xlsx import Refused, Sheet, TooManyRows


def read_table(data, *, columns, max_rows, optional=()):
    """The lines under the heading row, reading only the columns named: ([(line, {key: value})], errors).

    `columns` is [(key, heading)] as the template writes them, matched without
    regard to accents, case or order; the keys in `optional` may be missing
    from an older file (their cells then read as empty); errors are (line or
    None, message). Nothing is returned when anything refuses the file.
    """
    return read_tables(data, [(None, columns, max_rows, optional)])[0]


def read_tables(data, tables):
    """`read_table` for several sheets of one upload, the file opened and its strings read once.

    `tables` is [(sheet name or None for the first, columns, max_rows,
    optional)]; the answer has one (lines, errors) per table, or None for a
    sheet the workbook does not have. A file refused whole answers its errors
    for the first table and None for the others.
    """
    try:
        with Sheet(data, max_rows=tables[0][2]) as sheet:
            return [
                _table(sheet, columns, optional) if sheet.select(name, max_rows=max_rows) else None
                for name, columns, max_rows, optional in tables
            ]
    except Refused as refusal:
        return [(None, [(None, refusal.message)])] + [None] * (len(tables) - 1)


def _table(sheet, columns, optional):
    try:
        rows = sheet.rows()
        heading_line, header = next(rows, (1, {}))
        wanted = {fold(str(label)): key for key, label in columns}
        positions = {}
        for index, title in sorted(header.items()):
            key = wanted.get(fold(" ".join(str(title).split())))
            if key is not None and key not in positions:
                positions[key] = index
        missing = [str(label) for key, label in columns if key not in positions and key not in optional]
        if missing:
            return None, [(heading_line, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})]
        sheet.keep(positions.values())
        absent = {key: None for key, _label in columns if key not in positions}
        return [
            (line, {key: cells.get(index) for key, index in positions.items()} | absent) for line, cells in rows
        ], []
    except TooManyRows as refusal:
        return None, [(refusal.line, refusal.message)]
    except Refused as refusal:
        return None, [(None, refusal.message)]
