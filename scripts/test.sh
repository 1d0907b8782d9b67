#!/usr/bin/env bash
# Run the whole test suite, browser tests included. Extra arguments go to pytest.
set -euo pipefail
export THIDUA_DEV_REQUIREMENTS=1 THIDUA_BROWSER_PACKAGES=1
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

ruff check .
ruff format --check .

# On every core (TEST_WORKERS to choose). The test databases (one per worker) are kept after a passing run
# and reused by the next one, as they stand, unless a migration, the database, the number of workers or this
# script changed; after a failing run they are made anew (--create-db with --reuse-db: made, then kept).
workers="${TEST_WORKERS:-auto}"
# Python keeps the compiled modules (and pytest its rewritten test modules, seconds per worker) for the next run.
unset PYTHONDONTWRITEBYTECODE
stamp=".pytest-db-$(cat ./*/migrations/*.py "$0" <(echo "${DATABASE_URL:-sqlite} $workers $(nproc)") | sha256sum | cut -c1-16)"
database=(--reuse-db --create-db)
if [[ -f "$stamp" ]]; then
  database=(--reuse-db)
  export THIDUA_TEST_DATABASE_CURRENT=1
fi
rm -f .pytest-db-*
python -m pytest -n "$workers" --dist worksteal "${database[@]}" "$@"
touch "$stamp"
