"""manage.py in a fresh shell, where neither SECRET_KEY nor DEBUG is set (manage.py's docstring says why)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLAN = "fixtures/plans/003_f93fa832eb42d84a.txt"


def fresh_shell(*command, database):
    """manage.py run with nothing in the environment but PATH, and an SQLite file of the test's own."""
    environment = {"PATH": os.environ["PATH"], "DATABASE_URL": f"sqlite:///{database}"}
    return subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "command, says",
    [
        (["help"], "read_plan"),  # the project's own commands are listed, not only Django's
        (["check"], "System check identified no issues"),
        (["showmigrations", "awards"], "[ ] 0001_initial"),
        (["read_plan", PLAN, "--json"], '"slogan"'),
    ],
)
def test_read_only_commands_work_in_a_fresh_shell(tmp_path, command, says):
    result = fresh_shell(*command, database=tmp_path / "db.sqlite3")
    assert result.returncode == 0, result.stderr
    assert says in result.stdout
    assert "settings are not properly configured" not in result.stdout + result.stderr


@pytest.mark.parametrize("command", [["migrate"], ["check", "--deploy"], ["runserver"], ["load_demo"]])
def test_other_commands_in_a_fresh_shell_say_exactly_what_to_set(tmp_path, command):
    database = tmp_path / "db.sqlite3"
    result = fresh_shell(*command, database=database)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"manage.py {command[0]}: SECRET_KEY (or SECRET_KEY_FILE, the path of a file holding it) must be set when "
        "DEBUG is not True; on a development machine set DEBUG=True instead (scripts/start.sh does)\n"
    )
    assert not database.exists()  # stopped before it touched anything
