"""A unit's registration (đăng ký giao ước thi đua) for a campaign, and the bloc's compiled sheet."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, ContentItem, Title
from organisation.models import Person, Unit


class Registration(models.Model):
    """One unit's commitment: content items with targets, and the titles it aims for.

    draft → submitted → accepted, or submitted → returned (with a comment) →
    submitted again. `version` grows with every save so that two people
    editing at once never overwrite each other silently.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for correction")
        ACCEPTED = "accepted", _("Accepted")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="registrations"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="registrations")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_late = models.BooleanField(_("submitted late"), default=False)
    return_comment = models.TextField(_("reason for return"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["campaign", "unit__sort_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit"],
                name="one_registration_per_unit_and_campaign",
                violation_error_message=_("This unit has registered for this campaign already."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="registration_sent_has_submission_time",
                violation_error_message=_("A registration that was sent records when."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.campaign}"

    @property
    def is_editable(self):
        return self.status in self.EDITABLE


class RegistrationItem(models.Model):
    """A content item the unit commits to, with its own target text."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="items")
    content_item = models.ForeignKey(
        ContentItem, verbose_name=_("content item"), on_delete=models.PROTECT, related_name="+"
    )
    commitment = models.TextField(_("target or commitment"), blank=True)

    class Meta:
        verbose_name = _("registered item")
        verbose_name_plural = _("registered items")
        ordering = ["content_item__position"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "content_item"], name="registration_item_unique"),
        ]

    def __str__(self):
        return str(self.content_item)


class CollectiveAim(models.Model):
    """A collective title the unit or one of its sub-units aims for."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="collective_aims")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    title = models.ForeignKey(Title, verbose_name=_("title"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("collective title aimed for")
        verbose_name_plural = _("collective titles aimed for")
        constraints = [
            models.UniqueConstraint(fields=["registration", "unit", "title"], name="collective_aim_unique"),
        ]

    def __str__(self):
        return f"{self.unit}: {self.title}"


class IndividualAim(models.Model):
    """An individual title a member of staff aims for."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="individual_aims")
    person = models.ForeignKey(Person, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="+")
    title = models.ForeignKey(Title, verbose_name=_("title"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("individual title aimed for")
        verbose_name_plural = _("individual titles aimed for")
        constraints = [
            models.UniqueConstraint(fields=["registration", "person", "title"], name="individual_aim_unique"),
        ]

    def __str__(self):
        return f"{self.person}: {self.title}"


class RegistrationSheet(models.Model):
    """The compiled registrations a reviewer (bloc leader or issuer) forwards to the council."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="registration_sheets"
    )
    compiled_by_unit = models.ForeignKey(
        Unit, verbose_name=_("compiled by"), on_delete=models.PROTECT, related_name="registration_sheets"
    )
    registrations = models.ManyToManyField(Registration, verbose_name=_("registrations"), related_name="sheets")
    forwarded_at = models.DateTimeField(_("forwarded at"), auto_now_add=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("forwarded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("registration sheet")
        verbose_name_plural = _("registration sheets")
        ordering = ["-forwarded_at"]

    def __str__(self):
        return f"{self.compiled_by_unit} – {self.campaign}"
