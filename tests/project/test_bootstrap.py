"""scripts/bootstrap.sh checks the Python it is given against the version pyproject.toml declares."""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bootstrap_refuses_a_python_older_than_declared(tmp_path):
    required = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    assert required.startswith(">=")
    minimum = tuple(int(part) for part in required[2:].split("."))
    older = f"{minimum[0]}.{minimum[1] - 1}.9"
    clone = tmp_path / "clone"
    (clone / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "bootstrap.sh", clone / "scripts")
    shutil.copy(ROOT / "pyproject.toml", clone)
    old_python = tmp_path / "python-old"
    old_python.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        f"if sys.argv[1:] == ['--version']: print('Python {older}'); sys.exit(0)\n"
        f"sys.version_info = {(*minimum[:1], minimum[1] - 1, 9)!r}\n"
        "exec(sys.argv[2])\n"
    )
    old_python.chmod(0o755)
    result = subprocess.run(
        ["bash", "scripts/bootstrap.sh"],
        cwd=clone,
        env={"PATH": os.environ["PATH"], "PYTHON": str(old_python)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"thidua needs Python {required[2:]} or newer" in result.stderr
    assert f"is: Python {older}." in result.stderr
    assert not (clone / ".venv").exists()
