#!/usr/bin/env bash
# Set everything up on a fresh clone and serve the app with the demo data on
# http://127.0.0.1:8000 (SQLite and in-process tasks unless DATABASE_URL and
# CELERY_BROKER_URL say otherwise). Emails go to the console.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

export DEBUG="${DEBUG:-True}"
python manage.py migrate --noinput -v 0
python manage.py load_demo
python manage.py setup_schedules -v 0 > /dev/null
# Without a broker no beat runs: send today's reminders once at start.
# (With Redis, run a worker and beat instead: see the README.)
[[ -n "${CELERY_BROKER_URL:-}" ]] || python manage.py send_reminders
exec python manage.py runserver "${THIDUA_ADDRESS:-127.0.0.1:8000}"
