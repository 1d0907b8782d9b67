"""Hostile .xlsx uploads: every import reads them in bounded memory and time, through the one reader (core.xlsx)."""

import os
import tracemalloc
import zipfile
from datetime import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from core import xlsx, xlsx_tables
from core.excel import append_row, new_workbook, workbook_bytes
from honours import sheets as register_sheets
from organisation import accounts_excel, sheets, staff_excel, tree_excel
from scoring.models import MAX_CRITERIA, Criterion
from scoring.table_excel import criteria as scoring_excel
from tests import xlsx_bombs


def peak_memory(call):
    """(result, the peak of memory the call allocated, in MB)."""
    tracemalloc.start()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()


# Each import as its page takes a file: (URL, who uploads, the form's fields, its headings, its row cap).
IMPORTS = {
    "staff": (
        lambda sw: reverse("organisation:staff_import", args=[sw["unit_a"].pk]),
        "office",
        {},
        staff_excel.COLUMNS,
        sheets.MAX_ROWS,
    ),
    "tree": (
        lambda sw: reverse("organisation:tree_import", args=[sw["province"].pk]),
        "office",
        {},
        tree_excel.COLUMNS,
        sheets.MAX_ROWS,
    ),
    "accounts": (
        lambda sw: reverse("organisation:accounts_import"),
        "office",
        {},
        accounts_excel.COLUMNS,
        sheets.MAX_ROWS,
    ),
    "register": (
        lambda sw: reverse("honours:import", args=[sw["province"].pk]),
        "office",
        {},
        register_sheets.COLUMNS,
        sheets.MAX_ROWS,
    ),
    "criteria": (
        lambda sw: reverse("scoring:criteria_import", args=[sw["campaign"].pk]),
        "leader",
        {},
        scoring_excel.COLUMNS,
        MAX_CRITERIA,
    ),
    "score sheet": (
        lambda sw: reverse("scoring:score", args=[sw["campaign"].pk, sw["unit_b"].pk]),
        "leader",
        {"action": "import"},
        [("criterion", "Tiêu chí"), ("unit", "Sở Y tế Thử")],
        MAX_CRITERIA + 2,
    ),
}


def upload(login, sw, kind, data):
    """Post the file to the import's page, and the peak of memory the request took, the page being loaded once before."""
    url, who, fields, _columns, _cap = IMPORTS[kind]
    field = "sheet" if kind == "score sheet" else "file"
    client = login(sw[who])
    assert client.get(url(sw)).status_code == 200
    return peak_memory(lambda: client.post(url(sw), {**fields, field: SimpleUploadedFile("danh-sach.xlsx", data)}))


def page_text(response):
    from django.contrib.messages import get_messages

    return response.content.decode() + " ".join(str(message) for message in get_messages(response.wsgi_request))


@pytest.fixture(scope="module")
def shared_strings_bomb():
    # The tester's bomb (1.1 GB in 1.1 MB) is in bench/imports.py; 50 MB is refused the same way and made faster.
    return xlsx_bombs.shared_strings_bomb(megabytes=50)


@pytest.mark.parametrize("kind", IMPORTS)
def test_xlsx_shared_strings_bomb_is_refused_with_bounded_memory(login, sw, kind, shared_strings_bomb):
    response, peak = upload(login, sw, kind, shared_strings_bomb)
    assert response.status_code == 400
    assert "không đọc tệp này" in page_text(response)
    assert peak < 30, f"{peak:.0f} MB"
    # Nothing was imported.
    assert not Criterion.objects.filter(campaign=sw["campaign"]).exclude(pk__in=[c.pk for c in sw["criteria"]]).exists()


