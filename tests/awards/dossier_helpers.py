"""Shared steps of the dossier's tests: kept papers through their pages, Word text, a signed upload."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as WordDocument

from tests.awards.test_decisions import committed

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def kept(client, proposal, kind, mime):
    """A kept paper through its page: the first request queues its task (run as the request commits), the next
    one downloads it."""
    url = reverse("awards:file", args=[proposal.pk, kind])
    with committed():
        response = client.get(url)
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert "file-progress" in response.content.decode()
        response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == mime, response.content[:300]
    return b"".join(response.streaming_content)


def word_texts(content):
    """Every paragraph's text of a .docx, the tables' cells included, in order."""
    document = WordDocument(io.BytesIO(content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [paragraph.text for paragraph in cell.paragraphs]
    return [text for text in texts if text.strip()]


def compact(text):
    return "".join(text.split())


def upload(client, url, content, version=0, name="ky-so.pdf"):
    return client.post(
        url,
        {"file": SimpleUploadedFile(name, content, content_type="application/pdf"), "version": version},
        follow=True,
    )
