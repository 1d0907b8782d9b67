#!/usr/bin/env bash
# Run the whole test suite, browser tests included. Extra arguments go to pytest.
set -euo pipefail
export THIDUA_DEV_REQUIREMENTS=1 THIDUA_BROWSER_PACKAGES=1
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

ruff check .
ruff format --check .
exec python -m pytest "$@"
