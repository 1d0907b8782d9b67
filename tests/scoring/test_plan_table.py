"""A scoring table read from a plan's text, proposed as a draft the office previews and confirms once.

Fixtures (tests/scoring/plans/):
- plan_with_table.txt: a bloc's plan built for this test around a scoring table whose lines are taken from real
  published ones: the 2025 criteria "share of beneficiaries with an account × 40" and "0.4 point per correct case in a
  check of 50" and the bands of ../shared/DOMAIN.md (scoring tables published in 2025); the bonus and deduction lines
  ("cứ vượt 5% +1 điểm, Max 05 điểm", "Nhất 5, Nhì 4, Ba 3", "-2 điểm mỗi biên bản", parts "Điểm cộng (tối đa 10
  điểm)", "Điểm trừ (tối đa 10 điểm)") from a bank branch's scoring sheet in a public repository found through the
  code search; the band sentence "Từ 95 điểm trở lên: Hoàn thành xuất sắc nhiệm vụ; Từ 80 đến dưới 95 …" as a Đắk Lắk
  office's evaluation form words it (public repository).
- plan_table_as_word_cells.txt: the same kind of table as a .docx table arrives, one cell per line (STT, text, points).
- plan_table_wrapped_as_pdf.txt: the 2025 criteria of DOMAIN.md as a PDF's text layer wraps them, a row's points on
  the line after its number.
- plan_without_points.txt: a plan built for this test with every use of "điểm" that is not points ("05 điểm cầu",
  "thời điểm", "trọng điểm", "02 điểm du lịch", "chấm điểm … theo thang điểm" without a table).
- The real plans of fixtures/plans (the seeds, and the corpus of other agencies' plans): none holds a table, so none
  proposes one (seed 003 is a bloc's plan that speaks of "chấm điểm thi đua" and "thang điểm" without giving one).
"""

import zipfile
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activity.models import ActivityLog
from organisation.models import SheetImport
from scoring.models import Band, Criterion
from scoring.plan_table import read_scoring_table

PLANS = Path(__file__).parent / "plans"
REAL_PLANS = Path(__file__).parents[2] / "fixtures" / "plans"


def url(world, name, *args):
    return reverse(f"scoring:{name}", args=[world["campaign"].pk, *args])


def shape(campaign):
    return [
        (c.label, c.text[:30], c.max_points, c.kind, c.parent.label if c.parent else None)
        for c in Criterion.objects.filter(campaign=campaign).select_related("parent").order_by("position")
    ]


def test_plan_with_a_scoring_table_proposes_a_draft_table_the_office_confirms(login, world):
    Criterion.objects.filter(campaign=world["campaign"]).delete()
    office = login(world["leader"])
    table_page = office.get(url(world, "criteria")).content.decode()
    assert "Đọc thang điểm từ kế hoạch" in table_page

    plan = (PLANS / "plan_with_table.txt").read_bytes()
    response = office.post(url(world, "criteria_from_plan"), {"file": SimpleUploadedFile("ke-hoach.txt", plan)})
    assert response.status_code == 200, response.content.decode()[:2000]
    page = response.content.decode()
    # Nothing is saved before the office confirms.
    assert not Criterion.objects.filter(campaign=world["campaign"]).exists()
    assert "Thực hiện nhiệm vụ chuyên môn" in page and "Điểm cộng" in page and "Điểm trừ" in page
    # A line without points is reported, not guessed, with its line number.
    assert "Dòng 20:" in page and "Chấp hành chủ trương" in page and "Có cán bộ bị kỷ luật trong năm" in page
    # The bands: the simple ones read with their floor, the one with a condition left as text.
    assert "Hoàn thành xuất sắc nhiệm vụ" in page and "không có tiêu chí nào bị 0 điểm" in page

    confirm = url(world, "criteria_import_confirm", response.context["sheet_import"].pk)
    assert office.post(confirm).status_code == 302
    table = shape(world["campaign"])
    assert [row[0] for row in table] == ["A", "1", "2", "B", "1.1", "1.2", "a)", "b)", "C", "", "", "", "D", "", ""]
    assert table[0][2:] == (Decimal("60.00"), "regular", None)
    assert table[1][2:] == (Decimal("40.00"), "regular", "A")
    # 1.1 belongs to B: its own parent "1" had no points and was not proposed.
    assert table[4][4] == "B" and table[6][4] == "B"
    assert table[8][2:] == (Decimal("10.00"), "bonus", None)
    assert [row[2:] for row in table[9:12]] == [(Decimal("5.00"), "bonus", "C")] + [
        (Decimal("3.00"), "bonus", "C"),
        (Decimal("5.00"), "bonus", "C"),
    ]
    assert table[12][2:4] == (Decimal("10.00"), "deduction") and table[13][2:] == (Decimal("5.00"), "deduction", "D")
    assert ActivityLog.objects.filter(action="criteria.imported").exists()
    # Confirmed once: a second confirmation changes nothing.
    office.post(confirm)
    assert len(shape(world["campaign"])) == 15
    # The offer is for a campaign with no criteria yet.
    assert "Đọc thang điểm từ kế hoạch" not in office.get(url(world, "criteria")).content.decode()


