"""What a campaign's plan adds to the titles' rules: quotas on a share of those taking part, and a band required."""

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Title
from scoring.models import Band


class AwardQuota(models.Model):
    """At most a share of a base for a title in the campaign (Bằng khen ≤ 10 % of the collectives taking part), or
    the title for the first of each bloc only; the allowed number rounded as the plan says (down unless it says so)."""

    class Base(models.TextChoices):
        COLLECTIVES = "collectives", _("the collectives taking part")
        PEOPLE = "people", _("the people taking part")
        BLOC_FIRST = "bloc_first", _("the first of each bloc only")

    class Rounding(models.TextChoices):
        DOWN = "down", _("rounded down")
        UP = "up", _("rounded up")
        HALF_UP = "half_up", _("rounded to the nearest, half up")

    ROUNDINGS = {Rounding.DOWN: ROUND_FLOOR, Rounding.UP: ROUND_CEILING, Rounding.HALF_UP: ROUND_HALF_UP}

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="award_quotas"
    )
    title = models.ForeignKey(Title, verbose_name=_("title"), on_delete=models.PROTECT, related_name="+")
    base = models.CharField(_("of"), max_length=16, choices=Base.choices)
    percent = models.DecimalField(
        _("at most, in percent"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)],
    )
    rounding = models.CharField(_("rounding"), max_length=8, choices=Rounding.choices, default=Rounding.DOWN)

    class Meta:
        verbose_name = _("award quota")
        verbose_name_plural = _("award quotas")
        ordering = ["campaign", "title__name", "base"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "title", "base"],
                name="award_quota_once",
                violation_error_message=_(
                    "The campaign has a quota of this title on this base already; delete it first."
                ),
            ),
            models.CheckConstraint(
                condition=Q(base="bloc_first") | Q(percent__gt=0, percent__lte=100), name="award_quota_percent_range"
            ),
        ]

    def __str__(self):
        if self.base == self.Base.BLOC_FIRST:
            return _("“%(title)s” for the first of each bloc only") % {"title": self.title.name}
        return _("“%(title)s” for at most %(percent)s%% of %(base)s, %(rounding)s") % {
            "title": self.title.name,
            "percent": number_format(format(self.percent.normalize(), "f")),
            "base": self.get_base_display(),
            "rounding": self.get_rounding_display(),
        }

    def allowed(self, base_count):
        """How many the quota allows out of `base_count`, rounded as it says."""
        share = Decimal(base_count) * self.percent / 100
        return int(share.to_integral_value(rounding=self.ROUNDINGS[self.rounding]))

    # What a check's result reads, as of a rule of a rule set.
    kind = "campaign_quota"
    is_quota = True

    @property
    def text(self):
        return _("Quota of the campaign: %(quota)s.") % {"quota": self}

    @property
    def legal_source(self):
        return _("the campaign's plan")


class BandRequirement(models.Model):
    """Only units classed in this band (or better) may be proposed for the title."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="band_requirements"
    )
    title = models.ForeignKey(Title, verbose_name=_("title"), on_delete=models.PROTECT, related_name="+")
    band = models.ForeignKey(Band, verbose_name=_("band required"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("band required for a title")
        verbose_name_plural = _("bands required for titles")
        ordering = ["campaign", "title__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "title"],
                name="band_requirement_once",
                violation_error_message=_("This title requires a band already; delete that requirement first."),
            )
        ]

    def __str__(self):
        return _("“%(title)s” only for units classed %(band)s or better") % {
            "title": self.title.name,
            "band": self.band.name,
        }

    kind = "campaign_band"
    is_quota = False

    @property
    def text(self):
        return _("Band required by the campaign: %(requirement)s.") % {"requirement": self}

    @property
    def legal_source(self):
        return _("the campaign's plan")
