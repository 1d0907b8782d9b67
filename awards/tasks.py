"""Celery tasks: thin callers of the award services, safe to run twice."""

from concurrent.futures import ThreadPoolExecutor

from celery import shared_task
from django.conf import settings
from django.db import connection

from awards import services

# Without a broker the papers are rendered in a thread of the web process, one at a time, so that no
# request waits for a 500-page PDF and two renders never write to SQLite at once.
_local = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thidua-render")


@shared_task
def render_file(file_id):
    return services.rendered_file_render(file_id=file_id)


def _render_here(file_id):
    try:
        services.rendered_file_render(file_id=file_id)
    finally:
        connection.close()


def queue_render(file_id):
    """Hand the rendering to a worker, or without a broker to the process's render thread (tests: right away)."""
    if settings.RENDER_IN_THREAD:
        _local.submit(_render_here, file_id)
    else:
        render_file.delay(file_id)