def test_simple_bands_of_a_plan_are_kept_as_the_office_corrects_them(login, world):
    office = login(world["leader"])
    plan = (PLANS / "plan_with_table.txt").read_bytes()
    response = office.post(url(world, "criteria_from_plan"), {"file": SimpleUploadedFile("ke-hoach.txt", plan)})
    bands = response.context["bands"]
    assert [(form.initial["name"], form.initial["min_total"]) for form in bands.forms] == [
        ("Hoàn thành xuất sắc nhiệm vụ", Decimal("95")),
        ("Hoàn thành tốt nhiệm vụ", Decimal("80")),
        ("Hoàn thành nhiệm vụ", Decimal("65")),
        ("Không hoàn thành nhiệm vụ", Decimal("0")),
    ]
    posted = {"bands-TOTAL_FORMS": "4", "bands-INITIAL_FORMS": "4"}
    for index, form in enumerate(bands.forms):
        posted |= {
            f"bands-{index}-name": form.initial["name"],
            f"bands-{index}-min_total": str(form.initial["min_total"]),
        }
        posted |= {f"bands-{index}-keep": "on"} if index != 3 else {}
    posted["bands-1-min_total"] = "85,5"  # the office corrects a floor, as it types it
    assert office.post(url(world, "bands_from_plan"), posted).status_code == 302
    saved = list(Band.objects.filter(campaign=world["campaign"]).order_by("position"))
    assert [(band.name, band.min_total) for band in saved] == [
        ("Hoàn thành xuất sắc nhiệm vụ", Decimal("95.00")),
        ("Hoàn thành tốt nhiệm vụ", Decimal("85.50")),
        ("Hoàn thành nhiệm vụ", Decimal("65.00")),
    ]
    assert ActivityLog.objects.filter(action="band.created").count() == 3
    # Once only: the campaign has bands now, so a second post saves nothing and says why.
    response = office.post(url(world, "bands_from_plan"), posted, follow=True)
    assert "đã có các mức xếp loại" in response.content.decode()
    assert Band.objects.filter(campaign=world["campaign"]).count() == 3
    # A band order that cannot be met is refused whole, naming the band.
    Band.objects.filter(campaign=world["campaign"]).delete()
    posted["bands-1-min_total"] = "99"
    response = office.post(url(world, "bands_from_plan"), posted, follow=True)
    assert "Hoàn thành tốt nhiệm vụ" in response.content.decode()
    assert not Band.objects.filter(campaign=world["campaign"]).exists()


def test_plan_table_as_word_cells_reads_one_cell_per_line():
    draft = read_scoring_table((PLANS / "plan_table_as_word_cells.txt").read_text())
    assert [(row["label"], row["max_points"], row["level"]) for row in draft.rows] == [
        ("I", Decimal("40.00"), 1),
        ("1", Decimal("20.00"), 2),
        ("2", Decimal("20.00"), 2),
        ("II", Decimal("60.00"), 1),
        ("1", Decimal("60.00"), 2),
    ]
    assert draft.rows[4]["text"].startswith("Tỷ lệ người hưởng")
    assert draft.unscored == []


