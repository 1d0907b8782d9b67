"""Settings for the test suite: the real settings, with a throwaway key and fast hashing."""

import atexit
import os
import shutil
import tempfile
from urllib.parse import urlsplit

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")

# Under pytest-xdist each worker has its own test database (pytest-django names it) and its own Redis
# database, so that the Celery workers one test starts never take another worker's tasks.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
_broker = urlsplit(os.environ.get("CELERY_BROKER_URL", ""))
if _worker.startswith("gw") and _broker.scheme == "redis":
    _db = int(_broker.path.strip("/") or 0)
    os.environ["CELERY_BROKER_URL"] = _broker._replace(path=f"/{(_db + 1 + int(_worker[2:])) % 16}").geturl()

# Files the tests upload or render go to a directory of the run's own, removed when it ends, rather than to the
# quick start's media/; the processes the tests start (xdist workers, Celery workers, servers) inherit it.
if "MEDIA_ROOT" not in os.environ:
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="thidua-test-media-")
    atexit.register(shutil.rmtree, os.environ["MEDIA_ROOT"], True)

from thidua.settings import *  # noqa: E402,F403

# scripts/test.sh says when the kept test databases already hold every migration (its stamp): they are then
# used as they stand, without Django working out the state of every migration again (seconds per worker).
if os.environ.get("THIDUA_TEST_DATABASE_CURRENT") == "1":
    for _database in DATABASES.values():  # noqa: F405
        _database.setdefault("TEST", {})["MIGRATE"] = False

# A test database is thrown away: PostgreSQL need not wait for the disk at each commit (the restores after each
# transactional test, the live server's requests). What a committed transaction shows is unchanged.
for _database in DATABASES.values():  # noqa: F405
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database.setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Tests run tasks in process; the worker tests start a real worker of their own.
CELERY_TASK_ALWAYS_EAGER = True
RENDER_IN_THREAD = False

# The suite runs without collectstatic; production uses the manifest storage.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
SECURE_SSL_REDIRECT = False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The browser tests' pages keep the static files they fetched (as production's do) instead of asking again on
# every page.
WHITENOISE_MAX_AGE = 3600
