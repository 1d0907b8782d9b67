"""Staff lists from Excel: a clean file imports once; a bad file is refused whole, line by line."""

from datetime import date, datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from organisation.models import Person, SheetImport

HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Chức vụ", "Đơn vị"]


def xlsx(rows, header=HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("danh-sach.xlsx", buffer.getvalue())


def upload(client, unit, file):
    return client.post(reverse("organisation:staff_import", args=[unit.pk]), {"file": file})


def test_template_lists_the_columns_and_the_units(login, world):
    response = login(world["clerk_a"]).get(reverse("organisation:staff_template", args=[world["unit_a"].pk]))
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    assert [cell.value for cell in workbook.worksheets[0][1]] == HEADER
    guide = "\n".join(str(row[0].value) for row in workbook["Hướng dẫn"].iter_rows())
    assert "Phòng Nghiệp vụ" in guide


def test_clean_file_is_previewed_then_imported_once(login, world):
    client = login(world["clerk_a"])
    file = xlsx(
        [
            ["Trần Thị Bích", "Nữ", "05/02/1980", "Trưởng phòng", "Phòng Nghiệp vụ"],
            ["Lê Văn Cường", "nam", datetime(1990, 12, 31), "Chuyên viên", "SỞ VĂN HÓA THỬ"],
            [None, None, None, None, None],
        ]
    )
    response = upload(client, world["unit_a"], file)
    assert response.status_code == 200
    assert "Trần Thị Bích" in response.content.decode()
    assert not Person.objects.exists()  # only a preview so far
    staff_import = SheetImport.objects.get()
    confirm = reverse("organisation:staff_import_confirm", args=[world["unit_a"].pk, staff_import.pk])
    assert client.post(confirm).status_code == 302
    assert client.post(confirm).status_code == 302  # a double click imports nothing more
    assert Person.objects.count() == 2
    bich = Person.objects.get(full_name="Trần Thị Bích")
    assert (bich.unit, bich.gender, bich.birth_date) == (world["unit_a_sub"], "female", date(1980, 2, 5))


def test_reimport_updates_instead_of_duplicating(login, world):
    client = login(world["clerk_a"])
    for position in ["Chuyên viên", "Phó Trưởng phòng"]:
        upload(client, world["unit_a"], xlsx([["Lê Văn Cường", "Nam", "01/01/1990", position, "Phòng Nghiệp vụ"]]))
        staff_import = SheetImport.objects.filter(status="pending").get()
        client.post(reverse("organisation:staff_import_confirm", args=[world["unit_a"].pk, staff_import.pk]))
    assert list(Person.objects.values_list("position", flat=True)) == ["Phó Trưởng phòng"]


@pytest.mark.parametrize(
    "rows, header, expected",
    [
        ([["A", "Nam", "01/01/1990", "CV"]], HEADER[:3] + ["Chức vụ"], "Thiếu cột: Đơn vị"),
        (
            [["Nguyễn A", "Nam", "31/02/1990", "CV", "Phòng Nghiệp vụ"]],
            HEADER,
            "Dòng 3: ngày sinh “31/02/1990” không phải ngày hợp lệ",
        ),
        ([["Nguyễn A", "Nam", "01/01/1990", "CV", "Phòng Không Có"]], HEADER, "không có đơn vị “Phòng Không Có”"),
        (
            [
                ["Nguyễn A", "Nam", "01/01/1990", "CV", "Phòng Nghiệp vụ"],
                ["Nguyen A", "Nam", "01/01/1990", "CV", "Phòng Nghiệp vụ"],
            ],
            HEADER,
            "Dòng 4: trùng với dòng 3",
        ),
        ([["Nguyễn A", "Khác", "", "CV", "Phòng Nghiệp vụ"]], HEADER, "Giới tính phải là Nam hoặc Nữ"),
        ([], HEADER, "không có dòng nào"),
    ],
)
def test_bad_files_are_refused_whole_with_a_report(login, world, rows, header, expected):
    good_row = ["Người Đúng", "Nữ", "01/01/1991", "CV", "Phòng Nghiệp vụ"]
    response = upload(login(world["clerk_a"]), world["unit_a"], xlsx([good_row, *rows] if rows else [], header))
    assert response.status_code == 400
    body = response.content.decode()
    assert expected.lower() in body.lower()
    assert not Person.objects.exists()
    assert not SheetImport.objects.exists()


def test_a_file_that_is_not_excel_is_refused(login, world):
    response = upload(
        login(world["clerk_a"]), world["unit_a"], SimpleUploadedFile("danh-sach.xlsx", b"%PDF-1.4 not a workbook")
    )
    assert response.status_code == 400
    assert "không phải tệp Excel .xlsx" in response.content.decode()


def test_clerk_cannot_import_into_another_unit(login, world):
    client = login(world["clerk_b"])
    file = xlsx([["Nguyễn A", "Nam", "01/01/1990", "CV", "Sở Văn hóa Thử"]])
    assert upload(client, world["unit_a"], file).status_code == 404
    assert client.get(reverse("organisation:staff_template", args=[world["unit_a"].pk])).status_code == 404
    # The leader sees the member's page but does not keep its staff list.
    assert upload(login(world["leader"]), world["unit_b"], file).status_code == 403
