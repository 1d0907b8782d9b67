"""The papers as Word files: the Decree 30/2020 layout, the same text as the PDFs, and LibreOffice opens them."""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document as WordDocument

from awards.models import Proposal, ProposalLine
from organisation.models import Person
from tests.awards.dossier_helpers import WORD, compact, kept, word_texts
from tests.awards.test_awards import pdf_text
from tests.awards.test_decisions import _decided, decision_data, issue, submitted


def test_to_trinh_docx_has_decree_30_header_and_same_lines_as_pdf(client, council):
    people = [
        Person.objects.create(unit=council["unit_a_sub"], full_name=name, position="Chuyên viên")
        for name in ["Nguyễn Văn An", "Lê Thị\x0bBình", "Trần Minh Đức\x1f"]
    ]
    proposal = submitted(council, [("bang-khen-tinh-ca-nhan", person) for person in people])
    # A letter Word cannot hold as typed: control characters in a 10,000-character text.
    Proposal.objects.filter(pk=proposal.pk).update(
        body="Căn cứ kết quả\x07 bình xét. " + "Thi đua yêu nước. " * 550,
        recipients="- Như trên;\n- Lưu: VT.",
        signing_authority="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        signer_name="Phạm Văn Ký",
    )
    client.force_login(council["clerk_a"])
    letter = kept(client, proposal, "letter_docx", WORD)
    document = WordDocument(io.BytesIO(letter))
    section = document.sections[0]
    # A4 and the decree's margins, in whole millimetres (Word keeps twentieths of a point).
    assert [round(length.mm) for length in (section.page_width, section.page_height)] == [210, 297]
    assert [
        round(length.mm)
        for length in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [20, 20, 30, 15]
    assert document.styles["Normal"].font.name == "Times New Roman"
    left, right = document.tables[0].rows[0].cells
    # The body's name keeps its place on one line ("TỈNH THỬ" joined by a non-breaking space), as in the PDF.
    assert [p.text.replace("\xa0", " ") for p in left.paragraphs] == [
        "ỦY BAN NHÂN DÂN TỈNH THỬ",
        "SỞ VĂN HÓA THỬ",
        "Số: 12/TTr-SVH",
    ]
    assert [p.text for p in right.paragraphs][:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    date = right.paragraphs[2]
    assert date.text == "Thử, ngày 20 tháng 01 năm 2021" and all(run.italic for run in date.runs)
    texts = word_texts(letter)
    assert "TỜ TRÌNH" in texts and "Nơi nhận:" in texts and "Phạm Văn Ký" in texts
    assert any("Căn cứ kết quả bình xét." in text and len(text) > 9000 for text in texts)

    pdf = compact(pdf_text(client.get(reverse("awards:document", args=[proposal.pk, "letter"])).content))
    # Every paragraph of the Word file is in the PDF, word for word (the long one runs over a page number there).
    for text in texts:
        if len(text) < 2000:
            assert compact(text) in pdf, text[:80]

    listing = word_texts(kept(client, proposal, "list_docx", WORD))
    listing_pdf = pdf_text(client.get(reverse("awards:document", args=[proposal.pk, "list"])).content)
    for line in ProposalLine.objects.filter(proposal=proposal).select_related("person"):
        # Written safely: the vertical tab is a space, as HTML shows it; the unit separator is dropped.
        name = " ".join(line.person.full_name.replace("\x1f", "").split())
        assert name in listing and name in listing_pdf
    assert compact("".join(listing)) in compact(listing_pdf) or all(compact(t) in compact(listing_pdf) for t in listing)


def _issued(client, council, count):
    proposal, _rejected = _decided(client, council, count)
    client.force_login(council["secretary"])
    assert issue(client, proposal, decision_data()).status_code == 302
    return proposal


def test_decision_docx_matches_decision_pdf_text(client, council):
    proposal = _issued(client, council, 6)
    word = kept(client, proposal, "decision_docx", WORD)
    pdf = pdf_text(kept(client, proposal, "decision", "application/pdf"))
    texts = word_texts(word)
    for text in texts:
        assert compact(text) in compact(pdf), text[:80]
    # … and the PDF says nothing the Word file leaves out.
    assert compact(pdf) == compact(" ".join(texts)) or len(compact(pdf)) == len(compact("".join(texts)))
    listing = word_texts(kept(client, proposal, "decision_list_docx", WORD))
    listing_pdf = compact(pdf_text(kept(client, proposal, "decision_list", "application/pdf")))
    awarded = ProposalLine.objects.filter(proposal=proposal, decision="approved").select_related("person")
    assert awarded.count() == 5
    for line in awarded:
        assert line.person.full_name in listing
    for text in listing:
        assert compact(text) in listing_pdf, text[:80]
    assert "Kèm theo Quyết định số 345/QĐ-UBND" in " ".join(listing)


def test_decision_docx_opens_in_libreoffice(client, council):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (libreoffice-writer-nogui): the .docx cannot be converted here")
    proposal = _issued(client, council, 3)
    word = kept(client, proposal, "decision_docx", WORD)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "quyet-dinh.docx"
        source.write_bytes(word)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        text = pdf_text((Path(folder) / "quyet-dinh.pdf").read_bytes())
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 345/QĐ-UBND",
        "QUYẾT ĐỊNH",
        "Điều 1.",
        "Nơi nhận:",
        "Lê Văn Hòa",
    ]:
        assert expected in text, expected
