"""The award register: imported from the office's Excel register, searched, filtered, exported; a person's history."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from campaigns.models import Title
from honours.models import Honour
from honours.services import _named
from honours.sheets import COLUMNS
from organisation.models import Person, SheetImport

HEADER = [label for _key, label in COLUMNS]


def xlsx(rows, name="so-khen-thuong.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, unit, rows):
    return client.post(reverse("honours:import", args=[unit.pk]), {"file": xlsx(rows)})


@pytest.fixture
def staff(world):
    return {
        "an": Person.objects.create(unit=world["unit_a"], full_name="Trần Văn An", birth_date=date(1980, 5, 1)),
        "binh": Person.objects.create(unit=world["unit_a_sub"], full_name="Lê Thị Bình"),
        "an_b": Person.objects.create(unit=world["unit_b"], full_name="Trần Văn An", birth_date=date(1975, 2, 3)),
    }


def test_register_import_from_excel(login, world, staff):
    client = login(world["office"])
    rows = [
        [
            2018,
            "Chiến sĩ thi đua cơ sở",
            "Trần Văn An",
            "01/05/1980",
            "Sở Văn hóa Thử",
            "12/QĐ-SVH",
            "20/01/2019",
            "Giám đốc Sở Văn hóa Thử",
            "",
        ],
        [
            2019,
            "chien si thi dua co so",
            "Lê Thị Bình",
            None,
            "Phòng Nghiệp vụ",
            "15/QĐ-SVH",
            date(2020, 1, 18),
            "Giám đốc Sở Văn hóa Thử",
            "Thường xuyên",
        ],
        [
            2019,
            "Tập thể lao động xuất sắc",
            None,
            None,
            "SỞ Y TẾ THỬ",
            "301/QĐ-UBND",
            "10/03/2020",
            "Chủ tịch UBND tỉnh Thử",
            "Chuyên đề",
        ],
    ]
    response = upload(client, world["province"], rows)
    page = response.content.decode()
    assert response.status_code == 200 and "Trần Văn An" in page and "301/QĐ-UBND" in page
    assert not Honour.objects.exists()  # a preview only
    sheet_import = SheetImport.objects.get(kind="honours")
    confirm = reverse("honours:import_confirm", args=[world["province"].pk, sheet_import.pk])
    assert client.post(confirm).status_code == 302
    assert client.post(confirm).status_code == 302  # a double click imports nothing more
    assert Honour.objects.count() == 3
    an = Honour.objects.get(person=staff["an"])  # the Trần Văn An of Sở Văn hóa, told apart by the birth date
    assert (an.year, an.title.code, an.decision_number, an.decision_date) == (
        2018,
        "cstdcs",
        "12/QĐ-SVH",
        date(2019, 1, 20),
    )
    collective = Honour.objects.get(person=None)
    assert (collective.unit, collective.method, collective.source) == (world["unit_b"], "thematic", "import")

    # Searched without regard to accents, filtered by year, unit and title.
    def listed(**params):
        return client.get(reverse("honours:register"), params).content.decode()

    assert "Lê Thị Bình" in listed(q="le thi binh") and "Trần Văn An" not in listed(q="le thi binh")
    assert "301/QĐ-UBND" in listed(q="301/qd") and "Lê Thị Bình" not in listed(q="301/qd")
    assert "Trần Văn An" in listed(year=2018) and "Lê Thị Bình" not in listed(year=2018)
    assert "Lê Thị Bình" in listed(unit=world["unit_a"].pk) and "301/QĐ-UBND" not in listed(unit=world["unit_a"].pk)
    cstdcs = Title.objects.get(code="cstdcs")
    assert "301/QĐ-UBND" not in listed(title=cstdcs.pk) and "Trần Văn An" in listed(title=cstdcs.pk)

    # Exported to Excel with the same filters; the file reads back as the template's columns.
    response = client.get(reverse("honours:export"), {"title": cstdcs.pk})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][1 : len(HEADER) + 1] == HEADER
    assert sorted(row[3] for row in rows[1:]) == ["Lê Thị Bình", "Trần Văn An"]
    assert {row[7] for row in rows[1:]} == {"20/01/2019", "18/01/2020"}

    # Another province's office sees none of it.
    client = login(world["office_other"])
    assert "Trần Văn An" not in client.get(reverse("honours:register")).content.decode()


def test_bad_register_is_reported_line_by_line_and_imports_nothing(login, world, staff):
    client = login(world["office"])
    rows = [
        [2019, "Lao động tiên tiến", "Lê Thị Bình", None, "Phòng Nghiệp vụ", "1/QĐ", "10/01/2020", "Giám đốc", ""],
        [2019, "Lao động tiên tiến", "Lê Thị Bình", None, "Phòng Nghiệp vụ", "2/QĐ", "11/01/2020", "Giám đốc", ""],
        [2019, "Lao động tiên tiến", "Ngô Vô Danh", None, "Phòng Nghiệp vụ", "1/QĐ", "10/01/2020", "Giám đốc", ""],
        [2019, "Huân chương Sao Hỏa", "Lê Thị Bình", None, "Phòng Nghiệp vụ", "1/QĐ", "10/01/2020", "Giám đốc", ""],
        [2019, "Tập thể lao động tiên tiến", None, None, "Sở Không Có", "1/QĐ", "10/01/2020", "Giám đốc", ""],
        [2019, "Tập thể lao động tiên tiến", None, None, "Sở Y tế Thử", "1/QĐ", "10/01/2018", "Giám đốc", ""],
        [1890, "Tập thể lao động tiên tiến", None, None, "Sở Y tế Thử", "1/QĐ", "10/01/2020", "Giám đốc", ""],
        [2019, "Tập thể lao động tiên tiến", None, None, "Sở Công Thương Thử", "1/QĐ", "10/01/2020", "Giám đốc", ""],
        [2019, "Tập thể lao động tiên tiến", None, None, "Sở Y tế Thử", "1/QĐ", "31/02/2020", "Giám đốc", ""],
        [2019, "Lao động tiên tiến", "Trần Văn An", None, "Phòng Nghiệp vụ", "1/QĐ", "10/01/2020", "Giám đốc", ""],
    ]
    response = upload(client, world["province"], rows)
    assert response.status_code == 400
    report = response.content.decode()
    for line, text in [
        (3, "trùng khen thưởng với dòng 2"),
        (4, "“Ngô Vô Danh” không có trong danh sách CBCCVC"),
        (5, "không có danh hiệu, hình thức khen thưởng nào tên “Huân chương Sao Hỏa”"),
        (6, "không có đơn vị “Sở Không Có”"),
        (7, "ngày quyết định 10/01/2018 không nằm trong khoảng từ đầu năm 2019 đến hôm nay"),
        (8, "năm “1890” không phải là năm từ 2000 đến"),
        (9, "không có đơn vị “Sở Công Thương Thử”"),  # another province's unit is not the office's
        (10, "ngày quyết định “31/02/2020” không phải là ngày dd/mm/yyyy"),
        (11, "có nhiều người tên “Trần Văn An”: hãy ghi ngày sinh"),
    ]:
        assert f"Dòng {line}: " in report and text in report, (line, text)
    assert "Dòng 2: " not in report
    assert not Honour.objects.exists() and not SheetImport.objects.exists()


def test_an_award_already_in_the_register_is_refused(login, world, staff):
    client = login(world["office"])
    row = [2019, "Lao động tiên tiến", "Lê Thị Bình", None, "Phòng Nghiệp vụ", "1/QĐ-SVH", "10/01/2020", "Giám đốc", ""]
    upload(client, world["province"], [row])
    client.post(reverse("honours:import_confirm", args=[world["province"].pk, SheetImport.objects.get().pk]))
    response = upload(client, world["province"], [row])
    assert response.status_code == 400
    assert "Dòng 2: " in response.content.decode() and "đã có trong sổ (quyết định 1/QĐ-SVH ngày 10/01/2020)" in (
        response.content.decode()
    )
    assert Honour.objects.count() == 1


def test_a_person_keeps_their_history_when_they_move(login, world, staff):
    client = login(world["office"])
    upload(
        client,
        world["province"],
        [[2018, "Lao động tiên tiến", "Lê Thị Bình", None, "Phòng Nghiệp vụ", "5/QĐ", "10/01/2019", "Giám đốc", ""]],
    )
    client.post(reverse("honours:import_confirm", args=[world["province"].pk, SheetImport.objects.get().pk]))
    Person.objects.filter(pk=staff["binh"].pk).update(unit=world["unit_b"])  # she moves to Sở Y tế
    honour = Honour.objects.get()
    assert honour.unit == world["unit_a_sub"]  # where she earned it
    page = client.get(reverse("honours:register"), {"person": staff["binh"].pk}).content.decode()
    assert "Lê Thị Bình" in page and "nay ở Sở Y tế Thử" in page
    # Her new unit's clerk sees her history; her old unit's register still lists the award earned there.
    assert "Lê Thị Bình" in login(world["clerk_b"]).get(reverse("honours:register")).content.decode()
    listed = login(world["office"]).get(reverse("honours:register"), {"unit": world["unit_a_sub"].pk})
    assert "Lê Thị Bình" in listed.content.decode()


def test_the_template_names_the_units_and_titles(login, world):
    response = login(world["office"]).get(reverse("honours:template", args=[world["province"].pk]))
    workbook = load_workbook(BytesIO(response.content))
    assert [cell.value for cell in workbook.worksheets[0][1]] == HEADER
    guide = "\n".join(str(row[0].value) for row in workbook["Hướng dẫn"].iter_rows())
    assert "Phòng Nghiệp vụ" in guide and "Chiến sĩ thi đua cơ sở" in guide and "Sở Công Thương Thử" not in guide


INDIVIDUAL_TITLES = ("ldtt", "cstdcs", "giay-khen-ca-nhan", "bang-khen-tinh-ca-nhan")


def _first_hundred(person):
    """Four individual titles a year for 25 years: the 100 rows the others are copied from."""
    titles = Title.objects.filter(code__in=INDIVIDUAL_TITLES)
    Honour.objects.bulk_create(
        _named(
            Honour(
                year=year,
                title=title,
                person=person,
                unit_id=person.unit_id,
                recipient_name=person.full_name,
                decision_number=f"{year}/QĐ-{title.code}",
                decision_date=date(year, 12, 1),
                authority="Giám đốc Sở Văn hóa Thử",
                source="import",
            )
        )
        for title in titles
        for year in range(2000, 2025)
    )


def _copied_to(person_ids, *, source):
    """The source's rows again for each of these people, copied inside the database: 100,000 rows in a second."""
    honours, people = Honour._meta.db_table, Person._meta.db_table
    columns = "year, title_id, decision_number, decision_date, authority, method, source, created_at"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {honours} ({columns}, unit_id, person_id, recipient_name, sort_name, search_text) "
            f"SELECT {', '.join(f'h.{c.strip()}' for c in columns.split(','))}, "
            f"p.unit_id, p.id, p.full_name, p.search_name, p.search_name "
            f"FROM {honours} h CROSS JOIN {people} p WHERE h.person_id = %s AND p.id IN ({', '.join(['%s'] * len(person_ids))})",
            [source.pk, *person_ids],
        )


