"""Celery tasks of the register. They are defined beside the services they call (honours.services), so that a
service queueing one imports nothing that imports it back; the worker finds them through this module."""

from honours.services import make_register_export, make_waiting_exports  # noqa: F401
