"""Campaigns with their content items, targets, phases and milestones; titles; notifications.

Invariants that the database can hold are constraints here; the ones that
span rows (phases inside the campaign's year and not overlapping) are checked
in `clean()` and again, under a lock, by the services.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.years import MAX_YEAR, MIN_YEAR, validate_year
from organisation.models import Bloc, Council, SearchableName, Unit

DEFAULT_REMINDER_DAYS = "14,7,3,1,-1"


def parse_reminder_days(text):
    """ "14,7,3,1,-1" → [14, 7, 3, 1, -1]: days before the deadline; -1 is the day after."""
    return sorted({int(part) for part in text.replace(" ", "").split(",") if part}, reverse=True)


def validate_reminder_days(text):
    try:
        days = parse_reminder_days(text)
    except ValueError:
        raise ValidationError(_("Write whole numbers of days separated by commas, e.g. 14,7,3,1,-1.")) from None
    if any(day < -7 or day > 90 for day in days):
        raise ValidationError(_("Reminders go from 90 days before to 7 days after the deadline."))


class Title(models.Model):
    """A title or commendation that units and staff aim for and are proposed for."""

    class Subject(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        COLLECTIVE = "collective", _("Collective")

    class Kind(models.TextChoices):
        TITLE = "title", _("Emulation title")
        COMMENDATION = "commendation", _("Commendation")

    class Level(models.TextChoices):
        UNIT = "unit", _("Unit")
        PROVINCE = "province", _("Province")
        NATIONAL = "national", _("National")

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    subject = models.CharField(_("awarded to"), max_length=16, choices=Subject.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.TITLE)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("title")
        verbose_name_plural = _("titles")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


# What a plan's text says of its campaign, in the order it is read and shown.
PLAN_FIELDS = [
    "name",
    "year",
    "number",
    "place",
    "issued_on",
    "slogan",
    "legal_basis",
    "purposes",
]


class Campaign(SearchableName):
    """A phong trào thi đua as its plan (kế hoạch) sets it out."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    issuer = models.ForeignKey(
        Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="issued_campaigns"
    )
    issuing_bloc = models.ForeignKey(
        Bloc,
        verbose_name=_("issued on behalf of bloc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_campaigns",
        help_text=_("Set when the leader signs for the bloc (TM. KHỐI …)."),
    )
    blocs = models.ManyToManyField(Bloc, verbose_name=_("competing blocs"), blank=True, related_name="campaigns")
    covers_sub_units = models.BooleanField(
        _("the issuer's sub-units compete"),
        default=False,
    )
    council = models.ForeignKey(
        Council,
        verbose_name=_("reviewing council"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_year])
    number = models.CharField(_("number and symbol"), max_length=64, blank=True)
    place = models.CharField(_("place of issue"), max_length=64, blank=True)
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    slogan = models.TextField(_("slogan"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True, help_text=_("One document per line."))
    purposes = models.TextField(_("purposes and requirements"), blank=True)
    signer_title = models.CharField(_("signing authority"), max_length=255, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=128, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    refuse_late_registrations = models.BooleanField(
        _("refuse registrations after the deadline"),
        default=False,
        help_text=_("Otherwise a late registration is accepted and flagged as late."),
    )
    reminder_days = models.CharField(
        _("reminder days"),
        max_length=64,
        default=DEFAULT_REMINDER_DAYS,
        blank=True,
        validators=[validate_reminder_days],
        help_text=_("Days before each deadline to remind those who have not acted; -1 is the day after. Empty: none."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-year", "sort_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="campaign_year_in_range",
                violation_error_message=_("The year must be between 2000 and 2100."),
            ),
        ]

    @property
    def is_open(self):
        """Open: the units register, report and are scored; every write of the year's work is accepted."""
        return self.status == self.Status.ACTIVE


class ContentItem(models.Model):
    """A content item or criterion of the campaign that units commit to."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="content_items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("number"), max_length=16, blank=True)
    text = models.TextField(_("content"))
    is_mandatory = models.BooleanField(_("mandatory"), default=True)

    class Meta:
        verbose_name = _("content item")
        verbose_name_plural = _("content items")
        ordering = ["campaign", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "position"],
                name="content_item_position_unique",
                violation_error_message=_("Two content items cannot share a position."),
            ),
        ]

    def __str__(self):
        return f"{self.label} {self.text}".strip()


class Target(models.Model):
    """A target of the campaign, such as "50% of collectives reach Tập thể lao động xuất sắc"."""

    class Comparison(models.TextChoices):
        AT_LEAST = "at_least", _("at least")
        AT_MOST = "at_most", _("at most")

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("target"))
    title = models.ForeignKey(
        Title, verbose_name=_("title"), null=True, blank=True, on_delete=models.PROTECT, related_name="targets"
    )
    comparison = models.CharField(
        _("comparison"), max_length=16, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    percentage = models.DecimalField(
        _("percentage"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["campaign", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "position"],
                name="target_position_unique",
                violation_error_message=_("Two targets cannot share a position."),
            ),
            models.CheckConstraint(
                condition=Q(percentage__isnull=True) | Q(percentage__gte=0, percentage__lte=100),
                name="target_percentage_range",
                violation_error_message=_("A percentage lies between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(title__isnull=True) | Q(percentage__isnull=False),
                name="target_with_title_has_percentage",
                violation_error_message=_("A target for a title needs a percentage."),
            ),
        ]

    def __str__(self):
        return self.text

    def clean(self):
        if self.title_id and self.percentage is None:
            raise ValidationError({"percentage": _("A target for a title needs a percentage.")})


class Phase(models.Model):
    """An đợt thi đua: a dated period of the campaign."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    name = models.CharField(_("name"), max_length=255, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["campaign", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "number"],
                name="phase_number_unique",
                violation_error_message=_("This campaign already has a phase with this number."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="phase_ends_after_start",
                violation_error_message=_("The phase cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.name or _("Phase %(number)s") % {"number": self.number}

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The phase cannot end before it starts.")
        if self.campaign_id and self.starts_on and self.ends_on and not errors:
            year = self.campaign.year
            if self.starts_on.year != year or self.ends_on.year != year:
                errors["starts_on"] = _("A phase must lie inside the campaign's year (%(year)s).") % {"year": year}
            else:
                overlapping = (
                    Phase.objects.filter(campaign_id=self.campaign_id)
                    .exclude(pk=self.pk)
                    .filter(starts_on__lte=self.ends_on, ends_on__gte=self.starts_on)
                    .first()
                )
                if overlapping:
                    errors["starts_on"] = _("This phase overlaps %(other)s (%(start)s – %(end)s).") % {
                        "other": overlapping,
                        "start": overlapping.starts_on.strftime("%d/%m/%Y"),
                        "end": overlapping.ends_on.strftime("%d/%m/%Y"),
                    }
        if errors:
            raise ValidationError(errors)


class Milestone(models.Model):
    """A dated step of the campaign: a due date, or a window to act in."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Registration")
        MIDYEAR_REPORT = "midyear_report", _("Mid-year report")
        MIDYEAR_MEETING = "midyear_meeting", _("Mid-year review meeting")
        YEAREND_REPORT = "yearend_report", _("Year-end report and self-score")
        VOTE_MEETING = "vote_meeting", _("Vote meeting")
        AWARD_PROPOSAL = "award_proposal", _("Award proposal")
        OTHER = "other", _("Other")

    class Actor(models.TextChoices):
        MEMBERS = "members", _("Member units")
        LEADER = "leader", _("Bloc leader")
        VICE_LEADER = "vice_leader", _("Bloc vice-leader")
        ISSUER = "issuer", _("Issuing unit")
        COUNCIL = "council", _("Council")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255)
    actor = models.CharField(_("who must act"), max_length=16, choices=Actor.choices, default=Actor.MEMBERS)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    window_starts_on = models.DateField(_("window from"), null=True, blank=True)
    window_ends_on = models.DateField(_("window to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["campaign", "due_on", "window_ends_on"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(due_on__isnull=False, window_starts_on__isnull=True, window_ends_on__isnull=True)
                    | Q(
                        due_on__isnull=True,
                        window_starts_on__isnull=False,
                        window_ends_on__isnull=False,
                        window_ends_on__gte=F("window_starts_on"),
                    )
                ),
                name="milestone_due_date_or_window",
                violation_error_message=_("Give a due date, or both ends of a window (not both)."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def deadline(self):
        """The last day to act: the due date, or the end of the window."""
        return self.due_on or self.window_ends_on

    def clean(self):
        has_window = self.window_starts_on or self.window_ends_on
        if self.due_on and has_window:
            raise ValidationError(_("Give either a due date or a window, not both."))
        if not self.due_on and not (self.window_starts_on and self.window_ends_on):
            raise ValidationError(_("Give a due date, or both ends of a window."))
        if self.window_starts_on and self.window_ends_on and self.window_ends_on < self.window_starts_on:
            raise ValidationError({"window_ends_on": _("The window cannot end before it starts.")})