def test_register_page_queries_stay_flat_from_100_to_100000_rows(login, world):
    client = login(world["office"])
    pages = [
        {},
        {"q": "tran van", "year": 2010, "unit": world["unit_a"].pk, "title": Title.objects.get(code="ldtt").pk},
        {"page": 2},
    ]

    def queries():
        counts = []
        for params in pages:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(reverse("honours:register"), params)
            assert response.status_code == 200
            counts.append(len(captured.captured_queries))
        return counts

    units = [world["unit_a"], world["unit_a_sub"], world["unit_b"]]
    people = Person.objects.bulk_create(
        Person(unit=units[index % 3], full_name=f"Trần Văn Thử {index:04d}", search_name=f"tran van thu {index:04d}")
        for index in range(1000)
    )
    _first_hundred(people[0])
    assert Honour.objects.count() == 100
    small = queries()
    _copied_to([person.pk for person in people[1:]], source=people[0])
    assert Honour.objects.count() == 100_000
    assert queries() == small
    page = client.get(reverse("honours:register"), {"page": 3}).content.decode()
    assert "dòng 101–150 trong 100000" in page.replace(".", "")


def test_an_import_refreshes_the_planners_statistics_on_postgresql(
    login, world, staff, django_capture_on_commit_callbacks
):
    """The planner learns of the rows an import brought in as it commits (ANALYZE), not when autovacuum gets to it."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("statistics for the planner are PostgreSQL's")

    def planner_rows():
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [Honour._meta.db_table])
            return cursor.fetchone()[0]

    client = login(world["office"])
    rows = [
        [
            year,
            "Lao động tiên tiến",
            "Trần Văn An",
            "01/05/1980",
            "Sở Văn hóa Thử",
            f"{year}/QĐ-SVH",
            f"20/01/{year + 1}",
            "Giám đốc Sở Văn hóa Thử",
            "",
        ]
        for year in range(2000, 2020)
    ]
    upload(client, world["province"], rows)
    sheet_import = SheetImport.objects.get(kind="honours")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("honours:import_confirm", args=[world["province"].pk, sheet_import.pk]))
    assert Honour.objects.count() == 20 and planner_rows() == 20
