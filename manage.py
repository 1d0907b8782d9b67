#!/usr/bin/env python
"""thidua's command line (Django's manage.py).

A fresh shell sets neither SECRET_KEY nor DEBUG. The commands that only read
and never sign a cookie, a token or a link run then with a throwaway key, so a
newcomer can look around before configuring anything. Every other command needs
the key the servers use: a missing or malformed setting stops it with one line
saying what to set, instead of a traceback.
"""

import os
import secrets
import sys
from importlib import import_module

READ_ONLY_COMMANDS = {
    "help",
    "--help",
    "-h",
    "version",
    "--version",
    "check",
    "showmigrations",
    "sqlmigrate",
    "read_plan",
}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    # `check --deploy` judges the production settings, the key among them: it gets no stand-in.
    read_only = command in READ_ONLY_COMMANDS and "--deploy" not in sys.argv
    if read_only and not (os.environ.get("SECRET_KEY") or os.environ.get("SECRET_KEY_FILE")):
        os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)

    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        import_module(os.environ["DJANGO_SETTINGS_MODULE"])  # reads and checks the environment
    except ImproperlyConfigured as error:
        sys.exit(f"manage.py {command}: {error}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
