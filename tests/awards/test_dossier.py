"""The dossier: achievement reports, the package with its manifest, the signed decision, certificate checks and
the published awards, through the pages each person uses."""

import hashlib
import io
import zipfile

import pytest
from django.core.cache import cache
from django.urls import reverse
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from awards.certificates import qr_data_uri
from awards.models import AchievementReport, CertificateCode, ProposalLine, SignedDecision
from awards.pdf import CertificatesDocument
from demo.signing import SigningAuthority
from notifications.models import Notification
from organisation.models import Person
from scoring.models import Ranking, RankingEntry
from tests.awards.dossier_helpers import WORD, kept, upload, word_texts
from tests.awards.test_awards import pdf_text
from tests.awards.test_decisions import _decided, decision_data, issue, submitted
from tests.conftest import recorded


def messages_text(response):
    return " ".join(str(message) for message in response.context["messages"])


def _issued(client, council, count, number="345/QĐ-UBND"):
    proposal, _rejected = _decided(client, council, count)
    client.force_login(council["secretary"])
    assert issue(client, proposal, decision_data(number=number)).status_code == 302
    return proposal


def test_achievement_report_prefilled_from_results_and_register(client, council):
    from django.utils import timezone

    from awards.models import Initiative

    person = Person.objects.create(unit=council["unit_a_sub"], full_name="Hoàng Thị Thi Đua", position="Trưởng phòng")
    recorded("cstdcs", year=2019, person=person, number="77/QĐ-SVH")
    recorded("bang-khen-tinh-ca-nhan", year=2018, person=person, number="88/QĐ-UBND")
    Initiative.objects.create(
        person=person, year=2020, name="Số hóa hồ sơ lưu trữ", status="recognised", created_by=council["admin"]
    )
    ranking = Ranking.objects.create(
        campaign=council["campaign"], compiler=council["unit_a"], status="final", finalised_at=timezone.now()
    )
    RankingEntry.objects.create(ranking=ranking, unit=council["unit_a_sub"], rank=2, total=96)
    proposal = submitted(council, [("bang-khen-tinh-ca-nhan", person)])
    line = proposal.lines.get()
    client.force_login(council["clerk_a"])
    response = client.get(reverse("awards:report_template", args=[proposal.pk, line.pk]))
    assert response.status_code == 200 and response["Content-Type"] == WORD
    text = " ".join(word_texts(b"".join(response.streaming_content)))
    for expected in [
        "BÁO CÁO THÀNH TÍCH",
        "I. SƠ LƯỢC LÝ LỊCH",
        "Hoàng Thị Thi Đua",
        "Trưởng phòng",
        "xếp hạng 2/1",
        "96 điểm",
        "Số hóa hồ sơ lưu trữ",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
        "Chiến sĩ thi đua cơ sở",
        "Quyết định số 77/QĐ-SVH",
        "Quyết định số 88/QĐ-UBND",
        "NGƯỜI BÁO CÁO THÀNH TÍCH",
    ]:
        assert expected in text, expected

    # The council's review shows the line lacks its report; the ballot warns before it opens.
    client.force_login(council["secretary"])
    page = client.get(reverse("awards:detail", args=[proposal.pk])).content.decode()
    assert 'id="reports-missing"' in page and "Còn thiếu" in page
    client.force_login(council["clerk_a"])
    refused = upload(client, reverse("awards:report_upload", args=[proposal.pk, line.pk]), b"PK\x03\x04 not a pdf")
    assert "không phải PDF" in messages_text(refused) and not AchievementReport.objects.exists()
    kept_report = upload(client, reverse("awards:report_upload", args=[proposal.pk, line.pk]), b"%PDF-1.7 signed")
    assert kept_report.status_code == 200 and AchievementReport.objects.get(line=line).version == 1
    stale = upload(client, reverse("awards:report_upload", args=[proposal.pk, line.pk]), b"%PDF-1.7 again")
    assert "vừa tải lên" in messages_text(stale) or "meanwhile" in messages_text(stale)
    assert AchievementReport.objects.get(line=line).file.read() == b"%PDF-1.7 signed"
    client.force_login(council["secretary"])
    assert 'id="reports-missing"' not in client.get(reverse("awards:detail", args=[proposal.pk])).content.decode()


