"""Papers asked for while the broker is down: the page answers at once, the paper is rendered all the same."""

import socket
import time

import pytest
from django.test import override_settings
from django.urls import reverse

from awards.models import RenderedFile
from core.background import wait_for_background
from tests.awards.test_decisions import _decided
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
