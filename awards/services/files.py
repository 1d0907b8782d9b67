"""Papers rendered in the background and kept per version: asked for once, rendered once."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from awards.models import (
    RenderedFile,
)
from core.background import make_in_background
from core.db import writing

STALE = RenderedFile.STALE


def queue_file(*, proposal, kind, version):
    """Create the file's row once and queue its rendering when the transaction commits."""
    file, created = RenderedFile.objects.get_or_create(proposal=proposal, kind=kind, version=version)
    if created:
        _queue_on_commit(file.pk)
    return file


def _queue_on_commit(file_id):
    transaction.on_commit(lambda: queue_render(file_id))


def rendered_file_request(*, proposal, kind, version, retry=False):
    """The file of this document version: ready, on its way, or queued now (once, however many ask).

    Asking again while it renders only reads, so a page polling its progress
    never waits for the task's own writes. Creating the row or queueing it
    again is a write of its own that takes the write lock as it begins
    (`writing`): on the quick start's SQLite, a request that had read first
    would be refused at once whenever a render saved its progress meanwhile.
    """
    file = RenderedFile.objects.filter(proposal=proposal, kind=kind, version=version).first()
    if file is not None and not _again(file, retry):
        return file
    with writing():
        file = queue_file(proposal=proposal, kind=kind, version=version)
        if _again(file, retry) and RenderedFile.objects.filter(
            pk=file.pk, status=file.status, requested_at=file.requested_at
        ).update(status=RenderedFile.Status.PENDING, requested_at=timezone.now(), error="", done=0):
            _queue_on_commit(file.pk)
            file.refresh_from_db()
    return file


def _again(file, retry):
    """Whether to render it again: a failed render on request; one lost with a restarted worker, after a while."""
    stale = timezone.now() - STALE
    Status = RenderedFile.Status
    return (
        (retry and file.status == Status.FAILED)
        or (file.status == Status.PENDING and file.requested_at < stale)
        or (file.status == Status.RUNNING and file.started_at is not None and file.started_at < stale)
    )


def rendered_files_waiting():
    return RenderedFile.waiting_ids()


def rendered_file_render(*, file_id):
    """The task's work: claim the file, render it with its progress saved as it goes, keep it. A rerun is a no-op."""
    from awards.rendering import KEPT  # the papers read through selectors; imported where they are used

    def produce(file, progress):
        filename, _mime, content = KEPT[file.kind](file.proposal).generate(progress=progress)
        return f"{file.proposal_id}-v{file.version}-{filename}", content

    return RenderedFile.make(file_id, produce)


# The tasks live beside the work they run, so that queueing one imports nothing that imports this module back;
# their names are those Celery and beat have always known them by (awards/tasks.py lists them).


@shared_task(name="awards.tasks.render_file")
def render_file(file_id):
    return rendered_file_render(file_id=file_id)


@shared_task(name="awards.tasks.render_waiting_files")
def render_waiting_files():
    """The periodic sweep: queue again the papers still waiting, e.g. asked for while the broker was down."""
    for file_id in rendered_files_waiting():
        render_file.delay(file_id)


def _render_here(file_id):
    rendered_file_render(file_id=file_id)


def queue_render(file_id):
    """Hand the rendering to a worker, so no request waits for a 500-page PDF (see make_in_background)."""
    make_in_background(render_file, file_id, _render_here)