def test_dossier_zip_manifest_lists_every_file_with_its_hash(client, council):
    people = [Person.objects.create(unit=council["unit_a_sub"], full_name=f"Cán bộ {i}") for i in range(3)]
    proposal = submitted(council, [("bang-khen-tinh-ca-nhan", person) for person in people])
    client.force_login(council["clerk_a"])
    for line in proposal.lines.all()[:2]:
        upload(client, reverse("awards:report_upload", args=[proposal.pk, line.pk]), f"%PDF-1.7 {line.pk}".encode())
    package = zipfile.ZipFile(io.BytesIO(kept(client, proposal, "dossier", "application/zip")))
    names = set(package.namelist())
    manifest = package.read("manifest.sha256").decode().splitlines()
    listed = {path: digest for digest, path in (row.split("  ", 1) for row in manifest)}
    assert set(listed) == names - {"manifest.sha256"}
    for path, digest in listed.items():
        assert hashlib.sha256(package.read(path)).hexdigest() == digest, path
    assert {"01-to-trinh.pdf", "01-to-trinh.docx", "02-danh-sach.pdf", "02-danh-sach.xlsx"} <= names
    assert len([name for name in names if name.startswith("bao-cao-thanh-tich/")]) == 2
    assert "TỜ TRÌNH" in pdf_text(package.read("01-to-trinh.pdf"))


@pytest.fixture
def authority(settings, tmp_path):
    """A test CA, configured as the trust anchor."""
    ca = SigningAuthority(signer_name="Lê Văn Hòa")
    root = tmp_path / "root.pem"
    root.write_bytes(ca.root_pem())
    settings.SIGNING_TRUST_ROOTS = [str(root)]
    return ca


def test_signed_decision_verified_and_served(client, council, authority):
    proposal = _issued(client, council, 4)
    to_sign = kept(client, proposal, "decision_to_sign", "application/pdf")
    signed = authority.sign(to_sign)
    url = reverse("awards:signed_upload", args=[proposal.pk])
    response = upload(client, url, signed)
    assert "Đã ký số bởi Lê Văn Hòa" in response.content.decode() or "Lê Văn Hòa" in messages_text(response)
    kept_copy = SignedDecision.objects.get(decision__proposal=proposal)
    assert kept_copy.signer_name == "Lê Văn Hòa" and kept_copy.sha256 == hashlib.sha256(signed).hexdigest()
    assert "Lê Văn Hòa" in kept_copy.signer_subject and "(CA)" in kept_copy.signer_issuer
    served = kept(client, proposal, "decision", "application/pdf")
    assert served == signed  # from now on the decision is served as signed
    client.force_login(council["clerk_a"])
    assert kept(client, proposal, "decision", "application/pdf") == signed
    assert Notification.objects.filter(event="decision.signed", recipient=council["clerk_a"]).exists()
    # A second secretary who loaded the page before this upload is told, and changes nothing.
    client.force_login(council["secretary"])
    again = upload(client, url, authority.sign(to_sign), version=0)
    assert "reload" in messages_text(again) or "tải lại" in messages_text(again)
    assert SignedDecision.objects.get(pk=kept_copy.pk).sha256 == kept_copy.sha256


def test_tampered_signed_decision_is_refused_and_nothing_replaced(client, council, authority):
    proposal = _issued(client, council, 3)
    other = _issued(client, council, 3, number="346/QĐ-UBND")
    client.force_login(council["secretary"])
    to_sign = kept(client, proposal, "decision_to_sign", "application/pdf")
    good = authority.sign(to_sign)
    url = reverse("awards:signed_upload", args=[proposal.pk])
    upload(client, url, good)
    original = SignedDecision.objects.get(decision__proposal=proposal)

    changed = IncrementalPdfFileWriter(io.BytesIO(good), strict=False)
    changed.root["/Lang"] = generic.TextStringObject("en")
    changed.update_root()
    after_signing = io.BytesIO()
    changed.write(after_signing)
    assert b"/Producer" in good
    broken = good.replace(b"/Producer", b"/Producxr", 1)  # one byte of the signed content changed in place
    stranger = SigningAuthority(signer_name="Người Lạ")
    cases = {
        "not a PDF": (b"GIF89a...", "không phải PDF"),
        "unsigned": (to_sign, "chữ ký số"),
        "broken signature": (broken, "chữ ký"),
        "changed after signing": (after_signing.getvalue(), "thay đổi"),
        "untrusted signer": (stranger.sign(to_sign), "không do tổ chức"),
        "another decision": (authority.sign(kept(client, other, "decision_to_sign", "application/pdf")), "không phải"),
    }
    for case, (content, says) in cases.items():
        response = upload(client, url, content, version=1)
        text = messages_text(response)
        assert "nothing was replaced" in text or "không thay thế" in text.lower() or "từ chối" in text.lower(), case
        assert says in text.lower() or says in text, (case, text)
        current = SignedDecision.objects.get(decision__proposal=proposal)
        assert (current.version, current.sha256) == (1, original.sha256), case
    assert kept(client, proposal, "decision", "application/pdf") == good


