"""The council's secret ballot: thresholds, seats, each member's votes."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Title
from organisation.models import CouncilMember

from .proposals import Proposal, ProposalLine
from .rules import RuleSet


class CountedOver(models.TextChoices):
    """Whom a vote threshold counts: every member of the council (absent ones included), or those at the meeting."""

    ALL_MEMBERS = "all", _("of all the council's members")
    PRESENT = "present", _("of the members present")


class VoteThreshold(models.Model):
    """The share of the council's members whose votes a title needs, as the law in force sets it.

    A row without a title applies to every title the set does not name. Where
    the law leaves the figure to the unit, the council sets its own when it
    opens a ballot; the figure here is then only the default.
    """

    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("rule set"), on_delete=models.CASCADE, related_name="vote_thresholds"
    )
    title = models.ForeignKey(
        Title,
        verbose_name=_("title"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: every title this rule set names no figure for."),
    )
    percent = models.DecimalField(
        _("votes needed (per cent)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)],
    )
    council_sets = models.BooleanField(
        _("the council sets the figure"),
        default=False,
        help_text=_("The law leaves the figure to the unit: the council may change it when it opens a ballot."),
    )
    counted_over = models.CharField(
        _("counted over"), max_length=8, choices=CountedOver.choices, default=CountedOver.ALL_MEMBERS
    )
    more_than = models.BooleanField(
        _("more than the figure"),
        default=False,
        help_text=_("“Quá”, “trên”: the votes must exceed the share; otherwise reaching it is enough."),
    )
    left_to_province = models.BooleanField(
        _("left to the province"),
        default=False,
        help_text=_("The national law names no figure: the province's regulation does (Decree 152/2025, art. 6.2)."),
    )
    legal_source = models.CharField(_("legal source"), max_length=255)

    class Meta:
        verbose_name = _("vote threshold")
        verbose_name_plural = _("vote thresholds")
        ordering = ["rule_set", "title__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "title"],
                name="one_threshold_per_title",
                violation_error_message=_("This rule set has a threshold for this title already."),
            ),
            models.UniqueConstraint(
                fields=["rule_set"],
                condition=Q(title__isnull=True),
                name="one_default_threshold",
                violation_error_message=_("This rule set has a default threshold already."),
            ),
        ]

    def __str__(self):
        return f"{self.title or _('Other titles')}: {self.percent}%"


class CouncilBallot(models.Model):
    """The council's secret ballot on a submitted proposal, counted over every member seated when it opened."""

    class Status(models.TextChoices):
        OPEN = "open", _("Voting")
        CLOSED = "closed", _("Counted")

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="ballot")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    held_on = models.DateField(_("meeting date"))
    member_count = models.PositiveSmallIntegerField(_("council members"))
    quorum = models.DecimalField(_("quorum (per cent of members present)"), max_digits=5, decimal_places=2)
    quorum_source = models.CharField(_("source of the quorum"), max_length=255)
    quorum_members = models.PositiveSmallIntegerField(_("quorum (number of members)"), null=True, blank=True)
    attendance = models.DecimalField(
        _("members present when awards are decided (per cent)"), max_digits=5, decimal_places=2, default=0
    )
    attendance_source = models.CharField(_("source of the attendance"), max_length=255, blank=True)
    rule_set = models.ForeignKey(
        RuleSet,
        verbose_name=_("judged by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="ballots",
        help_text=_("The version of the rule set the ballot was opened under: its lines keep being judged by it."),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("council ballot")
        verbose_name_plural = _("council ballots")

    def __str__(self):
        return f"{self.proposal}: {self.get_status_display()}"

    @property
    def is_open(self):
        return self.status == self.Status.OPEN


class BallotSeat(models.Model):
    """A member's place in one ballot: at the meeting, or absent with a written vote (or none).

    `version` grows with every ballot the member casts, so two submissions of
    the same ballot at once cannot both be taken.
    """

    ballot = models.ForeignKey(CouncilBallot, on_delete=models.CASCADE, related_name="seats")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.PROTECT)
    position = models.CharField(_("position"), max_length=16, choices=CouncilMember.Position.choices)
    name = models.CharField(_("name"), max_length=255)
    job_title = models.CharField(_("title"), max_length=255, blank=True)
    present = models.BooleanField(_("present"), default=False)
    in_writing = models.BooleanField(_("voted in writing"), default=False)
    voted_at = models.DateTimeField(_("voted at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("ballot seat")
        verbose_name_plural = _("ballot seats")
        ordering = ["ballot", "id"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "user"], name="one_seat_per_member_and_ballot"),
        ]

    def __str__(self):
        return self.name


class BallotThreshold(models.Model):
    """The share a title needed in this ballot, fixed when it opened, with where the figure comes from."""

    ballot = models.ForeignKey(CouncilBallot, on_delete=models.CASCADE, related_name="thresholds")
    title = models.ForeignKey(Title, verbose_name=_("title"), on_delete=models.PROTECT, related_name="+")
    percent = models.DecimalField(_("votes needed (per cent)"), max_digits=5, decimal_places=2)
    counted_over = models.CharField(
        _("counted over"), max_length=8, choices=CountedOver.choices, default=CountedOver.ALL_MEMBERS
    )
    more_than = models.BooleanField(_("more than the figure"), default=False)
    legal_source = models.CharField(_("legal source"), max_length=255)

    class Meta:
        ordering = ["ballot", "title__position"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "title"], name="one_ballot_threshold_per_title"),
        ]

    def __str__(self):
        return f"{self.title}: {self.percent}%"


class SecretVote(models.Model):
    """One member's vote on one line. Kept for the audit; no page of the product shows it to anyone."""

    seat = models.ForeignKey(BallotSeat, on_delete=models.CASCADE, related_name="votes")
    line = models.ForeignKey(ProposalLine, on_delete=models.CASCADE, related_name="+")
    agree = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["seat", "line"], name="one_vote_per_member_and_line"),
        ]

    def __str__(self):
        return str(_("secret vote"))
