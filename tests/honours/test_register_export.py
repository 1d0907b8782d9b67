"""The register's export at province scale: written in the background, with its progress, then downloaded."""

import time
from io import BytesIO
from xml.etree import ElementTree
from zipfile import ZipFile

from django.urls import reverse

from honours.models import Honour, RegisterExport
from honours.sheets import EXPORT_COLUMNS
from organisation.models import Person
from tests.honours.test_register import _copied_to, _first_hundred

PROVINCE = 92_000  # the awards a province's register holds (bench/province.py)


def _row(content, number):
    """The texts of one row of the file's sheet, read up to that row only (openpyxl reads the whole sheet to learn
    its size before it gives a row: seconds at this length)."""
    with ZipFile(BytesIO(content)) as archive, archive.open("xl/worksheets/sheet1.xml") as sheet:
        for _event, element in ElementTree.iterparse(sheet):
            if element.tag.endswith("}row") and element.get("r") == str(number):
                return ["".join(cell.itertext()) for cell in element]
    return None


def test_register_export_runs_in_background_at_province_scale(login, world, django_capture_on_commit_callbacks):
    client = login(world["office"])
    units = [world["unit_a"], world["unit_a_sub"], world["unit_b"]]
    people = Person.objects.bulk_create(
        Person(unit=units[index % 3], full_name=f"Trần Văn Thử {index:04d}", search_name=f"tran van thu {index:04d}")
        for index in range(PROVINCE // 100)
    )
    _first_hundred(people[0])
    _copied_to([person.pk for person in people[1:]], source=people[0])
    assert Honour.objects.count() == PROVINCE
    url = reverse("honours:export")
    with django_capture_on_commit_callbacks() as queued:
        started = time.monotonic()
        response = client.get(url)
        answered = time.monotonic() - started
    assert response.status_code == 302 and answered < 3  # the request only looks past the limit and queues
    export = RegisterExport.objects.get()
    assert response["Location"] == reverse("honours:export_file", args=[export.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Danh sách dài: hệ thống đang ghi tệp ở chế độ nền" in page and "Đang chờ đến lượt…" in page
    # A second click while it is written gets the same export.
    assert client.get(reverse("honours:export"))["Location"] == response["Location"]
    assert RegisterExport.objects.count() == 1
    for callback in queued:  # the worker's turn
        callback()
    export.refresh_from_db()
    assert export.status == "done" and export.done == PROVINCE // 2000 * 2000
    download = client.get(response["Location"])
    content = b"".join(download.streaming_content)
    with ZipFile(BytesIO(content)) as archive:  # every row written, counted without loading the sheet
        assert archive.read("xl/worksheets/sheet1.xml").count(b"<row ") == PROVINCE + 1
    assert _row(content, 1) == EXPORT_COLUMNS and _row(content, 2)[3].startswith("Trần Văn Thử")
    # It is the requester's file: another user is told it does not exist.
    client.force_login(world["clerk_c"])
    assert client.get(response["Location"]).status_code == 404
