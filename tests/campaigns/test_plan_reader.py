"""Reading a Kế hoạch into a draft campaign: the four seeds field by field, unseen plans, the corpus, bad files."""

import importlib.util
import json
import time
import zipfile
from datetime import date
from decimal import Decimal
from html import escape
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from campaigns.models import Campaign, Title
from campaigns.plan_reader import PlanError, draft_summary, parse_plan, read_text
from core.text import fold
from organisation.models import Bloc, BlocMembership, Unit

# The four seed plans the demo is built from, kept with the project.
SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "plans"


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


# Plans of other offices, written the ways the seeds are not (issue 14).
DISTRICT_PLAN = """UBND HUYỆN CHÂU THÀNH
PHÒNG NỘI VỤ
Số: 12/KH-PNV      Châu Thành, ngày 10 tháng 01 năm 2024

KẾ HOẠCH
Tổ chức phong trào thi đua năm 2024
Năm 2024 là năm có ý nghĩa quan trọng, Phòng Nội vụ xây dựng Kế hoạch tổ chức phong trào thi đua như sau:
Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;
Căn cứ Kế hoạch số 05/KH-UBND ngày 03/01/2024 của UBND huyện về phát động phong trào thi đua năm 2024;
I. MỤC ĐÍCH, YÊU CẦU
- Tạo khí thế thi đua sôi nổi, chào mừng 80 năm ngày thành lập huyện (15/3/1944 - 15/3/2024).
II. NỘI DUNG THI ĐUA
- Hoàn thành xuất sắc nhiệm vụ chuyên môn.
- Thực hiện tốt cải cách hành chính.
- Xây dựng cơ quan đạt chuẩn văn hóa.
III. CHỈ TIÊU THI ĐUA
- 100% tập thể đạt danh hiệu "Tập thể lao động tiên tiến";
- Có ít nhất 80% công chức đạt danh hiệu "Lao động tiên tiến".
IV. THỜI GIAN
- Đợt 1: từ ngày 01/01/2024 đến ngày 30/6/2024.
- đợt 2: từ tháng 7/2024 đến tháng 12/2024.
V. TỔ CHỨC THỰC HIỆN
1. Các đơn vị gửi đăng ký thi đua truoc ngay 15/3/2024.
2. Báo cáo sơ kết gửi trước ngảy 10/6/2024; tổng kết trong thang 12/2024.
Nơi nhận:        TRƯỞNG PHÒNG
- UBND huyện;
- Lưu: VT.
                 Nguyễn Văn An
"""


def test_a_district_plan_reads_in_full(db):
    plan = parse_plan(DISTRICT_PLAN, titles=list(Title.objects.all()))
    assert (value(plan.parent_body), value(plan.issuer)) == ("UBND HUYỆN CHÂU THÀNH", "PHÒNG NỘI VỤ")
    assert (value(plan.number), value(plan.place), value(plan.issued_on)) == (
        "12/KH-PNV",
        "Châu Thành",
        date(2024, 1, 10),
    )
    assert value(plan.title) == "Tổ chức phong trào thi đua năm 2024"  # the paragraph after it is not swallowed
    assert value(plan.year) == 2024 and len(plan.content_items) == 3
    assert [(t.value["percentage"], t.value["title"].code) for t in plan.targets] == [("100", "ttldtt"), ("80", "ldtt")]
    assert [(p.value["number"], p.value["starts_on"], p.value["ends_on"]) for p in plan.phases] == [
        (1, date(2024, 1, 1), date(2024, 6, 30)),
        (2, date(2024, 7, 1), date(2024, 12, 31)),
    ]
    milestones = [(m.value["kind"], m.value["due_on"], m.value["window_ends_on"]) for m in plan.milestones]
    assert milestones == [
        ("registration", date(2024, 3, 15), None),
        ("midyear_report", date(2024, 6, 10), None),
        ("yearend_report", None, date(2024, 12, 31)),
    ]
    assert (value(plan.signer_title), value(plan.signer_name)) == ("TRƯỞNG PHÒNG", "Nguyễn Văn An")


