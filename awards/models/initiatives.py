"""Initiatives (sáng kiến), recognised by a unit's initiative council: a condition of some titles."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import Person


class Initiative(models.Model):
    """A sáng kiến, registered by its unit and recognised (or not) by the initiative council."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for recognition")
        RECOGNISED = "recognised", _("Recognised")
        REJECTED = "rejected", _("Not recognised")

    person = models.ForeignKey(Person, verbose_name=_("author"), on_delete=models.PROTECT, related_name="initiatives")
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("initiative"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    recognised_by = models.CharField(_("recognised by"), max_length=255, blank=True)
    decision = models.CharField(_("decision number and date"), max_length=128, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-year", "person__sort_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year", "name"],
                name="initiative_registered_once",
                violation_error_message=_("This initiative is registered already."),
            ),
        ]

    def __str__(self):
        return self.name
