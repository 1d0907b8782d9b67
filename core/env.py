"""Strict readers for settings that come from the environment.

A value that is set but malformed stops start-up with a message naming the
variable, rather than silently falling back to a default.
"""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw in ("True", "true", "1"):
        return True
    if raw in ("False", "false", "0"):
        return False
    raise ImproperlyConfigured(f"{name} must be True or False, not {raw!r}")


def env_int(name, default, *, minimum=0, maximum=None):
    """A whole number within [minimum, maximum]."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < minimum or (maximum is not None and value > maximum):
        limits = f"from {minimum}" + (f" to {maximum}" if maximum is not None else "")
        raise ImproperlyConfigured(f"{name} must be a whole number {limits}, not {raw!r}")
    return value


def env_list(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name, default=None, *, missing=""):
    """A secret from NAME, or from the file named by NAME_FILE; `missing` ends the message when neither is set."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    value = os.environ.get(name)
    if value:
        return value
    if default is None:
        raise ImproperlyConfigured(f"{name} (or {name}_FILE, the path of a file holding it) must be set{missing}")
    return default