@pytest.mark.parametrize(
    "block, title, name",
    [
        ("CHỦ TỊCH\n\nPhạm Văn Đông", "CHỦ TỊCH", "Phạm Văn Đông"),
        ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Thị Bình", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Trần Thị Bình"),
        ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\nLê Văn Cường", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", None),
        ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nLê Văn Cường", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Lê Văn Cường"),
    ],
)
def test_signature_blocks_of_every_kind(db, block, title, name):
    text = DISTRICT_PLAN.replace("Nơi nhận:        TRƯỞNG PHÒNG", "Nơi nhận:").replace("Nguyễn Văn An", block)
    plan = parse_plan(text)
    assert value(plan.signer_title) == title
    assert value(plan.signer_name) in (name, "Lê Văn Cường")  # a name under "(Đã ký)" is still the signer's


def test_a_bloc_plan_names_its_leader_and_vice_leader(db):
    text = seed("003").replace(
        "I. MỤC ĐÍCH YÊU CẦU:",
        "Khối trưởng: Sở Văn hóa, Thể thao và Du lịch; Khối phó: Sở Y tế.\n\nI. MỤC ĐÍCH YÊU CẦU:",
    )
    plan = parse_plan(text)
    assert (value(plan.leader), value(plan.vice_leader)) == ("Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế")


def test_a_plan_summarised_in_prose(db):
    text = (
        "Phát động phong trào thi đua năm 2024\n"
        "Thực hiện Chỉ thị số 05/CT-UBND ngày 10/01/2024 của Chủ tịch UBND tỉnh, ngày 05/3/2024, Sở Tư pháp "
        "đã ban hành Kế hoạch số 45/KH-STP về phát động phong trào thi đua năm 2024 với chủ đề “Kỷ cương, "
        "trách nhiệm, hành động, sáng tạo”, hướng tới kỷ niệm 80 năm thành lập ngành (28/8/1945 - 28/8/2025)."
    )
    plan = parse_plan(text)
    assert (value(plan.issuer), value(plan.number), value(plan.issued_on)) == (
        "Sở Tư pháp",
        "45/KH-STP",
        date(2024, 3, 5),
    )
    assert value(plan.year) == 2024 and value(plan.slogan) == "Kỷ cương, trách nhiệm, hành động, sáng tạo"
    assert plan.phases == [] and plan.milestones == []  # the anniversary's span is no phase


CORPUS = SEEDS / "corpus"


