"""The one way the product reads an uploaded .xlsx: memory and time bounded whatever the file holds.

openpyxl reads a workbook's whole shared-string table before the first row
(a 1 MB file can hold a 1 GB string), scans a sheet for its size when the
sheet does not declare one, and pads every row to the declared width. So an
upload never reaches openpyxl. This reader checks the zip's directory first:
the number of members, each member's uncompressed size and compression
ratio, and their total, against limits taken from real office files (the
largest, a province's register of 92,000 awards, holds a 67 MB sheet at a
ratio of 12). It then streams the first worksheet with expat, keeps only the
columns asked for, stops at the row cap whatever the sheet says about its
size, and keeps no text longer than a cell may hold. What it holds at most
is the shared-string table (under 32 MB, as UTF-8 bytes) and one row.

Python's zipfile never inflates a member past the size its directory
declares (a member that lies fails its CRC), so checking the directory
bounds what is read.
"""

import posixpath
import struct
import zipfile
from array import array
from datetime import datetime
from io import BytesIO
from xml.parsers import expat

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from core.text import fold

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_MEMBERS = 1000
# The largest real sheet (a province's register, 92,000 lines) is 67 MB of XML; a margin above it.
MAX_MEMBER_BYTES = 128 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
# Parts read whole rather than streamed have tighter limits: real ones are a few MB at most.
MAX_WHOLE_PART_BYTES = {"strings": 32 * 1024 * 1024, "styles": 16 * 1024 * 1024, "other": 4 * 1024 * 1024}
# Spreadsheet XML compresses 5 to 20 times; a bomb thousands of times.
MAX_RATIO = 100
RATIO_FROM_BYTES = 1024 * 1024
# A real register of 92,000 lines shares a few hundred thousand strings.
MAX_SHARED_STRINGS = 2_000_000
MAX_CELL_CHARS = 5000
# Columns read to find the headings: a list has a dozen, a score sheet one per unit of a bloc.
MAX_COLUMNS = 1000
# Text kept from one line, so that a string shared by many cells is not multiplied.
MAX_LINE_CHARS = 100_000
CHUNK = 64 * 1024

REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
STRICT_REL_TYPE = "http://purl.oclc.org/ooxml/officeDocument/relationships/"


