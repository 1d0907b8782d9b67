"""The register's export at province scale: written in the background, with its progress, then downloaded."""

import time
from io import BytesIO
from zipfile import ZipFile

from django.urls import reverse
from openpyxl import load_workbook

from honours.models import Honour, RegisterExport
from organisation.models import Person
from tests.honours.test_register import _copied_to, _first_hundred

PROVINCE = 92_000  # the awards a province's register holds (bench/province.py)


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
    sheet = load_workbook(BytesIO(content), read_only=True).active
    assert next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))[3].startswith("Trần Văn Thử")
    # It is the requester's file: another user is told it does not exist.
    client.force_login(world["clerk_c"])
    assert client.get(response["Location"]).status_code == 404