def test_certificate_qr_code_opens_public_check_page(client, council):
    proposal = _issued(client, council, 3)
    awarded = list(ProposalLine.objects.filter(proposal=proposal, decision="approved").select_related("person"))
    codes = {code.line_id: code.code for code in CertificateCode.objects.filter(line__in=awarded)}
    assert len(codes) == len(awarded) == 2 and len(set(codes.values())) == 2
    line = awarded[0]
    code = codes[line.pk]
    assert not code.isdigit() and str(line.pk) not in code
    certificate = pdf_text(client.get(reverse("awards:certificate", args=[proposal.pk, line.pk])).content)
    assert f"Mã tra cứu: {code[:5]}-{code[5:]}" in certificate
    url = reverse("public:certificate", args=[code])
    html = CertificatesDocument(proposal, lines=[line]).html()
    assert qr_data_uri(f"http://testserver{url}") in html.replace("http://127.0.0.1:8000", "http://testserver") or (
        qr_data_uri(f"http://127.0.0.1:8000{url}") in html
    )
    client.logout()
    cache.clear()
    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and 'id="certificate-found"' in text
    for expected in [line.person.full_name, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "345/QĐ-UBND", "15/03/2021"]:
        assert expected in text, expected
    assert awarded[1].person.full_name not in text  # nothing of another award
    typed = client.get(reverse("public:certificate_form"), {"ma": f" {code[:5].lower()}-{code[5:]} "})
    assert typed.status_code == 302 and typed["Location"] == url


def test_public_check_page_reveals_nothing_for_a_wrong_code(client, council, settings):
    proposal = _issued(client, council, 3)
    names = list(ProposalLine.objects.filter(proposal=proposal).values_list("person__full_name", flat=True))
    real = CertificateCode.objects.filter(line__proposal=proposal).first().code
    wrong = ("A" if real[0] != "A" else "B") + real[1:]
    client.logout()
    cache.clear()
    for code in [wrong, "1", "' OR 1=1 --", str(proposal.pk), "x" * 5000]:
        response = client.get(reverse("public:certificate", args=[code]))
        text = response.content.decode()
        assert response.status_code == 404 and 'id="certificate-not-found"' in text
        assert not any(name in text for name in names) and "345/QĐ-UBND" not in text
    settings.PUBLIC_PAGE_RATE = 3
    cache.clear()
    statuses = [client.get(reverse("public:certificate", args=[wrong])).status_code for _ in range(5)]
    assert statuses == [404, 404, 404, 429, 429]


def test_public_awards_page_lists_decided_awards_when_office_opts_in(client, council):
    proposal = _issued(client, council, 4)
    authority, year = council["council"].unit, proposal.campaign.year
    public = reverse("public:awards_year", args=[authority.pk, year])
    client.logout()
    cache.clear()
    assert client.get(public).status_code == 404
    assert authority.name not in client.get(reverse("public:awards")).content.decode()
    switch = reverse("awards:publication_switch", args=[authority.pk, year])
    client.force_login(council["clerk_a"])  # not the office
    assert client.post(switch, {"published": "1"}).status_code == 403
    client.force_login(council["office"])
    assert authority.name in client.get(reverse("awards:publications")).content.decode()
    assert client.post(switch, {"published": "1"}).status_code == 302
    assert Notification.objects.filter(event="awards.published", recipient=council["clerk_a"]).exists()
    client.logout()
    page = client.get(public).content.decode()
    awarded = ProposalLine.objects.filter(proposal=proposal, decision="approved").select_related("person")
    rejected = ProposalLine.objects.filter(proposal=proposal, decision="rejected").select_related("person").get()
    assert "345/QĐ-UBND" in page and all(line.person.full_name in page for line in awarded)
    assert rejected.person.full_name not in page
    found = client.get(public, {"q": "tran thi khen 001"}).content.decode()  # without accents
    assert "Trần Thị Khen 001" in found and "Trần Thị Khen 000" not in found
    client.force_login(council["office"])
    client.post(switch, {"published": "0"})
    client.logout()
    assert client.get(public).status_code == 404
