"""Celery tasks of awards. They are defined beside the services they call (awards.services.files), so that a
service queueing one imports nothing that imports it back; the worker finds them through this module."""

from awards.services.files import render_file, render_waiting_files  # noqa: F401
