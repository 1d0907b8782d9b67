"""Settings read from the environment: a malformed value stops start-up with a message naming it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage_check(**variables):
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "SECRET_KEY": "settings-test",
        **variables,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "name, value",
    [
        ("EMAIL_PORT", "smtp"),
        ("REMINDER_HOUR", "7h"),
        ("REMINDER_HOUR", "24"),
        ("SECURE_HSTS_SECONDS", "một năm"),
        ("LOGIN_MAX_FAILURES", "0"),
        ("LOGIN_LOCKOUT_SECONDS", "15m"),
    ],
)
def test_malformed_whole_number_stops_start_up_naming_the_variable(name, value):
    result = manage_check(**{name: value})
    assert result.returncode != 0
    # One line naming the variable, no traceback to dig it out of.
    assert result.stderr.startswith(f"manage.py check: {name} must be a whole number "), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_well_formed_whole_numbers_start():
    result = manage_check(REMINDER_HOUR="23", LOGIN_MAX_FAILURES="10", EMAIL_PORT="587")
    assert result.returncode == 0, result.stderr