def test_a_long_shared_string_within_the_limits_is_never_held(login, sw):
    """A 30 MB string fits the limits of a shared-string table; the reader keeps no more than a cell may hold."""
    table = "".join(f"<si><t>{text}</t></si>" for text in ("Họ và tên", "Tiêu chí"))
    # Random enough to compress about 15 times, as real text does, not thousands of times as a bomb does.
    varied = os.urandom(30 * 1024 * 1024).translate(bytes(98 if byte < 16 else 97 for byte in range(256))).decode()
    data = xlsx_bombs.workbook(
        [
            "<sheetData>",
            '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
            '<row r="2"><c r="A2" t="s"><v>2</v></c></row>',
            "</sheetData>",
        ],
        strings_parts=[table, "<si><t>", varied, "</t></si>"],
        compresslevel=1,
    )
    (lines, errors), peak = peak_memory(
        lambda: xlsx_tables.read_table(data, columns=[("name", "Họ và tên")], max_rows=10)
    )
    assert lines is None and "hơn 5000 ký tự" in errors[0][1].replace(".", "")
    assert peak < 12, f"{peak:.0f} MB"


@pytest.mark.parametrize("kind", IMPORTS)
def test_xlsx_row_bomb_stops_at_the_row_cap(login, sw, kind, monkeypatch):
    """A sheet of 100,000 lines and no declared size: reading stops at the import's cap, and says it."""
    bomb = xlsx_bombs.row_bomb(rows=100_000, headings=[label for _key, label in IMPORTS[kind][3]])
    read = []
    original = zipfile.ZipExtFile.read

    def counting(self, n=-1):
        data = original(self, n)
        if self.name.endswith("sheet1.xml"):
            read.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting)
    sheet_size = zipfile.ZipFile(BytesIO(bomb)).getinfo("xl/worksheets/sheet1.xml").file_size
    response, peak = upload(login, sw, kind, bomb)
    assert response.status_code == 400
    cap = IMPORTS[kind][4]
    text = page_text(response).replace(".", "")
    if kind == "score sheet":
        assert "nhiều dòng hơn thang điểm" in text
    else:
        assert f"hơn {cap} dòng" in text and f"Dòng {cap + 2}" in text
    # The lines after the cap were never read.
    assert sum(read) < sheet_size / 10
    assert peak < 30, f"{peak:.0f} MB"


def test_an_empty_row_bomb_stops_at_the_cap_too(login, sw):
    bomb = xlsx_bombs.empty_row_bomb(rows=1_000_000, headings=[label for _key, label in scoring_excel.COLUMNS])
    response, peak = upload(login, sw, "criteria", bomb)
    assert response.status_code == 400 and f"hơn {MAX_CRITERIA} dòng" in page_text(response).replace(".", "")
    assert peak < 30


def criteria_file(count):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Thang điểm")
    sheet.append([label for _key, label in scoring_excel.COLUMNS])
    for number in range(1, count + 1):
        sheet.append(["I", str(number), f"Tiêu chí số {number}", 1, "Tiêu chí"])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_criteria_import_has_a_row_cap(login, sw):
    client = login(sw["leader"])
    url = reverse("scoring:criteria_import", args=[sw["campaign"].pk])
    page = client.get(url).content.decode()
    assert "tối đa 1.000 dòng" in page
    template = xlsx_tables.read_table(
        client.get(reverse("scoring:criteria_download", args=[sw["campaign"].pk])).content,
        columns=scoring_excel.COLUMNS,
        max_rows=MAX_CRITERIA,
    )
    assert template[1] == []
    from openpyxl import load_workbook

    guide = load_workbook(BytesIO(client.get(reverse("scoring:criteria_download", args=[sw["campaign"].pk])).content))
    assert any("tối đa 1.000 dòng" in str(row[0]) for row in guide["Hướng dẫn"].iter_rows(values_only=True))

    refused = client.post(url, {"file": SimpleUploadedFile("thang-diem.xlsx", criteria_file(MAX_CRITERIA + 1))})
    assert refused.status_code == 400
    assert "hơn 1.000 dòng" in refused.content.decode()
    assert Criterion.objects.filter(campaign=sw["campaign"]).count() == len(sw["criteria"])

    previewed = client.post(url, {"file": SimpleUploadedFile("thang-diem.xlsx", criteria_file(MAX_CRITERIA))})
    assert previewed.status_code == 200
    confirm = reverse("scoring:criteria_import_confirm", args=[sw["campaign"].pk, previewed.context["sheet_import"].pk])
    assert client.post(confirm).status_code == 302
    assert Criterion.objects.filter(campaign=sw["campaign"]).count() == MAX_CRITERIA
    # Nor can a table grow past the cap one line at a time.
    one_more = client.post(
        reverse("scoring:criterion_new", args=[sw["campaign"].pk]),
        {"group": "I", "label": "x", "text": "Một dòng nữa", "max_points": "1", "kind": "regular"},
    )
    assert "tối đa 1.000 dòng" in one_more.content.decode() or one_more.status_code == 302
    assert Criterion.objects.filter(campaign=sw["campaign"]).count() == MAX_CRITERIA


