"""Scoring: the campaign's scoring table, mid-year reports, year-end self-scores with
evidence, the scores given by the leader and members, the ranking and the vote."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, ContentItem, Title
from organisation.models import Unit

POINTS = {"max_digits": 6, "decimal_places": 2}


class ScoringPolicy(models.Model):
    """How a campaign turns scores into a ranking; a campaign without one uses the defaults."""

    class FinalRule(models.TextChoices):
        LEADER = "leader", _("The leader's score")
        MEAN = "mean", _("The mean of all scorers")

    class TieBreak(models.TextChoices):
        NONE = "none", _("Tied units share the rank")
        FEWER_DEDUCTIONS = "fewer_deductions", _("Fewer deduction points ranks higher")
        FIRST_GROUP = "first_group", _("More points in the first criteria group ranks higher")
        WOMEN = "women", _("A collective at least 70% women ranks higher (Decree 152/2025, art. 4)")

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
    tie_break = models.CharField(_("ties"), max_length=24, choices=TieBreak.choices, default=TieBreak.FEWER_DEDUCTIONS)
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


class UploadedFile(models.Model):
    """A file a unit sent: its stored file, the name it had and who sent it when."""

    file = models.FileField(_("file"), upload_to="scoring/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name


class MidyearReport(UploadedFile):
    """A unit's mid-year report (báo cáo sơ kết), PDF or Word."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="midyear_reports"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="midyear_reports")
    is_late = models.BooleanField(_("sent late"), default=False)

    class Meta:
        verbose_name = _("mid-year report")
        verbose_name_plural = _("mid-year reports")
        ordering = ["-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit"],
                name="one_midyear_report_per_unit",
                violation_error_message=_(
                    "This unit has sent its mid-year report already; send it again to replace it."
                ),
            ),
        ]


class Scorecard(models.Model):
    """A unit's year-end submission: its self-scores and evidence, sent once to its compiler."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="scorecards"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="scorecards")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)

    version = models.PositiveIntegerField(_("version"), default=0)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_late = models.BooleanField(_("sent late"), default=False)

    class Meta:
        verbose_name = _("year-end self-assessment")
        verbose_name_plural = _("year-end self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit"],
                name="one_scorecard_per_unit_and_campaign",
                violation_error_message=_("This unit has a self-assessment for this campaign already."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.campaign}"

    @property
    def is_sent(self):
        return self.status == self.Status.SUBMITTED


class SelfScore(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="self_scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+")
    points = models.DecimalField(_("points"), **POINTS, validators=[MinValueValidator(0)])
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("self-score")
        verbose_name_plural = _("self-scores")
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="self_score_unique"),
            models.CheckConstraint(condition=Q(points__gte=0), name="self_score_not_negative"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.points}"


class Evidence(UploadedFile):
    """A file backing a self-score."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at"]


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


class Ranking(models.Model):
    """The ranking a compiler (bloc leader or issuer) draws up and finalises; finalising locks the scores.

    Publishing a final ranking (công khai) shows it to every member unit, each
    with its own scores; reopening withdraws it until it is final again.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FINAL = "final", _("Final")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="rankings"
    )
    compiler = models.ForeignKey(Unit, verbose_name=_("compiled by"), on_delete=models.PROTECT, related_name="rankings")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("finalised by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    objections_until = models.DateField(_("objections until"), null=True, blank=True)

    class Meta:
        verbose_name = _("ranking")
        verbose_name_plural = _("rankings")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "compiler"], name="one_ranking_per_compiler"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(finalised_at__isnull=False), name="final_ranking_has_a_date"
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(status="final"), name="only_a_final_ranking_is_published"
            ),
        ]

    def __str__(self):
        return f"{self.compiler} – {self.campaign}"

    @property
    def is_published(self):
        return self.published_at is not None


class RankingEntry(models.Model):
    """A unit's place in a finalised ranking, as it stood when finalised."""

    ranking = models.ForeignKey(Ranking, on_delete=models.CASCADE, related_name="entries")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"))
    total = models.DecimalField(_("total"), max_digits=8, decimal_places=2)
    self_total = models.DecimalField(_("self-assessed total"), max_digits=8, decimal_places=2, null=True)

    class Meta:
        verbose_name = _("ranking entry")
        verbose_name_plural = _("ranking entries")
        ordering = ["ranking", "rank", "unit__sort_name"]
        constraints = [models.UniqueConstraint(fields=["ranking", "unit"], name="ranking_entry_unique")]

    def __str__(self):
        return f"{self.rank}. {self.unit}"

    @property
    def difference(self):
        """The final total less the unit's own."""
        return None if self.self_total is None else self.total - self.self_total


class Objection(models.Model):
    """A member unit's objection (kiến nghị) to one line of its published scores, and the compiler's answer.

    The compiler answers it, or corrects the score: a correction reopens the
    ranking through its logged path, and the objection keeps both.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered; the score stands")
        CORRECTED = "corrected", _("Answered; the score is corrected")

    ranking = models.ForeignKey(Ranking, verbose_name=_("ranking"), on_delete=models.PROTECT, related_name="objections")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("objection"))
    points_objected = models.DecimalField(_("final score objected to"), **POINTS, null=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | Q(answered_at__isnull=False), name="answered_objection_has_a_date"
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.criterion}"


class VoteMeeting(models.Model):
    """The members' meeting (bình bầu): who was there and how each unit voted."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="vote_meetings"
    )
    compiler = models.ForeignKey(Unit, verbose_name=_("held by"), on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("date of the meeting"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    threshold = models.DecimalField(
        _("votes needed, in percent of the units present"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    present = models.ManyToManyField(Unit, verbose_name=_("units present"), related_name="+")
    notes = models.TextField(_("minutes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("vote meeting")
        verbose_name_plural = _("vote meetings")
        constraints = [models.UniqueConstraint(fields=["campaign", "compiler"], name="one_vote_meeting_per_compiler")]

    def __str__(self):
        return f"{self.compiler} – {self.held_on:%d/%m/%Y}"


class Ballot(models.Model):
    """One unit's vote for proposing a unit for a title (the flag, a certificate of merit)."""

    meeting = models.ForeignKey(VoteMeeting, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(Unit, verbose_name=_("voter"), on_delete=models.PROTECT, related_name="+")
    candidate = models.ForeignKey(Unit, verbose_name=_("proposed unit"), on_delete=models.PROTECT, related_name="+")
    title = models.ForeignKey(Title, verbose_name=_("title"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "voter", "candidate", "title"], name="one_vote_per_voter"),
        ]

    def __str__(self):
        return f"{self.voter} → {self.candidate}: {self.title}"
