"""The figures a unit reports for the lines scored from figures, and the compiler's confirmations and corrections."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .reports import Scorecard
from .table import Criterion

FIGURE = {"max_digits": 14, "decimal_places": 2}


class Figure(models.Model):
    """What a unit reported on a line (a count, a count over its base), and what its compiler holds true.

    The unit's points come from `value`/`base`; the final points from the
    confirmed ones once the compiler confirmed or corrected them. Both stay,
    so the unit sees what it reported beside what was kept.
    """

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="figures")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(_("figure reported"), **FIGURE)
    base = models.DecimalField(_("base reported"), **FIGURE, null=True, blank=True)
    confirmed_value = models.DecimalField(_("figure kept"), **FIGURE, null=True, blank=True)
    confirmed_base = models.DecimalField(_("base kept"), **FIGURE, null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="one_figure_per_line"),
            models.CheckConstraint(condition=Q(value__gte=0), name="figure_not_negative"),
            models.CheckConstraint(
                condition=Q(confirmed_value__isnull=True) | Q(confirmed_value__gte=0),
                name="kept_figure_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"

    @property
    def kept(self):
        """(value, base) the final points come from: the compiler's once confirmed, else the unit's."""
        if self.confirmed_at is not None:
            return self.confirmed_value, self.confirmed_base
        return self.value, self.base

    @property
    def corrected(self):
        return self.confirmed_at is not None and (self.confirmed_value, self.confirmed_base) != (self.value, self.base)


class FigureChange(models.Model):
    """One confirmation or correction of a figure by the compiler, with its reason: who, when, from what to what."""

    figure = models.ForeignKey(Figure, on_delete=models.CASCADE, related_name="changes")
    old_value = models.DecimalField(_("figure before"), **FIGURE, null=True)
    old_base = models.DecimalField(_("base before"), **FIGURE, null=True)
    new_value = models.DecimalField(_("figure kept"), **FIGURE)
    new_base = models.DecimalField(_("base kept"), **FIGURE, null=True)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("figure change")
        verbose_name_plural = _("figure changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.figure}: {self.old_value} → {self.new_value}"
