"""The production install, as the README makes it: a virtual environment from requirements.txt alone.

Run by `.ci/run` against the local PostgreSQL and Redis (`-m production_install`;
the everyday suite leaves it out, since it installs every requirement anew). A
runtime dependency that only the test requirements bring in makes it fail.
"""

import subprocess
import sys
import time

import pytest
from django.db import connection
from django.urls import reverse

from awards.models import RenderedFile
from tests.awards.test_awards import pdf_text
from tests.awards.test_decisions import _decided
from tests.workers import BROKER, ROOT, Worker, redis_reachable, use_broker

pytestmark = [pytest.mark.production_install, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def production_python(tmp_path_factory):
    """The interpreter of a fresh virtual environment holding requirements.txt and nothing else."""
    venv = tmp_path_factory.mktemp("production") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check"]
    installed = subprocess.run(
        [*pip, "-r", str(ROOT / "requirements.txt")], capture_output=True, text=True, timeout=1200
    )
    assert installed.returncode == 0, installed.stderr
    return venv / "bin" / "python"


@pytest.fixture
def production_worker(production_python, tmp_path, monkeypatch, settings):
    if connection.vendor != "postgresql" or not redis_reachable():
        pytest.skip("needs the test database on PostgreSQL and Redis at CELERY_BROKER_URL")
    settings.MEDIA_ROOT = tmp_path / "media"
    worker = Worker(
        tmp_path,
        python=str(production_python),
        env={"MEDIA_ROOT": str(settings.MEDIA_ROOT), "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    )
    broker = use_broker(monkeypatch, BROKER, queue=worker.queue)
    next(broker)
    worker.start()
    yield worker
    worker.stop()
    next(broker, None)


def test_production_requirements_start_a_redis_worker(production_python, production_worker, client, council):
    test_only = subprocess.run([str(production_python), "-c", "import pytest"], capture_output=True)
    assert test_only.returncode != 0, "the production environment must not hold the test requirements"
    proposal, _rejected = _decided(client, council, 3)  # counting the ballot queues its minutes, for the worker
    deadline = time.monotonic() + 90
    while (file := RenderedFile.objects.get(proposal=proposal, kind="ballot_minutes")).status != "done":
        assert file.status != "failed", file.error
        assert time.monotonic() < deadline, production_worker.log.read_text()
        time.sleep(0.3)
    assert "render_file" in production_worker.log.read_text()  # the worker did it, not this process
    response = client.get(reverse("awards:file", args=[proposal.pk, "ballot_minutes"]))
    assert "Biên bản kết thúc cùng ngày" in pdf_text(b"".join(response.streaming_content))
    production_worker.stop()
    assert production_worker.process.returncode == 0, production_worker.log.read_text()
