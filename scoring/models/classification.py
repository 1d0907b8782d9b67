"""What a campaign does with the totals: its classification bands (xếp loại), the listed events that set or cap a
unit's band, the events recorded for units, and the ordered rules that settle equal totals."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from organisation.models import Unit

from .table import POINTS, Criterion


class Band(models.Model):
    """A band of the classification, best first: reached from `min_total` points when its conditions hold."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="bands")
    position = models.PositiveSmallIntegerField(_("order, best first"))
    name = models.CharField(_("band"), max_length=120)
    min_total = models.DecimalField(_("from this total"), **POINTS)
    no_criterion_at_zero = models.BooleanField(_("no criterion at 0 points"), default=False)
    no_part_under_half = models.BooleanField(_("no part under half its maximum"), default=False)

    class Meta:
        verbose_name = _("classification band")
        verbose_name_plural = _("classification bands")
        ordering = ["campaign", "position"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "position"], name="band_position_unique"),
            models.UniqueConstraint(
                fields=["campaign", "name"],
                name="band_name_unique",
                violation_error_message=_("The campaign has a band of this name already."),
            ),
            models.CheckConstraint(condition=Q(min_total__gte=0), name="band_min_total_not_negative"),
        ]

    def __str__(self):
        return self.name


class EventKind(models.Model):
    """An event the office lists (a head disciplined, a corruption case, no self-assessment) and what it does to the
    band of a unit it is recorded for: sets the band whatever the points, or caps it."""

    class Effect(models.TextChoices):
        SETS = "sets", _("Sets the band, whatever the points")
        CAPS = "caps", _("Caps the band: at best")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="event_kinds"
    )
    name = models.CharField(_("event"), max_length=255)
    effect = models.CharField(_("effect"), max_length=8, choices=Effect.choices)
    band = models.ForeignKey(Band, verbose_name=_("band"), on_delete=models.PROTECT, related_name="event_kinds")

    class Meta:
        verbose_name = _("listed event")
        verbose_name_plural = _("listed events")
        ordering = ["campaign", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "name"],
                name="event_kind_name_unique",
                violation_error_message=_("This event is listed already."),
            )
        ]

    def __str__(self):
        return self.name


class UnitEvent(models.Model):
    """A listed event recorded for a unit in the campaign, with what it rests on."""

    kind = models.ForeignKey(EventKind, verbose_name=_("event"), on_delete=models.PROTECT, related_name="records")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("grounds (decision, date)"), max_length=255)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event recorded for a unit")
        verbose_name_plural = _("events recorded for units")
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "unit"],
                name="unit_event_once",
                violation_error_message=_("This event is recorded for this unit already."),
            )
        ]

    def __str__(self):
        return f"{self.unit}: {self.kind}"


class TieRule(models.Model):
    """One step of the cascade that orders units on equal totals; the first step that tells two units apart decides."""

    class Kind(models.TextChoices):
        CRITERION = "criterion", _("More points on a criterion")
        FIRST_GROUP = "first_group", _("More points in the first criteria group")
        MORE_OF_FIGURE = "more_figure", _("More of a reported figure")
        FEWER_OF_FIGURE = "fewer_figure", _("Less of a reported figure")
        FEWER_DEDUCTIONS = "fewer_deductions", _("Fewer deduction points")
        WOMEN = "women", _("A collective at least 70% women (Decree 152/2025, art. 4.6)")
        VOTE = "vote", _("The members' vote")

    # The kinds that read one of the figures the units report: `figure` is the key of the line scored from it
    # (its id), and `criterion` that line, so that the line is not deleted or replaced under the rule.
    FIGURE_KINDS = (Kind.MORE_OF_FIGURE, Kind.FEWER_OF_FIGURE)

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="tie_rules"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("rule"), max_length=16, choices=Kind.choices)
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    figure = models.CharField(_("figure"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("tie rule")
        verbose_name_plural = _("tie rules")
        ordering = ["campaign", "position"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "position"], name="tie_rule_position_unique"),
            models.CheckConstraint(
                condition=~Q(kind="criterion") | Q(criterion__isnull=False), name="tie_rule_criterion_named"
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.CRITERION and self.criterion_id:
            return _("More points on criterion %(criterion)s") % {"criterion": self.criterion}
        if self.kind in self.FIGURE_KINDS and self.criterion_id:
            name = figure_name(self.criterion)
            if self.kind == self.Kind.MORE_OF_FIGURE:
                return _("More of “%(figure)s”") % {"figure": name}
            return _("Less of “%(figure)s”") % {"figure": name}
        return self.get_kind_display()


def figure_name(criterion):
    """The figure a line is scored from, as the tie rules name it: "accounts opened (criterion 2.1)"."""
    figure = criterion.figure_label or criterion.text
    if not criterion.label:
        return figure
    return _("%(figure)s (criterion %(criterion)s)") % {"figure": figure, "criterion": criterion.label}