def corpus_bench():
    spec = importlib.util.spec_from_file_location("plan_reader_bench", SEEDS.parent.parent / "bench" / "plan_reader.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_corpus_reads_with_nothing_invented(db):
    """Every field of the public plans in fixtures/plans/corpus, against what a person read in them."""
    bench = corpus_bench()
    right = total = 0
    for path in sorted(CORPUS.glob("*.txt")):
        sidecar = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        started = time.perf_counter()
        read = draft_summary(parse_plan(read_text(data=path.read_bytes(), name=path.name)))
        assert time.perf_counter() - started < 1, path.name
        for field in bench.FIELDS:
            if field not in sidecar["expected"]:
                continue  # the document's kind and period are labelled on the newer plans only
            expected = sidecar["expected"][field]
            ok = bench.same(field, read[field], expected, sidecar.get("accept", {}).get(field, ()))
            if expected in (None, [], 0):
                assert ok, f"{path.name}: {field} invented: {read[field]!r}"
            right += ok
            total += 1
    assert total >= 15 * len(bench.FIELDS) and right / total >= 0.95


@pytest.mark.parametrize("suffix", ["txt", "docx", "pdf"])
def test_read_plan_prints_json_for_a_text_a_word_file_and_a_pdf(db, tmp_path, suffix):
    text = (CORPUS / "nghe-an-594-kh-ubnd-2021.txt").read_text(encoding="utf-8")
    path = tmp_path / f"ke-hoach.{suffix}"
    if suffix == "txt":
        path.write_text(text, encoding="utf-8")
    elif suffix == "docx":
        path.write_bytes(docx(text))
    else:
        from weasyprint import HTML

        html = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
        path.write_bytes(HTML(string=html).write_pdf())
    out = StringIO()
    call_command("read_plan", str(path), "--json", stdout=out)
    read = json.loads(out.getvalue())
    assert list(read) == [
        "kind",
        "period",
        "issuer",
        "number",
        "place",
        "date_issued",
        "year",
        "slogan",
        "content_items",
        "targets",
        "phases",
        "deadlines",
        "windows",
        "signer",
        "leader",
        "vice_leader",
    ]
    assert (read["number"], read["date_issued"], read["year"]) == ("594/KH-UBND", "2021-10-21", 2021)
    assert fold(read["issuer"]) == "uy ban nhan dan tinh nghe an" and read["phases"] == [] and read["signer"] is None


def test_read_plan_says_why_a_file_cannot_be_read(db, tmp_path):
    path = tmp_path / "hong.docx"
    path.write_bytes(b"PK\x03\x04broken")
    with pytest.raises(CommandError, match="không phải .docx"):
        call_command("read_plan", str(path))


def docx_of(xml, *, encrypted=False):
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        if encrypted:
            info.flag_bits |= 0x1
        package.writestr(info, xml)
    return buffer.getvalue()


def test_broken_docx_gets_a_message(client, demo):
    """A Word file that is not XML, or is encrypted, answers with a message, not a server error."""
    client.login(username="khoi8.truong", password="thidua2020")
    for data, message in [
        (docx_of(b"this is not xml <w:p"), "không phải .docx"),
        (docx_of(docx(seed("003"))), "không phải .docx"),  # a zip inside the zip
        (docx_of(b"<?xml version='1.0'?><a>" + b"x" * 100, encrypted=True), "mật khẩu"),
        (docx_of(b"<?xml version='1.0'?>")[:-40] + b"\x00" * 40, "không phải .docx"),  # cut short
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Word cũ (.doc)"),
    ]:
        response = client.post(reverse("campaigns:import"), {"file": SimpleUploadedFile("kh.docx", data)})
        assert response.status_code == 400
        assert message in response.content.decode()


def test_a_docx_bomb_is_refused_quickly(db):
    """166 KB of .docx that unpacks to 20 MB of text: bounded, and refused with a message."""
    body = "<w:p><w:r><w:t>" + "thi đua " * 2_500_000 + "</w:t></w:r></w:p>"
    xml = f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}'
    data = docx_of((xml + "</w:body></w:document>").encode())
    assert len(data) < 200_000
    started = time.perf_counter()
    with pytest.raises(PlanError, match="200.000 ký tự"):
        read_text(data=data, name="kh.docx")
    assert time.perf_counter() - started < 2


def test_a_very_long_text_gets_a_message_quickly(client, demo):
    client.login(username="khoi8.truong", password="thidua2020")
    data = (seed("003") * 600).encode()[:4_900_000]
    started = time.perf_counter()
    response = client.post(reverse("campaigns:import"), {"file": SimpleUploadedFile("kh.txt", data)})
    assert time.perf_counter() - started < 3
    assert response.status_code == 400 and "200.000 ký tự" in response.content.decode()
    response = client.post(reverse("campaigns:import"), {"text": "Kế hoạch thi đua. " * 12_000})
    assert response.status_code == 400 and "một kế hoạch chỉ vài trang" in response.content.decode()


def test_a_binary_file_is_not_called_tcvn3(db):
    with pytest.raises(PlanError) as caught:
        read_text(data=bytes(range(256)) * 40, name="ke-hoach.txt")
    assert "TCVN3" not in str(caught.value) and "không phải tệp văn bản" in str(caught.value)


def review(client, username, text):
    client.login(username=username, password="thidua2020")
    response = client.post(reverse("campaigns:import"), {"text": text})
    assert response.status_code == 200, response.content.decode()[:3000]
    return response


def test_review_labels_are_vietnamese_and_missing_lists_say_not_found(client, demo):
    body = review(client, "sxd", seed("002")).content.decode()
    assert "Không tìm thấy trong kế hoạch" in body and "Không đọc được mục này" not in body
    client.logout()
    body = review(client, "khoi8.truong", seed("003")).content.decode()
    for english in (">Label<", ">Text<", ">Kind<", ">Name<", ">Actor<", "Due on", "Window starts on", "Window ends on"):
        assert english not in body
    assert "hạn nộp" in body and "đơn vị thực hiện" in body and "thời gian từ" in body


