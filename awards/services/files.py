"""Papers rendered in the background and kept per version: asked for once, rendered once."""

from django.db import transaction
from django.utils import timezone

from awards.models import (
    RenderedFile,
)

STALE = RenderedFile.STALE


def queue_file(*, proposal, kind, version):
    """Create the file's row once and queue its rendering when the transaction commits."""
    file, created = RenderedFile.objects.get_or_create(proposal=proposal, kind=kind, version=version)
    if created:
        _queue_on_commit(file.pk)
    return file


def _queue_on_commit(file_id):
    from awards.tasks import queue_render  # tasks call back into this module

    transaction.on_commit(lambda: queue_render(file_id))


@transaction.atomic
def rendered_file_request(*, proposal, kind, version, retry=False):
    """The file of this document version: ready, on its way, or queued now (once, however many ask).

    Asking again while it renders only reads, so a page polling its progress
    never waits for the task's own writes.
    """
    file = queue_file(proposal=proposal, kind=kind, version=version)
    stale = timezone.now() - STALE
    Status = RenderedFile.Status
    # A failed render is tried again on request; one lost with a restarted worker, after a while.
    again = (
        (retry and file.status == Status.FAILED)
        or (file.status == Status.PENDING and file.requested_at < stale)
        or (file.status == Status.RUNNING and file.started_at is not None and file.started_at < stale)
    )
    if again and RenderedFile.objects.filter(pk=file.pk, status=file.status, requested_at=file.requested_at).update(
        status=Status.PENDING, requested_at=timezone.now(), error="", done=0
    ):
        _queue_on_commit(file.pk)
        file.refresh_from_db()
    return file


def rendered_files_waiting():
    return RenderedFile.waiting_ids()


def rendered_file_render(*, file_id):
    """The task's work: claim the file, render it with its progress saved as it goes, keep it. A rerun is a no-op."""
    from awards.rendering import KEPT  # the papers read through selectors; imported where they are used

    def produce(file, progress):
        filename, _mime, content = KEPT[file.kind](file.proposal).generate(progress=progress)
        return f"{file.proposal_id}-v{file.version}-{filename}", content

    return RenderedFile.make(file_id, produce)
