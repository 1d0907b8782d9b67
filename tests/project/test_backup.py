"""The README's backup and restore, run against the local PostgreSQL with uploaded files.

scripts/check-backup.sh backs up the database and MEDIA_ROOT with
scripts/backup.sh, restores both with scripts/restore.sh into a scratch
database and directory, and compares every table's row count and every file.
"""

import os
import re
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from activity.models import ActivityLog
from awards.models import AchievementReport, RenderedFile, SignedDecision
from scoring.models import Evidence, MidyearReport
from tests import snapshots

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("the backup commands are PostgreSQL's (set DATABASE_URL)")


def test_backup_restores_every_row_and_every_uploaded_file(settings, tmp_path):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    snapshots.load_demo()
    files = sorted(path.relative_to(media) for path in media.rglob("*") if path.is_file())
    # Every uploaded report, evidence and signed copy, and every paper the product rendered and kept.
    kept = sum(
        model.objects.count() for model in (MidyearReport, Evidence, RenderedFile, AchievementReport, SignedDecision)
    )
    assert len(files) == kept and MidyearReport.objects.count() > 0
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "MEDIA_ROOT": str(media),
    }
    result = subprocess.run(
        ["bash", "scripts/check-backup.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    counts = dict(re.findall(r"^(\w+)\s+(\d+)$", result.stdout, re.MULTILINE))
    assert int(counts["scoring_midyearreport"]) == MidyearReport.objects.count()
    assert int(counts[ActivityLog._meta.db_table]) == ActivityLog.objects.count()
    assert f"and {len(files)} files restored as they were" in result.stdout
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname LIKE %s", [f"{db['NAME']}_restore%"])
        assert cursor.fetchone()[0] == 0  # the scratch database is gone
