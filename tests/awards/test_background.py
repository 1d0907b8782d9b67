"""Papers rendered in the background: asked for while the broker is down, the page answers at once and the paper is
rendered all the same; a failed one is rendered again when asked, not at every look."""

import socket
import time

import pytest
from django.test import override_settings
from django.urls import reverse

from awards.models import RenderedFile
from core.background import wait_for_background
from tests.awards.test_decisions import _decided, committed
from tests.workers import use_broker


@pytest.fixture
def broker_down(monkeypatch):
    """A broker address where nothing listens any more: Redis stopped."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    yield from use_broker(monkeypatch, f"redis://127.0.0.1:{port}/0")


@pytest.mark.django_db(transaction=True)
def test_paper_request_with_broker_down_answers_without_error_and_renders_later(client, council, broker_down, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        proposal, _rejected = _decided(client, council, 3)  # counting the ballot queues its minutes
        url = reverse("awards:file", args=[proposal.pk, "ballot_minutes"])
        started = time.monotonic()
        response = client.get(url)
        # Below the broker's connect timeout (5 s): the page gave up on the refused broker at once, it did not wait
        # for one (a loaded test machine takes over 2 s for the page itself).
        assert time.monotonic() - started < 5
        assert response.status_code == 200
        assert 'id="file-progress"' in response.content.decode()  # the progress page, polling
        wait_for_background()  # the broker refused the task: the process rendered it instead
        assert RenderedFile.objects.get(proposal=proposal, kind="ballot_minutes").status == "done"
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_failed_paper_is_rendered_again_when_asked_not_at_every_look(client, council, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        proposal, _rejected = _decided(client, council, 3)
        RenderedFile.objects.filter(proposal=proposal, kind="ballot_minutes").update(status="failed", error="hỏng")
        url = reverse("awards:file", args=[proposal.pk, "ballot_minutes"])
        with committed():
            assert client.get(url, headers={"HX-Request": "true"}).status_code == 200
        assert RenderedFile.objects.get(proposal=proposal, kind="ballot_minutes").status == "failed"
        with committed():
            client.get(url + "?retry=1")
        assert RenderedFile.objects.get(proposal=proposal, kind="ballot_minutes").status == "done"
        response = client.get(url)
        assert b"".join(response.streaming_content).startswith(b"%PDF")
