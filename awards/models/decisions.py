"""The award decision and the papers rendered for it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import KeptFile
from organisation.models import Unit

from .proposals import Proposal


class AwardDecision(models.Model):
    """The Quyết định khen thưởng of the authority the council advises, for the lines the council passed.

    Its number is unique for the authority and the year it is signed in.
    """

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="award_decision")
    authority = models.ForeignKey(
        Unit, verbose_name=_("issuing authority"), on_delete=models.PROTECT, related_name="award_decisions"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.CharField(_("number and symbol"), max_length=64)
    place = models.CharField(_("place"), max_length=64)
    dated = models.DateField(_("date"))
    parent_body = models.CharField(_("parent body"), max_length=255, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=255)
    grantor = models.CharField(
        _("issuing authority's title"),
        max_length=255,
        help_text=_("Printed above the legal bases and on the certificates, e.g. Chủ tịch Ủy ban nhân dân tỉnh …"),
    )
    summary = models.CharField(_("summary"), max_length=255)
    bases = models.TextField(_("legal bases (Căn cứ), one per line"))
    achievement = models.CharField(_("achievement"), max_length=255)
    article_2 = models.TextField(_("Article 2"))
    article_3 = models.TextField(_("Article 3"))
    recipients = models.TextField(_("recipients (Nơi nhận)"))
    signing_authority = models.CharField(_("signing authority"), max_length=255)
    signer_name = models.CharField(_("signer's name"), max_length=128)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-dated", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "number"],
                name="decision_number_unique_per_authority_and_year",
                violation_error_message=_("This authority has used this number this year already."),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.summary}"


class PreparedDecision(models.Model):
    """A decision the secretary prepared for the authority to issue (the council's setting): the fields as typed,
    kept until the authority issues it. No award exists before that."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="prepared_decision")
    fields = models.JSONField(_("fields as typed"), default=dict)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("prepared by"), on_delete=models.PROTECT, related_name="+"
    )
    prepared_at = models.DateTimeField(_("prepared at"), auto_now=True)

    class Meta:
        verbose_name = _("prepared decision")
        verbose_name_plural = _("prepared decisions")

    def __str__(self):
        return self.fields.get("number", "")


class RenderedFile(KeptFile):
    """A large PDF rendered once per document version by a task, and kept so that the next download is immediate."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        DECISION_LIST = "decision_list", _("List attached to the decision")
        CERTIFICATES = "certificates", _("Certificates")
        BALLOT_MINUTES = "ballot_minutes", _("Minutes of the council's ballot")
        DECISION_TO_SIGN = "decision_to_sign", _("Decision with its list, to sign")
        LETTER_DOCX = "letter_docx", _("Letter (Word)")
        LIST_DOCX = "list_docx", _("List (Word)")
        MINUTES_DOCX = "minutes_docx", _("Vote minutes (Word)")
        BALLOT_MINUTES_DOCX = "ballot_minutes_docx", _("Minutes of the council's ballot (Word)")
        DECISION_DOCX = "decision_docx", _("Decision (Word)")
        DECISION_LIST_DOCX = "decision_list_docx", _("List attached to the decision (Word)")
        DOSSIER = "dossier", _("Dossier (.zip)")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="rendered_files")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    version = models.PositiveIntegerField()
    file = models.FileField(upload_to="documents/%Y/", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "kind", "version"], name="one_file_per_document_version"),
        ]

    def __str__(self):
        return f"{self.proposal_id} {self.kind} v{self.version}"

    @property
    def percent(self):
        return min(100, self.done * 100 // max(self.total, 1))
