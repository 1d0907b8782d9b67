"""Reports and evidence: accepted only as the kinds the page lists, by their bytes and by their name."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scoring.models import Evidence, MidyearReport

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def report_url(sw):
    return reverse("scoring:report", args=[sw["campaign"].pk, sw["unit_b"].pk])


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("bao-cao.html", PDF, "là tệp PDF nhưng tên có đuôi “.html”"),
        ("bao-cao.svg", PDF, "là tệp PDF nhưng tên có đuôi “.svg”"),
        ("bao-cao.pdf", docx(), "là tệp DOCX nhưng tên có đuôi “.pdf”"),
        ("bao-cao.docx", PDF, "là tệp PDF nhưng tên có đuôi “.docx”"),
    ],
)
def test_upload_content_must_match_its_extension(login, sw, settings, tmp_path, name, data, message):
    settings.MEDIA_ROOT = tmp_path
    response = login(sw["clerk_b"]).post(report_url(sw), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "bao-cao." in page
    assert not MidyearReport.objects.exists()
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


def test_a_name_without_extension_is_given_the_one_its_content_calls_for(login, sw, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(sw["clerk_b"])
    assert client.post(report_url(sw), {"file": SimpleUploadedFile("BAO-CAO", PDF)}).status_code == 302
    report = MidyearReport.objects.get()
    assert report.original_name == "BAO-CAO.pdf" and report.file.name.endswith(".pdf")
    download = client.get(reverse("scoring:report_download", args=[sw["campaign"].pk, report.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    # Upper case and the other spelling of an extension are the same kind.
    assert client.post(report_url(sw), {"file": SimpleUploadedFile("Bao-cao.PDF", PDF)}).status_code == 302


def test_evidence_is_checked_the_same_way(login, sw, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(sw["clerk_b"])
    criterion = sw["criteria"][0]
    url = reverse("scoring:self", args=[sw["campaign"].pk, sw["unit_b"].pk])
    data = {"version": 0, "action": "save", f"points_{criterion.pk}": "8"}
    refused = client.post(url, {**data, f"evidence_{criterion.pk}": SimpleUploadedFile("anh.jpg", PNG)})
    assert "là tệp PNG nhưng tên có đuôi “.jpg”" in refused.content.decode()
    assert not Evidence.objects.exists()
    # What was typed stays on the refused form.
    assert refused.context["form"][f"points_{criterion.pk}"].value() == "8"
    accepted = client.post(url, {**data, f"evidence_{criterion.pk}": SimpleUploadedFile("anh.png", PNG)})
    assert accepted.status_code == 302
    assert Evidence.objects.get().original_name == "anh.png"
