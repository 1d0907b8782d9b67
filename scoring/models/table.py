"""The campaign's scoring table: its policy and its criteria."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, ContentItem

POINTS = {"max_digits": 6, "decimal_places": 2}
# The longest published scoring tables have a few hundred lines with their sub-items; a margin above them.
MAX_CRITERIA = 1000


class ScoringPolicy(models.Model):
    """How a campaign turns scores into a ranking; a campaign without one uses the defaults."""

    class FinalRule(models.TextChoices):
        LEADER = "leader", _("The leader's score")
        MEAN = "mean", _("The mean of all scorers")

    campaign = models.OneToOneField(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="scoring_policy"
    )
    final_rule = models.CharField(
        _("final score per criterion"), max_length=16, choices=FinalRule.choices, default=FinalRule.LEADER
    )
    cross_scoring = models.BooleanField(
        _("member units score each other"),
        default=False,
        help_text=_("A unit never scores itself."),
    )
    vote_threshold = models.DecimalField(
        _("votes needed, in percent of the units present"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    objection_days = models.PositiveSmallIntegerField(
        _("days for objections after the results are published"),
        default=0,
        validators=[MaxValueValidator(60)],
        help_text=_(
            "Members may object to a line of their scores for this many days after the compiler publishes the "
            "results; the vote is recorded after that and once every objection is answered. 0: no objections."
        ),
    )

    class Meta:
        verbose_name = _("scoring policy")
        verbose_name_plural = _("scoring policies")

    def __str__(self):
        return str(self.campaign)


class Criterion(models.Model):
    """A line of the scoring table (thang điểm), with its maximum."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Criterion")
        BONUS = "bonus", _("Bonus points")
        DEDUCTION = "deduction", _("Deduction")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    group = models.CharField(_("group"), max_length=255, blank=True)
    label = models.CharField(_("number"), max_length=16, blank=True)
    text = models.TextField(_("criterion"))
    max_points = models.DecimalField(_("maximum points"), **POINTS, validators=[MinValueValidator(Decimal("0.01"))])
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    content_item = models.ForeignKey(
        ContentItem,
        verbose_name=_("content item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="criteria",
        help_text=_(
            "Set for a criterion that scores an optional content item: only units that registered it score it."
        ),
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("scoring table")
        ordering = ["campaign", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "position"],
                name="criterion_position_unique",
                violation_error_message=_("Two criteria cannot share a position."),
            ),
            models.CheckConstraint(
                condition=Q(max_points__gt=0),
                name="criterion_max_points_positive",
                violation_error_message=_("The maximum must be above zero."),
            ),
        ]

    def __str__(self):
        return f"{self.label} {self.text}".strip()
