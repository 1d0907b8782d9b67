"""The campaign's scoring table: its policy and its criteria."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, ContentItem
from scoring import methods

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

    class PointsRounding(models.TextChoices):
        HALF_UP = methods.HALF_UP, _("rounded to the nearest, half up")
        DOWN = methods.DOWN, _("rounded down")
        UP = methods.UP, _("rounded up")

    # As the table states: "làm tròn đến hai chữ số thập phân" unless it says otherwise.
    points_places = models.PositiveSmallIntegerField(
        _("decimals of the points computed"),
        default=methods.MAX_PLACES,
        validators=[MaxValueValidator(methods.MAX_PLACES)],
        help_text=_("0, 1 or 2: points computed from figures (and the mean of several scorers) keep this many."),
    )
    points_rounding = models.CharField(
        _("rounding of the points computed"),
        max_length=8,
        choices=PointsRounding.choices,
        default=PointsRounding.HALF_UP,
    )

    class Meta:
        verbose_name = _("scoring policy")
        verbose_name_plural = _("scoring policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(points_places__lte=methods.MAX_PLACES),
                name="scoring_policy_points_places",
                violation_error_message=_("Points keep at most two decimals."),
            ),
        ]

    def __str__(self):
        return str(self.campaign)

    @property
    def rounding(self):
        """The table's rounding, which every point computed on it goes through."""
        return methods.Rounding(places=self.points_places, mode=self.points_rounding)

    @property
    def rounding_text(self):
        """ "to 2 decimals, rounded to the nearest, half up", as the pages and the notices say it."""
        return _("to %(places)s decimals, %(mode)s") % {
            "places": self.points_places,
            "mode": self.get_points_rounding_display(),
        }


class Criterion(models.Model):
    """A line of the scoring table (thang điểm), with its maximum, how it is scored and its place in the tree.

    A line with children (a part, a criterion with sub-criteria) scores the
    sum of its children capped at its maximum; a bonus or deduction part so
    keeps its cap. Only lines without children are scored.
    """

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Criterion")
        BONUS = "bonus", _("Bonus points")
        DEDUCTION = "deduction", _("Deduction")

    class Method(models.TextChoices):
        TYPED = methods.TYPED, _("Points typed by the scorer")
        RATIO = methods.RATIO, _("Figure ÷ base × maximum")
        TARGET = methods.TARGET, _("Full marks from a target, in proportion below")
        TWO_LEVELS = methods.TWO_LEVELS, _("Half marks at a target, full marks from a second level")
        TIERS = methods.TIERS, _("Tiers of a figure or a share")
        ALL_OR_NOTHING = methods.ALL_OR_NOTHING, _("All or nothing")
        PER_OCCURRENCE = methods.PER_OCCURRENCE, _("Points per occurrence, up to the maximum")

    class Gate(models.TextChoices):
        NONE = methods.GATE_NONE, _("No condition")
        EVIDENCE = methods.GATE_EVIDENCE, _("0 points unless evidence is attached")
        REPORT = methods.GATE_REPORT, _("0 points unless the mid-year report was sent")
        FLOOR = methods.GATE_FLOOR, _("0 points unless the figure reaches a floor")

    class TiersOf(models.TextChoices):
        FIGURE = methods.TIERS_OF_FIGURE, _("the figure")
        SHARE = methods.TIERS_OF_SHARE, _("the share of the base, in percent")

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

    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        help_text=_("The part or criterion this line belongs to; its points count towards that line's, capped."),
    )
    method = models.CharField(_("scoring method"), max_length=16, choices=Method.choices, default=Method.TYPED)
    figure_label = models.CharField(
        _("the figure reported"), max_length=255, blank=True, help_text=_("e.g. beneficiaries with an account")
    )
    base_label = models.CharField(
        _("the base reported"), max_length=255, blank=True, help_text=_("e.g. beneficiaries eligible")
    )
    fixed_base = models.DecimalField(
        _("fixed base"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Set when the table fixes the base (a check of 50 cases); empty: each unit reports its own."),
    )
    target = models.DecimalField(_("target, in %"), max_digits=5, decimal_places=2, null=True, blank=True)
    second_level = models.DecimalField(_("second level, in %"), max_digits=5, decimal_places=2, null=True, blank=True)
    tiers = models.JSONField(_("tiers"), default=list, blank=True)
    tiers_of = models.CharField(_("tiers of"), max_length=8, choices=TiersOf.choices, default=TiersOf.SHARE, blank=True)
    per_occurrence = models.DecimalField(
        _("points per occurrence"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    gate = models.CharField(_("condition"), max_length=8, choices=Gate.choices, default=Gate.NONE, blank=True)
    gate_floor = models.DecimalField(_("floor of the figure"), max_digits=14, decimal_places=2, null=True, blank=True)

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

    def clean(self):
        errors = methods.check_table_line(self)
        if self.parent_id is not None:
            if self.parent_id == self.pk or self.parent.campaign_id != self.campaign_id:
                errors["parent"] = _("A line belongs to another line of the same table, not to itself.")
            elif self.parent.kind != self.kind:
                errors["kind"] = _("A line has the kind of the part it belongs to (%(kind)s).") % {
                    "kind": self.parent.get_kind_display()
                }
            elif self.pk is not None and self._is_ancestor_of(self.parent):
                errors["parent"] = _("A line cannot belong to one of its own sub-lines.")
        if errors:
            raise ValidationError(errors)

    def _is_ancestor_of(self, other):
        while other is not None:
            if other.pk == self.pk:
                return True
            other = other.parent
        return False

    @property
    def formula(self):
        return methods.formula(self)

    @property
    def needs_figure(self):
        return methods.needs_figure(self)

    @property
    def needs_base(self):
        return methods.needs_base(self)

    @property
    def is_computed(self):
        return methods.is_computed(self)
