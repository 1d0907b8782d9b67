"""The dossier's records: each line's signed achievement report, the decision as the authority signed it,
the code that lets anyone check a certificate, and the office's choice to publish an authority's awards.

Imported by `awards.models`, so Django registers them with the awards app.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import Unit

from .decisions import AwardDecision
from .proposals import ProposalLine


class AchievementReport(models.Model):
    """The báo cáo thành tích a unit completed and signed for one line, uploaded as a PDF.

    When the line goes up to a higher council, its report goes with it: the
    forwarded line gets a row of its own pointing at the same file.
    """

    line = models.OneToOneField(ProposalLine, on_delete=models.CASCADE, related_name="achievement_report")
    file = models.FileField(_("file"), upload_to="reports/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    version = models.PositiveIntegerField(default=1)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("achievement report")
        verbose_name_plural = _("achievement reports")

    def __str__(self):
        return self.original_name


class SignedDecision(models.Model):
    """The award decision as the authority signed it in its own signing tool, verified when it was uploaded.

    It stands for the version of the decision it was checked against: a
    decision corrected afterwards needs a new signed copy.
    """

    decision = models.OneToOneField(AwardDecision, on_delete=models.CASCADE, related_name="signed")
    decision_version = models.PositiveIntegerField()
    file = models.FileField(_("file"), upload_to="signed/%Y/")
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    signer_name = models.CharField(_("signed by"), max_length=255)
    signer_subject = models.CharField(_("signer's certificate"), max_length=1000)
    signer_issuer = models.CharField(_("issued by"), max_length=1000)
    signer_serial = models.CharField(_("serial number"), max_length=128)
    certificate_valid_from = models.DateTimeField(_("certificate valid from"))
    certificate_valid_to = models.DateTimeField(_("certificate valid until"))
    signed_at = models.DateTimeField(_("signed at"))
    demo = models.BooleanField(
        _("demo signature"), default=False, help_text=_("Signed by the demo data with a test certificate.")
    )
    version = models.PositiveIntegerField(default=1)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("signed decision")
        verbose_name_plural = _("signed decisions")

    def __str__(self):
        return f"{self.decision.number} – {self.signer_name}"

    @property
    def is_current(self):
        return self.decision_version == self.decision.version


class CertificateCode(models.Model):
    """The short code printed (and QR-coded) on an award's certificate, which opens its public check.

    Random, not derived from any id, so that knowing one code tells nothing of another.
    """

    line = models.OneToOneField(ProposalLine, on_delete=models.CASCADE, related_name="certificate_code")
    code = models.CharField(_("code"), max_length=16, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate code")
        verbose_name_plural = _("certificate codes")

    def __str__(self):
        return self.code


class AwardPublication(models.Model):
    """The office's choice to publish (công khai) an authority's award decisions of one campaign year."""

    authority = models.ForeignKey(
        Unit, verbose_name=_("issuing authority"), on_delete=models.CASCADE, related_name="award_publications"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        verbose_name = _("publication of awards")
        verbose_name_plural = _("publications of awards")
        ordering = ["-year", "authority__sort_name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "year"], name="awards_published_once_per_authority_and_year"),
        ]

    def __str__(self):
        return f"{self.authority} {self.year}"
