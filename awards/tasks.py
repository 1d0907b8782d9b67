"""Celery tasks: thin callers of the award services, safe to run twice."""

from celery import shared_task

from awards import services
from core.background import make_in_background


@shared_task
def render_file(file_id):
    return services.rendered_file_render(file_id=file_id)


@shared_task
def render_waiting_files():
    """The periodic sweep: queue again the papers still waiting, e.g. asked for while the broker was down."""
    for file_id in services.rendered_files_waiting():
        render_file.delay(file_id)


def _render_here(file_id):
    services.rendered_file_render(file_id=file_id)


def queue_render(file_id):
    """Hand the rendering to a worker, so no request waits for a 500-page PDF (see make_in_background)."""
    make_in_background(render_file, file_id, _render_here)