def test_score_sheet_import_ignores_declared_width(login, sw):
    """A 2 KB sheet declaring A1:XFD10001 is read as the few cells it holds, not padded to 16,384 columns."""
    lines = [str(criterion) for criterion in sw["criteria"]]
    data = xlsx_bombs.declared_wide_sheet(
        [
            ["Phong trào thi đua năm 2020"],
            ["Tiêu chí", "Điểm tối đa", "Sở Văn hóa Thử", "Sở Y tế Thử"],
            [lines[0], 10, 9, 8],
            [lines[1], 10, 9, 9],
            [lines[2], 10, 9, 10],
            [lines[3], 5, 0, 2],
            [lines[4], 5, 0, 1],
        ]
    )
    assert len(data) < 4096
    response, peak = upload(login, sw, "score sheet", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert [form[f"points_{c.pk}"].value() for c in sw["criteria"]] == ["8", "9", "10", "2", "1"]
    assert peak < 20, f"{peak:.0f} MB"


def test_the_reader_keeps_dates_numbers_and_only_the_columns_asked_for():
    workbook = new_workbook("Danh sách")
    for values in [
        ["Ghi chú", "Họ và tên", "ngay sinh"],
        ["bỏ qua", "Nguyễn Văn A", datetime(1985, 3, 15)],
        [None, None, None],
        ["x", "=HYPERLINK(1)", 1985],
    ]:
        append_row(workbook.active, values)
    lines, errors = xlsx_tables.read_table(
        workbook_bytes(workbook), columns=[("name", "Họ và tên"), ("born", "Ngày sinh")], max_rows=10
    )
    assert errors == []
    assert lines == [
        (2, {"name": "Nguyễn Văn A", "born": datetime(1985, 3, 15)}),
        (4, {"name": "=HYPERLINK(1)", "born": 1985}),
    ]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "rỗng"),
        (b"PK\x03\x04 not really a zip", "không phải tệp Excel"),
        (b"x" * (xlsx.MAX_FILE_BYTES + 1), "lớn hơn 5 MB"),
        (
            xlsx_bombs.workbook(['<!DOCTYPE x [<!ENTITY a "aaaa">]>', "<sheetData/>"]),
            "không phải tệp Excel",
        ),
    ],
)
def test_files_that_are_not_lists_are_refused_with_a_reason(data, message):
    lines, errors = xlsx_tables.read_table(data, columns=[("name", "Họ và tên")], max_rows=10)
    assert lines is None and message in errors[0][1]


def test_a_long_error_report_is_one_page_and_a_download(login, sw):
    """5,000 wrong lines: the page lists the first hundred, the rest is downloaded by its uploader only."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.append([label for _key, label in staff_excel.COLUMNS])
    for number in range(sheets.MAX_ROWS):
        sheet.append([f"Người {number}", "Không rõ", "32/13/1990", "", "Đơn vị lạ"])
    buffer = BytesIO()
    workbook.save(buffer)
    response, _peak = upload(login, sw, "staff", buffer.getvalue())
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("<li>Dòng ") == sheets.REPORT_LINES_SHOWN
    assert len(page) < 200_000
    assert "Còn 4.900 dòng lỗi nữa" in page.replace("4900", "4.900")
    report_url = reverse("organisation:import_report", args=[response.context["report"]["kept"].pk])
    assert report_url in page
    from openpyxl import load_workbook

    report = load_workbook(BytesIO(login(sw["office"]).get(report_url).content)).active
    lines = list(report.iter_rows(min_row=3, values_only=True))
    assert len(lines) == sheets.MAX_ROWS and lines[-1][0] == sheets.MAX_ROWS + 1
    assert login(sw["office_other"]).get(report_url).status_code == 404
