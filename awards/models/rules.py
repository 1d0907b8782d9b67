"""Rule sets: each title's conditions and quotas with their legal source, and the set a campaign is judged by."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Title
from organisation.models import Unit


class RuleSet(models.Model):
    """The law in force for a period: a national set the product ships, or a province's (an agency's) own regulation.

    An office keeps its own sets for its tree (`owner`); a set without an owner
    is the national law as the product ships it. A set that has judged a
    ballot is never changed under it: editing it makes a new version
    (`previous`), and the old one is kept, superseded, for the ballots it
    judged.
    """

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    owner = models.ForeignKey(
        Unit,
        verbose_name=_("kept by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rule_sets",
        help_text=_("The top unit of the tree whose office keeps the set; empty for the national law."),
    )
    legal_source = models.CharField(
        _("legal source"),
        max_length=255,
        help_text=_("Number, date and issuer of the regulation, e.g. Quyết định 86/2025/QĐ-UBND ngày 05/12/2025."),
    )
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    legal_bases = models.TextField(
        _("legal bases of a decision"),
        blank=True,
        help_text=_("The “Căn cứ” lines an award decision under this law cites, one per line."),
    )
    principles = models.TextField(
        _("principles for choosing"),
        blank=True,
        help_text=_("What the law says about choosing among those who qualify equally, with its article."),
    )
    left_to_province = models.BooleanField(
        _("council figures left to the province"),
        default=False,
        help_text=_("The law leaves the council's figures below the national titles to each province's regulation."),
    )
    quorum = models.DecimalField(
        _("council quorum (per cent of members present)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("66.67"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    quorum_members = models.PositiveSmallIntegerField(
        _("council quorum (number of members)"),
        null=True,
        blank=True,
        help_text=_("Where the regulation names a number of members instead of a share."),
    )
    quorum_source = models.CharField(_("source of the quorum"), max_length=255, blank=True)
    attendance = models.DecimalField(
        _("members present when awards are decided (per cent)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    attendance_source = models.CharField(_("source of the attendance"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_version",
    )
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="rule_set_ends_after_start",
                violation_error_message=_("A rule set cannot end before it comes into force."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_national(self):
        return self.owner_id is None

    @property
    def is_current(self):
        return self.superseded_at is None

    def in_force_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Rule(models.Model):
    """A condition or a quota of a title, checked by code, with the text of the law it comes from."""

    class Check(models.TextChoices):
        REQUIRES_TITLE = "requires_title", _("Requires another title the same year")
        REQUIRES_INITIATIVE = "requires_initiative", _("Requires a recognised initiative")
        REQUIRES_OUTSTANDING_OR_INITIATIVE = (
            "outstanding_or_initiative",
            _("Requires duties completed with distinction or a recognised initiative"),
        )
        REQUIRES_OUTSTANDING = "requires_outstanding", _("Requires duties completed with distinction")
        SHARE_OF_MEMBERS_WITH_TITLE = "share_of_members", _("A share of the collective's members hold a title")
        MEMBER_WITH_TITLE = "member_with_title", _("At least one member of the collective holds a title")
        QUOTA_OF_TITLE_HOLDERS = "quota_of_holders", _("At most a share of those holding another title")
        TOP_RANKED = "top_ranked", _("Only the bloc's top-ranked units")
        MAX_PER_BLOC = "max_per_bloc", _("At most a number per bloc")
        VOTE_PASSED = "vote_passed", _("Passed the members' vote")
        HELD_CONSECUTIVE_YEARS = (
            "held_consecutive_years",
            _("Held another title in each of the last years, this one included (register)"),
        )
        HELD_WITHIN_YEARS = "held_within_years", _("Held another title at least once in the years before (register)")

    QUOTAS = (Check.QUOTA_OF_TITLE_HOLDERS, Check.MAX_PER_BLOC)
    # Rules that read past years from the award register.
    HISTORY = (Check.HELD_CONSECUTIVE_YEARS, Check.HELD_WITHIN_YEARS)

    rule_set = models.ForeignKey(RuleSet, verbose_name=_("rule set"), on_delete=models.CASCADE, related_name="rules")
    title = models.ForeignKey(Title, verbose_name=_("title"), on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("check"), max_length=32, choices=Check.choices)
    other_title = models.ForeignKey(
        Title,
        verbose_name=_("other title"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The title this rule refers to, where it refers to one."),
    )
    number = models.DecimalField(
        _("number or percentage"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For the rules over past years: how many years."),
    )
    legal_source = models.CharField(_("legal source"), max_length=255)
    text = models.TextField(_("the rule as the law words it"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        ordering = ["rule_set", "title", "position"]

    def __str__(self):
        return f"{self.title}: {self.get_kind_display()}"

    @property
    def is_quota(self):
        return self.kind in self.QUOTAS


class CampaignRules(models.Model):
    """How a campaign is judged: the day it is judged on, and a rule set chosen for it by its office.

    Without a chosen set, the campaign is judged by the set in force on its
    judging day (its own office's first, else the national one).
    """

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="award_rules")
    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("rule set"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    judged_on = models.DateField(
        _("judged on"),
        null=True,
        blank=True,
        help_text=_("The day the council decides the awards; empty: the vote or proposal milestone, else 31/12."),
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    chosen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("campaign's rule set")
        verbose_name_plural = _("campaigns' rule sets")

    def __str__(self):
        return f"{self.campaign}: {self.rule_set or '—'}"