@pytest.mark.parametrize(
    "plan",
    [*sorted(REAL_PLANS.glob("*.txt")), *sorted(REAL_PLANS.glob("corpus/*.txt")), PLANS / "plan_without_points.txt"],
    ids=lambda path: path.name,
)
def test_real_plans_without_a_table_propose_nothing(plan):
    draft = read_scoring_table(plan.read_text())
    assert draft.rows == [] and draft.unscored == [] and draft.bands == []


def test_plan_without_points_proposes_nothing(login, world):
    before = shape(world["campaign"])
    office = login(world["leader"])
    for text in (
        (REAL_PLANS / "003_f93fa832eb42d84a.txt").read_text(),
        (PLANS / "plan_without_points.txt").read_text(),
    ):
        response = office.post(url(world, "criteria_from_plan"), {"text": text})
        assert response.status_code == 200
        assert "Không tìm thấy thang điểm" in response.content.decode()
        assert response.context["sheet_import"] is None
    assert not SheetImport.objects.filter(kind="criteria").exists()
    assert shape(world["campaign"]) == before


def test_plan_upload_that_cannot_be_read_is_refused_in_vietnamese(login, world):
    office = login(world["leader"])
    response = office.post(url(world, "criteria_from_plan"), {"file": SimpleUploadedFile("ke-hoach.doc", b"")})
    assert response.status_code == 400
    response = office.post(
        url(world, "criteria_from_plan"), {"file": SimpleUploadedFile("ke-hoach.txt", b"K\xe1 ho\xe1ch thi \xf0ua")}
    )
    assert response.status_code == 400 and "UTF-8" in response.content.decode()


def word_file(lines):
    """A .docx holding `lines` as paragraphs, as Word saves a table: one paragraph per cell."""
    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraphs = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(
            "word/document.xml", f'<w:document xmlns:w="{namespace}"><w:body>{paragraphs}</w:body></w:document>'
        )
    return buffer.getvalue()


def test_plan_uploaded_as_word_with_its_table_in_cells_is_proposed(login, world):
    Criterion.objects.filter(campaign=world["campaign"]).delete()
    office = login(world["leader"])
    lines = (PLANS / "plan_table_as_word_cells.txt").read_text().splitlines()
    upload = SimpleUploadedFile("ke-hoach.docx", word_file(lines))
    response = office.post(url(world, "criteria_from_plan"), {"file": upload})
    assert response.status_code == 200, response.content.decode()[:2000]
    assert "ke-hoach.docx" in response.content.decode() and "Dòng" not in response.content.decode()
    office.post(url(world, "criteria_import_confirm", response.context["sheet_import"].pk))
    assert [row[0] for row in shape(world["campaign"])] == ["I", "1", "2", "II", "1"]
    assert shape(world["campaign"])[4][2:] == (Decimal("60.00"), "regular", "II")


def test_a_text_with_more_lines_than_a_table_holds_is_refused(login, world):
    office = login(world["leader"])
    text = "\n".join(f"{n // 50 + 1}.{n % 50 + 1}. Tiêu chí {n}: 1 điểm" for n in range(1100))
    response = office.post(url(world, "criteria_from_plan"), {"text": text})
    assert response.status_code == 400 and "tối đa 1.000 dòng" in response.content.decode()
    assert not SheetImport.objects.filter(kind="criteria").exists()


def test_rows_wrapped_as_a_pdf_wraps_them_keep_their_points():
    draft = read_scoring_table((PLANS / "plan_table_wrapped_as_pdf.txt").read_text())
    assert [(row["label"], row["max_points"]) for row in draft.rows] == [
        ("1", Decimal("40.00")),
        ("2", Decimal("20.00")),
        ("3", Decimal("10.00")),
    ]
    assert draft.rows[0]["text"].endswith("nhân với số điểm tối đa (40 điểm)")
    # A line holding only points is the row's points, as a table's last column is: kept as its maximum.
    assert draft.rows[2]["text"].endswith("gửi đủ được") and draft.unscored == []