def test_the_reviewer_adds_a_row_without_losing_what_was_typed(client, demo):
    response = review(client, "khoi8.truong", seed("003"))
    data = form_data(response.context)
    data["name"] = "Phong trào có thêm đợt"
    response = client.post(reverse("campaigns:import"), {**data, "add": "phases"})
    assert response.status_code == 200
    assert response.context["form"].initial["name"] == "Phong trào có thêm đợt"
    assert len(response.context["formsets"]["phases"].forms) == 1  # the plan has none; one blank row now
    data = form_data(response.context)
    data.update({"phases-0-number": "1", "phases-0-starts_on": "01/03/2020", "phases-0-ends_on": "30/06/2020"})
    data["content-9-keep"] = ""  # the tenth item is left out
    response = client.post(reverse("campaigns:import"), {k: v for k, v in data.items() if v != ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = Campaign.objects.get(name="Phong trào có thêm đợt")
    assert list(campaign.phases.values_list("starts_on", "ends_on")) == [(date(2020, 3, 1), date(2020, 6, 30))]
    assert campaign.content_items.count() == 9


def test_a_bloc_plan_sets_the_years_leader_and_vice_leader(client, demo):
    text = (
        seed("003")
        .replace("năm 2020", "năm 2021")
        .replace(
            "I. MỤC ĐÍCH YÊU CẦU:",
            "Khối trưởng: Sở Văn hóa, Thể thao và Du lịch; Khối phó: Sở Y tế.\n\nI. MỤC ĐÍCH YÊU CẦU:",
        )
    )
    response = review(client, "khoi8.truong", text)
    initial = response.context["form"].initial
    assert Bloc.objects.get(pk=initial["issuing_bloc"]).name == "Khối 8"
    assert Unit.objects.get(pk=initial["leader"]).name == "Sở Văn hóa, Thể thao và Du lịch"
    assert Unit.objects.get(pk=initial["vice_leader"]).name == "Sở Y tế"
    data = form_data(response.context)
    data["name"] = "Phong trào Khối 8 năm 2021"
    response = client.post(reverse("campaigns:import"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    roles = dict(BlocMembership.objects.filter(bloc__name="Khối 8", year=2021).values_list("unit__name", "role"))
    assert roles == {"Sở Văn hóa, Thể thao và Du lịch": "leader", "Sở Y tế": "vice_leader"}


def test_a_cleared_leader_sets_no_membership(client, demo):
    text = (
        seed("003")
        .replace("năm 2020", "năm 2021")
        .replace(
            "I. MỤC ĐÍCH YÊU CẦU:",
            "Khối trưởng: Sở Văn hóa, Thể thao và Du lịch; Khối phó: Sở Y tế.\n\nI. MỤC ĐÍCH YÊU CẦU:",
        )
    )
    data = form_data(review(client, "khoi8.truong", text).context)
    data.update(name="Phong trào không đổi khối trưởng", leader="", vice_leader="")
    assert client.post(reverse("campaigns:import"), data).status_code == 302
    assert not BlocMembership.objects.filter(bloc__name="Khối 8", year=2021).exists()


def test_another_blocs_plan_preselects_no_bloc_and_no_issuer(client, demo):
    text = (CORPUS / "gia-lai-khoi-kinh-te-2018.txt").read_text(encoding="utf-8")
    initial = review(client, "khoi8.truong", text).context["form"].initial
    assert (initial["issuing_bloc"], initial["issuer"], initial["leader"], initial["vice_leader"]) == (
        None,
        None,
        None,
        None,
    )


def test_a_websites_banner_is_not_the_issuer(db):
    text = (
        "SỞ NỘI VỤ TỈNH BẾN TRE\nTin hoạt động\n"
        "Ngày 05/3/2024, UBND huyện Ba Tri ban hành Kế hoạch số 30/KH-UBND về phát động phong trào thi đua "
        "năm 2024. Các cơ quan, đơn vị đăng ký thi đua trước ngày 31/3/2024 và tổng kết trong tháng 12/2024."
    )
    plan = parse_plan(text)
    assert (value(plan.issuer), value(plan.number), value(plan.issued_on)) == (
        "UBND huyện Ba Tri",
        "30/KH-UBND",
        date(2024, 3, 5),
    )
    assert [m.value["due_on"] or m.value["window_starts_on"] for m in plan.milestones] == [
        date(2024, 3, 31),
        date(2024, 12, 1),
    ]


def test_the_signer_above_the_list_of_recipients(db):
    text = DISTRICT_PLAN.replace("Nơi nhận:        TRƯỞNG PHÒNG", "TRƯỞNG PHÒNG\n\nNguyễn Văn An\n\nNơi nhận:")
    text = text.replace("- Lưu: VT.\n                 Nguyễn Văn An\n", "- Lưu: VT.\n")
    plan = parse_plan(text)
    assert (value(plan.signer_title), value(plan.signer_name)) == ("TRƯỞNG PHÒNG", "Nguyễn Văn An")


def dated_lines(size, *, joiner="\n"):
    """A plan of dated steps, about `size` characters: each line a meeting, a report and a deadline."""
    head = "ỦY BAN NHÂN DÂN TỈNH THỬ\nSố: 12/KH-UBND\nThử, ngày 05 tháng 02 năm 2024\nKẾ HOẠCH\nPhong trào thi đua năm 2024\n"
    lines, day = [], 0
    while sum(len(line) + 1 for line in lines) < size:
        lines.append(
            f"{day + 1}. Ngày {day % 28 + 1:02d}/{day % 12 + 1:02d}/2024: Khối phó tổ chức sơ kết, bình bầu trong "
            f"tháng {day % 12 + 1}/2024; báo cáo tổng kết gửi Khối trưởng trước ngày {day % 28 + 1}/{day % 12 + 1}/2024."
        )
        day += 1
    return head + "II. NỘI DUNG\n" + joiner.join(lines)


def test_plan_reader_is_linear_in_dated_lines(db):
    """20 KB of dated lines read in well under a second, and ten times as much in about ten times as long,
    as lines or as one long line (processor time, so a busy machine does not make it fail)."""

    def seconds(text):
        started = time.process_time()
        draft = parse_plan(text)
        return time.process_time() - started, draft

    small, draft = seconds(dated_lines(20_000))
    assert small < 1 and len(draft.milestones) > 300
    for joiner in ("\n", " "):
        large, _draft = seconds(dated_lines(195_000, joiner=joiner))  # the size limit is 200,000 characters
        assert large < max(20 * small, 1.0), (joiner, small, large)


OCR_BLOC_PLAN = """UBND TINH THU
KHOI THI DUA 1
So: 02/KH-KTD
Thu, ngay 10 thang 02 nam 2021
KE HOACH
To chuc phong trao thi dua nam 2021 cua Khoi thi dua 1
Can cu Luat Thi dua, Khen thuong ngay 26/11/2003;
I. MUC DICH, YEU CAU
1. Day manh phong trao thi dua trong cac don vi thanh vien.
II. NOI DUNG
1. Thi dua hoan thanh xuat sac nhiem vu chinh tri.
2. Thi dua xay dung co quan van hoa.
III. TO CHUC THUC HIEN
- Khoi truong: S¢ Ké hoach va Ðau tu; Khoi pho: S¢ Y té Thu.
"""


def test_ocr_leader_matched_to_known_unit(client, world):
    """An OCR'd bloc leader ("S¢ Ké hoach va Ðau tu") is the office's own unit of that name, whose name adds
    the province; the vice-leader's too ("S¢ Y té Thu" is "Sở Y tế Thử")."""
    planning = Unit.objects.create(name="Sở Kế hoạch và Đầu tư tỉnh Thử", parent=world["province"])
    Unit.objects.create(name="Sở Kế hoạch và Đầu tư tỉnh Khác", parent=world["other_province"])
    client.force_login(world["office"])
    response = client.post(reverse("campaigns:import"), {"text": OCR_BLOC_PLAN})
    initial = response.context["form"].initial
    assert (initial["leader"], initial["vice_leader"]) == (planning.pk, world["unit_b"].pk)


FIVE_YEAR_PLAN = """ỦY BAN NHÂN DÂN TỈNH THỬ
Số: 25/KH-UBND
Thử, ngày 15 tháng 3 năm 2021
KẾ HOẠCH
Tổ chức phong trào thi đua yêu nước giai đoạn 2021 - 2025
Căn cứ Luật Thi đua, Khen thưởng ngày 26/11/2003;
I. MỤC ĐÍCH, YÊU CẦU
1. Tạo khí thế thi đua sôi nổi trong cán bộ, công chức, viên chức.
II. NỘI DUNG THI ĐUA
1. Thi đua thực hiện thắng lợi các mục tiêu phát triển kinh tế - xã hội 5 năm.
2. Thi đua đẩy mạnh cải cách hành chính, chuyển đổi số.
"""


def test_five_year_plan_gets_no_single_year(db):
    """A plan for 2021–2025 issued in 2021 is not 2021's: no year is guessed, and the reviewer is told why."""
    draft = parse_plan(FIVE_YEAR_PLAN)
    summary = draft_summary(draft)
    assert (summary["kind"], summary["year"], summary["period"]) == ("ke_hoach", None, [2021, 2025])
    assert "Không phải kế hoạch của một năm: kế hoạch cho 2021–2025. Hãy chọn năm của phong trào." in draft.notes
    # A summary over 20 months is not a year's either; a school year, a single year beside the span, and the
    # term of a council whose election it celebrates are.
    twenty_months = FIVE_YEAR_PLAN.replace("giai đoạn 2021 - 2025", "tổng kết 20 tháng thực hiện Chỉ thị 05")
    assert draft_summary(parse_plan(twenty_months))["period"] == [None, 20]
    for title, year in [
        ("năm học 2021-2022", 2021),
        ("năm 2022 và giai đoạn 2021 - 2025", 2022),
        ("chào mừng bầu cử Hội đồng nhân dân nhiệm kỳ 2021 - 2026", 2021),
    ]:
        summary = draft_summary(parse_plan(FIVE_YEAR_PLAN.replace("giai đoạn 2021 - 2025", title)))
        assert (summary["year"], summary["period"]) == (year, None), title


def test_an_official_letter_is_read_as_a_letter(db):
    """A công văn ("V/v …" under its number) is told apart from a plan, and so are a guidance and a report."""
    letter = (CORPUS / "cong-van-13-btc-tdkt-2009.txt").read_text()
    draft = parse_plan(letter)
    assert draft_summary(draft)["kind"] == "cong_van"
    assert draft.notes[0].startswith("Đây là công văn, không phải kế hoạch")
    guidance = FIVE_YEAR_PLAN.replace("Số: 25/KH-UBND", "Số: 25/HD-UBND").replace("KẾ HOẠCH", "HƯỚNG DẪN")
    assert draft_summary(parse_plan(guidance))["kind"] == "huong_dan"


def test_a_slogan_after_chu_de_in_any_quotes_and_news_style_content_items(db):
    """ "Chủ đề" with its slogan in single quotes, guillemets or on the next line; and a summary's
    "Nội dung thi đua tập trung vào …:" followed by its numbered items, with no section headings."""
    for line in [
        "Thi đua theo chủ đề ‘Kỷ cương, trách nhiệm, hành động’.",
        "Thi đua theo chủ đề «Kỷ cương, trách nhiệm, hành động».",
        "Chủ đề:\n“Kỷ cương, trách nhiệm, hành động”",
    ]:
        text = FIVE_YEAR_PLAN.replace("giai đoạn 2021 - 2025", "năm 2021").replace(
            "II. NỘI DUNG THI ĐUA", line + "\nII. NỘI DUNG THI ĐUA"
        )
        assert draft_summary(parse_plan(text))["slogan"] == "Kỷ cương, trách nhiệm, hành động", line
    summary = (
        "Ngày 4/11/2025, UBND tỉnh Thử ban hành Kế hoạch số 30/KH-UBND về đợt thi đua chào mừng Đại hội.\n"
        "Nội dung thi đua tập trung vào các nhóm nhiệm vụ chủ yếu:\n"
        "1. Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2025.\n"
        "2. Thi đua chuẩn bị và tổ chức thành công Đại hội.\n"
        "3. Thi đua xây dựng chính quyền trong sạch, vững mạnh.\n"
        "Các sở, ngành, địa phương tổ chức phát động đợt thi đua sâu rộng trong toàn tỉnh."
    )
    draft = parse_plan(summary)
    assert [found.value[0] for found in draft.content_items] == ["1", "2", "3"]
    assert draft_summary(draft)["kind"] == "ke_hoach"
