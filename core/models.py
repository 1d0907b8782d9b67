"""Abstract models every app may build on; no table of their own."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class KeptFile(models.Model):
    """A file made by a background task (a long PDF, a large export) and kept, so the next download is immediate.

    The row is the work's record: it waits (pending) until a worker, or the
    web process's background thread, claims it; a task lost with its worker
    is found again by its age. Progress is saved as it goes for the page
    that polls it.
    """

    # A claim older than this belongs to a worker that died: another may take the work over.
    STALE = timedelta(minutes=10)

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Rendering")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=1)
    file = models.FileField(upload_to="exports/%Y/", blank=True)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def percent(self):
        return min(100, self.done * 100 // max(self.total, 1))

    @classmethod
    def waiting_ids(cls, *, older_than=timedelta(minutes=5)):
        """Ids of the files asked for a while ago and not made: still pending, or held by a worker that died."""
        now = timezone.now()
        waiting = Q(status=cls.Status.PENDING, requested_at__lt=now - older_than) | Q(
            status=cls.Status.RUNNING, started_at__lt=now - cls.STALE
        )
        return list(cls.objects.filter(waiting).values_list("pk", flat=True))

    @classmethod
    def make(cls, pk, produce):
        """The task's work: claim the row, call `produce(row, progress)` -> (filename, bytes or a file), keep it.

        `progress(done, total)` saves how far it got. A rerun, or a second
        worker given the same task, finds nothing to claim and does nothing.
        """
        now = timezone.now()
        claimable = Q(status=cls.Status.PENDING) | Q(status=cls.Status.RUNNING, started_at__lt=now - cls.STALE)
        if not cls.objects.filter(claimable, pk=pk).update(status=cls.Status.RUNNING, started_at=now):
            return None
        row = cls.objects.get(pk=pk)

        def progress(done, total):
            cls.objects.filter(pk=pk).update(done=done, total=total)

        try:
            filename, content = produce(row, progress)
        except Exception as error:
            cls.objects.filter(pk=pk).update(
                status=cls.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
            )
            raise
        # A large file may come as an open temporary file rather than bytes, so memory stays flat.
        row.file.save(filename, content if hasattr(content, "read") else ContentFile(content), save=False)
        cls.objects.filter(pk=pk).update(status=cls.Status.DONE, file=row.file.name, finished_at=timezone.now())
        return row.file.name
