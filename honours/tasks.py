"""Celery tasks: thin callers of the register's services, safe to run twice."""

from celery import shared_task

from core.background import make_in_background
from honours import services


@shared_task
def make_register_export(export_id):
    return services.register_export_make(export_id=export_id)


@shared_task
def make_waiting_exports():
    """The periodic sweep: queue again the exports still waiting, e.g. asked for while the broker was down."""
    for export_id in services.register_exports_waiting():
        make_register_export.delay(export_id)


def _make_here(export_id):
    services.register_export_make(export_id=export_id)


def queue_export(export_id):
    make_in_background(make_register_export, export_id, _make_here)
