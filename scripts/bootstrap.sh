#!/usr/bin/env bash
# Sourced by scripts/start.sh and scripts/test.sh: brings a fresh clone on a
# fresh Debian machine to a working virtual environment. Every step is a no-op
# when its work is already done, so re-running costs seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"

# The Python the code needs, declared once: requires-python in pyproject.toml.
PYTHON_MIN="$(sed -n 's/^requires-python *= *">=\([0-9.]*\)".*/\1/p' "$ROOT/pyproject.toml")"
if [[ -x "$VENV/bin/python" ]]; then interpreter="$VENV/bin/python"; else interpreter="$PYTHON"; fi
if ! "$interpreter" -c "import sys; sys.exit(sys.version_info[:2] < tuple(map(int, '$PYTHON_MIN'.split('.'))))" 2>/dev/null; then
  found="$("$interpreter" --version 2>/dev/null || echo "not found")"
  echo "!! thidua needs Python $PYTHON_MIN or newer (requires-python in pyproject.toml); $interpreter is: $found." >&2
  if [[ "$interpreter" == "$VENV/bin/python" ]]; then
    echo "!! Remove .venv and run again (with PYTHON=/path/to/python3.x if python3 is older)." >&2
  else
    echo "!! Install one (Debian 12 and later: apt-get install python3 python3-venv) or name it, e.g." >&2
    echo "!!   PYTHON=/usr/local/bin/python3.12 ./scripts/start.sh" >&2
  fi
  return 1 2>/dev/null || exit 1
fi

# System packages: Pango for WeasyPrint, a Times-metric font with full
# Vietnamese coverage, gettext to compile translations, poppler to read PDFs
# back in tests, and Debian's Chromium for the browser tests.
SYSTEM_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 gettext poppler-utils)
if [[ "${THIDUA_BROWSER_PACKAGES:-0}" == 1 ]]; then
  # LibreOffice Writer (headless) lets a test open the .docx papers and convert them to PDF.
  SYSTEM_PACKAGES+=(chromium chromium-driver libreoffice-writer-nogui)
fi

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo ">> installing system packages: ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [[ ! -x "$VENV/bin/python" ]]; then
  echo ">> creating virtual environment in .venv"
  "$PYTHON" -m venv "$VENV"
fi

# Reinstall only when a requirements file changed since the last install.
REQ_FILES=("$ROOT/requirements.txt")
if [[ "${THIDUA_DEV_REQUIREMENTS:-0}" == 1 ]]; then
  REQ_FILES+=("$ROOT/requirements-dev.txt")
fi
stamp="$VENV/.requirements-$(cat "${REQ_FILES[@]}" | sha256sum | cut -c1-16)"
if [[ ! -f "$stamp" ]]; then
  echo ">> installing Python requirements"
  "$VENV/bin/pip" install -q --disable-pip-version-check --upgrade pip
  args=()
  for f in "${REQ_FILES[@]}"; do args+=(-r "$f"); done
  "$VENV/bin/pip" install -q --disable-pip-version-check "${args[@]}"
  rm -f "$VENV"/.requirements-*
  touch "$stamp"
fi

export PATH="$VENV/bin:$PATH"
cd "$ROOT"
for po in locale/*/LC_MESSAGES/*.po; do
  mo="${po%.po}.mo"
  if [[ ! -f "$mo" || "$po" -nt "$mo" ]]; then
    echo ">> compiling $po"
    msgfmt --check -o "$mo" "$po"
  fi
done
