"""What a unit sends: mid-year reports, its year-end scorecard with self-scores and evidence."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from organisation.models import Unit

from .table import POINTS, Criterion


class UploadedFile(models.Model):
    """A file a unit sent: its stored file, the name it had and who sent it when."""

    file = models.FileField(_("file"), upload_to="scoring/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name


class MidyearReport(UploadedFile):
    """A unit's mid-year report (báo cáo sơ kết), PDF or Word."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="midyear_reports"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="midyear_reports")
    is_late = models.BooleanField(_("sent late"), default=False)

    class Meta:
        verbose_name = _("mid-year report")
        verbose_name_plural = _("mid-year reports")
        ordering = ["-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit"],
                name="one_midyear_report_per_unit",
                violation_error_message=_(
                    "This unit has sent its mid-year report already; send it again to replace it."
                ),
            ),
        ]


class Scorecard(models.Model):
    """A unit's year-end submission: its self-scores and evidence, sent once to its compiler."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="scorecards"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="scorecards")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)

    version = models.PositiveIntegerField(_("version"), default=0)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_late = models.BooleanField(_("sent late"), default=False)

    class Meta:
        verbose_name = _("year-end self-assessment")
        verbose_name_plural = _("year-end self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit"],
                name="one_scorecard_per_unit_and_campaign",
                violation_error_message=_("This unit has a self-assessment for this campaign already."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.campaign}"

    @property
    def is_sent(self):
        return self.status == self.Status.SUBMITTED


class SelfScore(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="self_scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+")
    points = models.DecimalField(_("points"), **POINTS, validators=[MinValueValidator(0)])
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("self-score")
        verbose_name_plural = _("self-scores")
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="self_score_unique"),
            models.CheckConstraint(condition=Q(points__gte=0), name="self_score_not_negative"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.points}"


class Evidence(UploadedFile):
    """A file backing a self-score."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at"]
