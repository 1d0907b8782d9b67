"""Reading a Kế hoạch into a draft campaign: the four seeds field by field, unseen plans, bad files."""

import zipfile
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Campaign, Title
from campaigns.plan_import import PlanError, parse_plan, read_text

# Copies of the four seed plans (shared/seeds), kept with the project.
SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "plans"


def seed(prefix):
    path = next(SEEDS.glob(f"{prefix}_*.txt"), None)
    if path is None:
        raise FileNotFoundError(f"no seed plan {prefix} in {SEEDS}")
    return path.read_text(encoding="utf-8")


def read(prefix):
    return parse_plan(seed(prefix), titles=list(Title.objects.all()))


def value(found):
    return found.value if found else None


def test_seed_000_project_board(db):
    plan = read("000")
    assert (value(plan.parent_body), value(plan.issuer)) == ("UBND TỈNH SÓC TRĂNG", "BAN QUẢN LÝ DỰ ÁN 2")
    assert (value(plan.number), value(plan.place), value(plan.year)) == ("/KH-BQLDA2", "Sóc Trăng", 2020)
    assert plan.issued_on is None  # the plan leaves the day blank: no date is invented
    assert any("để trống ngày" in note for note in plan.notes)
    assert value(plan.title) == "Phát động phong trào thi đua gắn với thực hiện cải cách hành chính Năm 2020"
    assert value(plan.slogan) == "Đoàn kết, sáng tạo, thi đua xây dựng và bảo vệ Tổ quốc"
    assert [found.value[:35] for found in plan.legal_basis] == [
        "Luật Thi đua khen thưởng ngày 26/11",
        "Nghị định số 91/2017/NĐ-CP ngày 31/",
    ]
    assert value(plan.purposes).startswith("1. Phát huy những kết quả")
    assert [found.value[0] for found in plan.content_items] == ["1.1", "1.2", "1.3", "1.4", "1.5"]
    assert [(p.value["number"], p.value["starts_on"], p.value["ends_on"]) for p in plan.phases] == [
        (1, date(2020, 1, 1), date(2020, 5, 30)),
        (2, date(2020, 6, 1), date(2020, 12, 30)),
    ]
    assert [(m.value["due_on"], m.value["kind"]) for m in plan.milestones] == [(date(2020, 11, 1), "yearend_report")]
    assert plan.phases[0].line.text.startswith("Đợt 1: Từ ngày 01/01/2020")
    assert (value(plan.signer_title), value(plan.signer_name)) == ("GIÁM ĐỐC", "Nguyễn Thu Thảo")
    assert plan.targets == []


def test_seed_001_finance_department_through_ocr(db):
    plan = read("001")
    assert value(plan.issuer) == "S¢ Tai chinh"  # shown as read; the user picks Sở Tài chính
    assert value(plan.year) == 2020 and plan.number is None and plan.place is None and plan.issued_on is None
    assert value(plan.slogan) == "Doi méi, séng tao, nng cao vin hoa va dao duc cong vu"
    assert len(plan.legal_basis) == 1 and "20/KH-UBND" in plan.legal_basis[0].value
    assert len(plan.content_items) == 7
    targets = [(t.value["percentage"], t.value["title"].code if t.value["title"] else None) for t in plan.targets[:6]]
    assert targets == [
        ("100", None),
        ("100", "ttldtt"),
        ("50", "ttldxs"),
        ("100", None),
        ("95", "ldtt"),
        ("15", "cstdcs"),
    ]
    assert plan.phases == [] and plan.milestones == []
    assert any("OCR" in note for note in plan.notes)


def test_seed_002_construction_department(db):
    plan = read("002")
    assert value(plan.issuer) == "Sở Xây dựng"
    assert (value(plan.number), value(plan.place), value(plan.issued_on)) == ("/KH-SXD", "Tây Ninh", date(2020, 2, 5))
    assert value(plan.title).startswith("Về việc phát động phong trào cán bộ, công chức, viên chức ngành Xây dựng")
    assert value(plan.legal_basis[0]).startswith("Chỉ thị số 01/CT-UBND ngày 02/01/2020")
    assert [found.value[0] for found in plan.content_items] == ["1", "2", "3", "4", "5", "6", "7"]
    assert plan.slogan is None and plan.phases == [] and plan.milestones == [] and plan.targets == []
    assert value(plan.signer_title) == "GIÁM ĐỐC" and plan.signer_name is None