class Refused(Exception):
    """The file is not read; the message says why, in the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class TooManyRows(Refused):
    """A line past the cap was reached; reading stopped there."""

    def __init__(self, line, max_rows):
        super().__init__(
            _("The list has more than %(max)s rows: split it into files of at most %(max)s rows.")
            % {"max": number_format(max_rows, force_grouping=True)}
        )
        self.line = line


def _not_xlsx():
    return Refused(_("This is not an Excel .xlsx file. Download the template and fill it in."))


def _too_complex():
    return Refused(_("This file holds far more than an Excel list does, so it was not read."))


class _TooLong:
    """Stands for a text longer than a cell may hold, so that the text itself is never kept."""


TOO_LONG = _TooLong()


def member_count(data):
    """The number of members a zip's end record declares, read before zipfile builds its directory.

    Raises ValueError when the data has no end record (it is no zip).
    """
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        raise ValueError("no end of central directory record")
    return struct.unpack("<H", data[end + 10 : end + 12])[0]


def _open_archive(data):
    if not data:
        raise Refused(_("The file is empty."))
    if len(data) > MAX_FILE_BYTES:
        raise Refused(_("The file is larger than %(size)s MB.") % {"size": MAX_FILE_BYTES // (1024 * 1024)})
    try:
        members = member_count(data)
    except ValueError as error:
        raise _not_xlsx() from error
    if members > MAX_MEMBERS:
        raise _too_complex()
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _not_xlsx() from error
    members = archive.infolist()
    total = sum(member.file_size for member in members)
    if len(members) > MAX_MEMBERS or total > MAX_TOTAL_BYTES:
        raise _too_complex()
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MAX_MEMBER_BYTES or (member.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO):
            raise _too_complex()
    return archive


def _local(name):
    return name.rpartition(":")[2]


def _parse(archive, name, *, start=None, end=None, text=None, limit=None):
    """Feed one member to expat in chunks; handlers may raise to stop. A DOCTYPE (entities) refuses the file."""
    try:
        info = archive.getinfo(name)
    except KeyError as error:
        raise _not_xlsx() from error
    if limit is not None and info.file_size > limit:
        raise _too_complex()
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def doctype(*_args):
        raise _not_xlsx()

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    if start:
        parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
                yield
            parser.Parse(b"", True)
    except (expat.ExpatError, zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as error:
        raise _not_xlsx() from error
    yield


def _parse_whole(archive, name, *, kind="other", **handlers):
    for _step in _parse(archive, name, limit=MAX_WHOLE_PART_BYTES[kind], **handlers):
        pass


def _relationships(archive, part):
    """{id: (type's last word, member name)} of a part's relationships."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    found = {}
    if rels_name not in archive.NameToInfo:
        return found

    def start(name, attrs):
        if _local(name) == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            kind = attrs.get("Type", "")
            for prefix in (REL_TYPE, STRICT_REL_TYPE):
                kind = kind.removeprefix(prefix)
            found[attrs.get("Id", "")] = (kind, posixpath.normpath(path))

    _parse_whole(archive, rels_name, start=start)
    return found


class _Strings:
    """The shared-string table as one UTF-8 buffer and the offsets into it, so a million strings cost bytes, not objects."""

    def __init__(self):
        self.buffer = bytearray()
        self.ends = array("I")  # the table is under 32 MB, so every offset fits in four bytes
        self.too_long = set()

    def add(self, text, *, too_long):
        if len(self.ends) >= MAX_SHARED_STRINGS:
            raise _too_complex()
        if too_long:
            self.too_long.add(len(self.ends))
        else:
            self.buffer += text.encode("utf-8", "surrogatepass")
        self.ends.append(len(self.buffer))

    def __getitem__(self, index):
        if index < 0:
            raise IndexError(index)
        if index in self.too_long:
            return TOO_LONG
        start = self.ends[index - 1] if index else 0
        return self.buffer[start : self.ends[index]].decode("utf-8", "surrogatepass")

    def __len__(self):
        return len(self.ends)


class _Text:
    """Character data gathered up to a cell's limit; beyond it, only the fact that it was too long."""

    def __init__(self):
        self.parts, self.size, self.too_long = [], 0, False

    def add(self, data):
        if self.too_long:
            return
        self.size += len(data)
        if self.size > MAX_CELL_CHARS:
            self.parts, self.too_long = [], True
        else:
            self.parts.append(data)

    def value(self):
        return TOO_LONG if self.too_long else "".join(self.parts)


def _read_strings(archive, name):
    strings = _Strings()
    state = {"text": None, "depth": 0}

    def start(tag, _attrs):
        tag = _local(tag)
        if tag == "si":
            state["text"] = _Text()
        elif tag == "rPh":  # phonetic runs are a reading aid, not the text
            state["depth"] += 1
        elif tag == "t" and state["text"] is not None and not state["depth"]:
            state["in_t"] = True

    def end(tag):
        tag = _local(tag)
        if tag == "si" and state["text"] is not None:
            value = state["text"].value()
            strings.add("" if value is TOO_LONG else value, too_long=value is TOO_LONG)
            state["text"] = None
        elif tag == "rPh":
            state["depth"] -= 1
        elif tag == "t":
            state["in_t"] = False

    def text(data):
        if state.get("in_t"):
            state["text"].add(data)

    _parse_whole(archive, name, kind="strings", start=start, end=end, text=text)
    return strings


def _read_date_styles(archive, name):
    """One byte per cell style: 1 when its number format shows a date."""
    formats = dict(BUILTIN_FORMATS)
    flags = bytearray()
    state = {"in_xfs": False}

    def start(tag, attrs):
        tag = _local(tag)
        if tag == "numFmt":
            try:
                formats[int(attrs.get("numFmtId", -1))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif tag == "cellXfs":
            state["in_xfs"] = True
        elif tag == "xf" and state["in_xfs"]:
            try:
                code = formats.get(int(attrs.get("numFmtId", 0)), "")
            except ValueError:
                code = ""
            flags.append(1 if code and is_date_format(code) else 0)

    def end(tag):
        if _local(tag) == "cellXfs":
            state["in_xfs"] = False

    _parse_whole(archive, name, kind="styles", start=start, end=end)
    return flags


def _column_index(reference, default):
    """0-based column of a reference such as "XFD10001"; `default` when the cell gives none."""
    if not reference:
        return default
    index = 0
    for char in reference:
        if "A" <= char <= "Z":
            index = index * 26 + ord(char) - 64
        else:
            break
    if not 1 <= index <= 16384:
        raise _not_xlsx()
    return index - 1


class Sheet:
    """The first worksheet of an upload (or the one `select()` names), streamed line by line.

    `rows()` yields (line number, {column: value}) for every line with a
    value in a kept column: until `keep()` is called, the first MAX_COLUMNS
    columns (to read headings); then only the columns kept. The sheet may
    hold `max_rows` lines under `heading_lines` lines of headings: a line
    past them stops the reading with TooManyRows, whatever the sheet
    declares about its size. Values are text, numbers, booleans or
    datetimes (a number in a date format); a text longer than
    MAX_CELL_CHARS refuses the file.
    """

    def __init__(self, data, *, max_rows, heading_lines=1):
        self.archive = _open_archive(data)
        self.heading_lines = heading_lines
        self._locate()
        self.select(None, max_rows=max_rows)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.archive.close()

    def keep(self, columns):
        self.columns = frozenset(columns)

    def select(self, name, *, max_rows):
        """Read the sheet called `name` (without regard to accents or case; None: the first) from its start, under
        its own row cap, the strings read once for all; False when the workbook has no such sheet."""
        found = [path for title, path in self.sheets if name is None or fold(title) == fold(name)]
        if not found:
            return False
        self.sheet_name, self.columns = found[0], None
        self.max_rows, self.max_line = max_rows, max_rows + self.heading_lines
        return True

    def _locate(self):
        root = {kind: path for kind, path in _relationships(self.archive, "").values()}
        workbook = root.get("officeDocument", "xl/workbook.xml")
        relationships = _relationships(self.archive, workbook)
        sheets = []
        settings = {"date1904": False}

        def start(tag, attrs):
            tag = _local(tag)
            if tag == "sheet":
                rel = next((value for key, value in attrs.items() if _local(key) == "id"), "")
                if relationships.get(rel, ("",))[0] == "worksheet":
                    sheets.append((attrs.get("name", ""), relationships[rel][1]))
            elif tag == "workbookPr":
                settings["date1904"] = attrs.get("date1904", "0").lower() in ("1", "true")

        _parse_whole(self.archive, workbook, start=start)
        if not sheets:
            raise Refused(_("The file has no sheet to read."))
        self.sheets = sheets
        parts = {kind: path for kind, path in relationships.values()}
        self.strings = _read_strings(self.archive, parts["sharedStrings"]) if "sharedStrings" in parts else _Strings()
        self.date_styles = _read_date_styles(self.archive, parts["styles"]) if "styles" in parts else bytearray()
        self.epoch = CALENDAR_MAC_1904 if settings["date1904"] else CALENDAR_WINDOWS_1900

    def rows(self):
        done, state = [], {"line": 0, "cells": None, "cell": None, "text": None, "in_value": False}

        def start(tag, attrs):
            tag = _local(tag)
            if tag == "row":
                try:
                    line = int(attrs["r"]) if "r" in attrs else state["line"] + 1
                except ValueError as error:
                    raise _not_xlsx() from error
                if line > self.max_line:
                    raise TooManyRows(line, self.max_rows)
                state.update(line=line, cells={}, column=-1, chars=0)
            elif tag == "c" and state["cells"] is not None:
                column = _column_index(attrs.get("r", ""), state["column"] + 1)
                state["column"] = column
                kept = column in self.columns if self.columns is not None else column < MAX_COLUMNS
                state["cell"] = (column, attrs.get("t", "n"), attrs.get("s", "0")) if kept else None
                state["text"] = _Text() if kept else None
            elif tag in ("v", "t") and state["cell"] is not None:
                state["in_value"] = True

        def end(tag):
            tag = _local(tag)
            if tag in ("v", "t"):
                state["in_value"] = False
            elif tag == "c" and state["cell"] is not None:
                value = self._value(*state["cell"], state["text"].value())
                if value is not None and value != "":
                    state["cells"][state["cell"][0]] = value
                    state["chars"] += len(value) if isinstance(value, str) else 0
                    if state["chars"] > MAX_LINE_CHARS:
                        raise _too_complex()
                state["cell"] = None
            elif tag == "row" and state["cells"] is not None:
                if state["cells"]:
                    done.append((state["line"], state["cells"]))
                state["cells"] = None

        def text(data):
            if state["in_value"]:
                state["text"].add(data)

        for _step in _parse(self.archive, self.sheet_name, start=start, end=end, text=text):
            yield from done
            done.clear()

    def _value(self, column, kind, style, raw):
        if raw is TOO_LONG:
            raise Refused(
                _("A cell holds more than %(max)s characters, more than a list needs.")
                % {"max": number_format(MAX_CELL_CHARS, force_grouping=True)}
            )
        if kind == "s":
            try:
                value = self.strings[int(raw)]
            except (ValueError, IndexError) as error:
                raise _not_xlsx() from error
            return self._value(column, "str", style, value)
        if kind in ("str", "inlineStr", "e"):
            return raw
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            try:
                return datetime.fromisoformat(raw.strip())
            except ValueError:
                return raw
        raw = raw.strip()
        if not raw:
            return None
        try:
            number = int(raw) if raw.lstrip("-").isdigit() else float(raw)
        except ValueError:
            return raw
        try:
            is_date = self.date_styles[int(style)]
        except (ValueError, IndexError):
            is_date = False
        if is_date:
            try:
                return from_excel(number, self.epoch)
            except (ValueError, OverflowError):
                return number
        return number
