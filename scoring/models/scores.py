"""The scores given by the leader and the members, and every change to them."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from organisation.models import Unit

from .table import POINTS, Criterion


class Score(models.Model):
    """The points a scorer (the leader's unit, or a member unit) gives a unit on a criterion."""

    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit scored"), on_delete=models.PROTECT, related_name="scores")
    scorer = models.ForeignKey(Unit, verbose_name=_("scored by"), on_delete=models.PROTECT, related_name="scores_given")
    points = models.DecimalField(_("points"), **POINTS, validators=[MinValueValidator(0)])
    comment = models.TextField(_("scorer's comment"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["criterion", "unit", "scorer"], name="one_score_per_scorer"),
            models.CheckConstraint(condition=Q(points__gte=0), name="score_not_negative"),
        ]

    def __str__(self):
        return f"{self.scorer} → {self.unit}: {self.points}"


class ScoreChange(models.Model):
    """One change of a score, kept with real columns so that a unit's history is found by an index.

    The activity log holds the same change as JSON details, for the campaign's
    history; no index reaches a unit inside them.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit scored"), on_delete=models.PROTECT, related_name="+")
    scorer = models.ForeignKey(Unit, verbose_name=_("scored by"), on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+")
    old = models.DecimalField(_("old points"), **POINTS, null=True)
    new = models.DecimalField(_("new points"), **POINTS, null=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("score change")
        verbose_name_plural = _("score changes")
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["campaign", "unit", "-changed_at"], name="score_change_by_unit")]

    def __str__(self):
        return f"{self.scorer} → {self.unit}: {self.old} → {self.new}"


class ScoreSheet(models.Model):
    """The points one scorer gives one unit, as a whole: its version grows with every save that changes them.

    The score page carries the version it showed, so two people scoring the
    same unit at once (the leader unit's two accounts, or two tabs) never
    overwrite each other silently.
    """

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="score_sheets"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit scored"), on_delete=models.PROTECT, related_name="+")
    scorer = models.ForeignKey(Unit, verbose_name=_("scored by"), on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("scores given to a unit")
        verbose_name_plural = _("scores given to units")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit", "scorer"], name="one_score_sheet_per_scorer"),
        ]

    def __str__(self):
        return f"{self.scorer} → {self.unit}"