def test_seed_003_bloc_8(db):
    plan = read("003")
    assert value(plan.issuer) == "Khối thi đua các cơ quan Văn hóa – Xã hội tỉnh Trà Vinh"
    assert value(plan.title) == "Tổ chức và phát động phong trào thi đua năm 2020"
    assert len(plan.content_items) == 10 and plan.content_items[9].value[1].startswith("Thực hiện tốt các chế độ")
    milestones = [
        (m.value["kind"], m.value["actor"], m.value["due_on"], m.value["window_starts_on"], m.value["window_ends_on"])
        for m in plan.milestones
    ]
    assert milestones == [
        ("midyear_meeting", "vice_leader", None, date(2020, 7, 1), date(2020, 7, 31)),
        ("midyear_report", "members", date(2020, 6, 15), None, None),
        ("yearend_report", "members", date(2021, 1, 31), None, None),
        ("vote_meeting", "leader", None, date(2021, 2, 1), date(2021, 2, 28)),
    ]
    assert value(plan.signer_title).splitlines() == [
        "TM. KHỐI 8",
        "KHỐI TRƯỞNG",
        "GIÁM ĐỐC",
        "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    ]
    assert value(plan.signer_name) == "Dương Hoàng Sum"
    assert plan.number is None and plan.place is None and plan.legal_basis == []


UNSEEN = """UBND HUYỆN CẦU KÈ
PHÒNG GIÁO DỤC VÀ ĐÀO TẠO

KẾ HOẠCH
Thi đua "Dạy tốt, học tốt" năm học 2023-2024

Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;
Phòng Giáo dục và Đào tạo xây dựng kế hoạch thi đua như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Tạo không khí thi đua sôi nổi trong toàn ngành.

II. NỘI DUNG THI ĐUA
1. Nâng cao chất lượng dạy và học.
2. Đổi mới phương pháp giảng dạy.

III. TỔ CHỨC THỰC HIỆN
Các trường gửi báo cáo sơ kết học kỳ I trước ngày 20/12 về Phòng.
Tổng kết vào cuối năm học.
"""


def test_an_unseen_plan_gets_no_invented_field(db):
    plan = parse_plan(UNSEEN, titles=list(Title.objects.all()))
    assert value(plan.issuer) == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" and value(plan.parent_body) == "UBND HUYỆN CẦU KÈ"
    assert len(plan.content_items) == 2
    assert plan.milestones == []  # "trước ngày 20/12" gives no year: no date is invented
    assert plan.phases == [] and plan.issued_on is None and plan.number is None and plan.place is None
    assert value(plan.year) == 2023


def test_text_that_is_not_a_plan_is_refused(db):
    with pytest.raises(PlanError, match="không giống một kế hoạch"):
        parse_plan("Biên bản họp chi bộ tháng 3. " * 20)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "Tệp rỗng"),
        (b"x" * (5 * 1024 * 1024 + 1), "lớn hơn 5 MB"),
        ("Kế hoạch thi đua năm 2020".encode("cp1258", errors="replace") * 20, "UTF-8"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "không phải tệp văn bản"),
        (b"PK\x03\x04not a docx", "không phải .docx"),
    ],
)
def test_bad_files_get_a_clear_message(db, data, message):
    with pytest.raises(PlanError, match=message):
        read_text(data=data, name="ke-hoach")


def docx(text):
    paragraphs = "".join(
        f"<w:p><w:r><w:t>{line.replace('&', '&amp;').replace('<', '&lt;')}</w:t></w:r></w:p>"
        for line in text.splitlines()
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main"><w:body>{paragraphs}</w:body></w:document>'
    )
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", xml)
    return buffer.getvalue()


def test_word_and_pdf_plans_read_like_text(db):
    text = seed("003")
    assert len(parse_plan(read_text(data=docx(text), name="kh.docx")).content_items) == 10
    from weasyprint import HTML

    pdf = HTML(string="".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())).write_pdf()
    plan = parse_plan(read_text(data=pdf, name="kh.pdf"))
    assert len(plan.content_items) == 10 and len(plan.milestones) == 4


def form_data(context):
    """What a browser would post back from the review page, unchanged."""

    def field_value(value):
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        return "" if value is None else value

    data = {"step": "confirm"}
    form = context["form"]
    for name, field in form.fields.items():
        data[name] = field_value(form.initial.get(name, field.initial))
    for prefix, formset in context["formsets"].items():
        data[f"{prefix}-TOTAL_FORMS"] = len(formset.forms)
        data[f"{prefix}-INITIAL_FORMS"] = len(formset.forms)
        for index, row in enumerate(formset.forms):
            for name in row.fields:
                value = row.initial.get(name)
                if name == "keep":
                    if value:
                        data[f"{prefix}-{index}-keep"] = "on"
                    continue
                data[f"{prefix}-{index}-{name}"] = field_value(value)
    return data


def test_clerk_imports_seed_003_into_a_draft_campaign(client, demo):
    client.login(username="khoi8.truong", password="thidua2020")
    url = reverse("campaigns:import")
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": SimpleUploadedFile("ke-hoach.txt", seed("003").encode())})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Báo cáo Sơ kết thực hiện giao ước thi đua" in body  # the source line, beside the field
    data = form_data(response.context)
    data["name"] = "Kế hoạch nhập thử năm 2020"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get(name="Kế hoạch nhập thử năm 2020")
    assert campaign.status == "draft" and campaign.issuer.name == "Sở Văn hóa, Thể thao và Du lịch"
    assert campaign.content_items.count() == 10
    assert sorted(campaign.milestones.values_list("kind", flat=True)) == sorted(
        ["midyear_meeting", "midyear_report", "yearend_report", "vote_meeting"]
    )
    assert "Dương Hoàng Sum" == campaign.signer_name


def test_import_of_seed_001_keeps_its_targets(client, demo):
    client.login(username="taichinh", password="thidua2020")
    url = reverse("campaigns:import")
    response = client.post(url, {"text": seed("001")})
    data = form_data(response.context)
    data["name"] = "Phong trào Sở Tài chính nhập thử"
    assert client.post(url, data).status_code == 302
    campaign = Campaign.objects.get(name="Phong trào Sở Tài chính nhập thử")
    assert campaign.issuer.name == "Sở Tài chính"
    assert list(campaign.targets.filter(title__isnull=False).values_list("title__code", "percentage")) == [
        ("ttldtt", Decimal("100.00")),
        ("ttldxs", Decimal("50.00")),
        ("ldtt", Decimal("95.00")),
        ("cstdcs", Decimal("15.00")),
    ]


def test_a_bad_upload_keeps_the_page_with_a_message(client, demo):
    client.login(username="khoi8.truong", password="thidua2020")
    response = client.post(reverse("campaigns:import"), {"file": SimpleUploadedFile("x.txt", b"\xff\xfe\x00\xd8" * 50)})
    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()
