"""Awards: the rules of each title as data, initiatives, proposals and their review by the council."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Title
from organisation.models import Council, CouncilMember, Person, Unit


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


class Initiative(models.Model):
    """A sáng kiến, registered by its unit and recognised (or not) by the initiative council."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for recognition")
        RECOGNISED = "recognised", _("Recognised")
        REJECTED = "rejected", _("Not recognised")

    person = models.ForeignKey(Person, verbose_name=_("author"), on_delete=models.PROTECT, related_name="initiatives")
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("initiative"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    recognised_by = models.CharField(_("recognised by"), max_length=255, blank=True)
    decision = models.CharField(_("decision number and date"), max_length=128, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-year", "person__sort_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year", "name"],
                name="initiative_registered_once",
                violation_error_message=_("This initiative is registered already."),
            ),
        ]

    def __str__(self):
        return self.name


class Proposal(models.Model):
    """A tờ trình with its list: titles proposed for units and staff, reviewed by a council line by line.

    A council decides the titles of its level; the lines it passed for titles
    a higher level decides go up in a proposal of their own to the council
    above (`forwarded_from`), which reviews it like any other. A proposal sent
    to a council goes back to its proposer as a draft when the proposer
    recalls it, or the council returns it with a reason, before the ballot.
    """

    class Kind(models.TextChoices):
        BLOC = "bloc", _("From the bloc's ranking and vote")
        UNIT = "unit", _("From a unit's own council (its staff and sub-units)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("With the council")
        APPROVED = "approved", _("Approved by the council")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="proposals"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    proposer = models.ForeignKey(
        Unit, verbose_name=_("proposing unit"), on_delete=models.PROTECT, related_name="proposals"
    )
    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="proposals")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    number = models.CharField(_("number and symbol"), max_length=64, blank=True)
    place = models.CharField(_("place"), max_length=64, blank=True)
    dated = models.DateField(_("date"), null=True, blank=True)
    summary = models.CharField(_("summary"), max_length=255)
    body = models.TextField(_("text of the letter"), blank=True)
    signing_authority = models.CharField(_("signing authority"), max_length=255, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=255, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=128, blank=True)
    recipients = models.TextField(_("recipients (Nơi nhận)"), blank=True)
    forwarded_from = models.OneToOneField(
        "self",
        verbose_name=_("forwarded from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forwarded",
        help_text=_("The proposal whose lines, passed by a lower council, this one carries up."),
    )
    returned_reason = models.TextField(_("why the council returned it"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at"]

    def __str__(self):
        return self.summary


class ProposalLine(models.Model):
    """One unit or person proposed for one title, with the automatic check and the council's decision."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Not reviewed")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.ForeignKey(Title, verbose_name=_("title"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("staff member"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outstanding = models.BooleanField(_("completed duties with distinction"), default=False)
    achievements = models.TextField(_("achievements"), blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    votes = models.CharField(_("votes"), max_length=32, blank=True)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, default=Decision.PENDING)
    reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("proposal line")
        verbose_name_plural = _("proposal lines")
        ordering = ["proposal", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, person__isnull=True) | Q(unit__isnull=True, person__isnull=False),
                name="line_is_for_a_unit_or_a_person",
                violation_error_message=_("A line proposes either a unit or a person."),
            ),
            models.UniqueConstraint(
                fields=["proposal", "title", "unit"],
                condition=Q(unit__isnull=False),
                name="unit_proposed_once_per_title",
                violation_error_message=_("This unit is proposed for this title already."),
            ),
            models.UniqueConstraint(
                fields=["proposal", "title", "person"],
                condition=Q(person__isnull=False),
                name="person_proposed_once_per_title",
                violation_error_message=_("This person is proposed for this title already."),
            ),
        ]

    def __str__(self):
        return f"{self.person or self.unit}: {self.title}"

    @property
    def nominee(self):
        return self.person or self.unit


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


class AwardDecision(models.Model):
    """The Quyết định khen thưởng of the authority the council advises, for the lines the council passed.

    Its number is unique for the authority and the year it is signed in.
    """

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="award_decision")
    authority = models.ForeignKey(
        Unit, verbose_name=_("issuing authority"), on_delete=models.PROTECT, related_name="award_decisions"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.CharField(_("number and symbol"), max_length=64)
    place = models.CharField(_("place"), max_length=64)
    dated = models.DateField(_("date"))
    parent_body = models.CharField(_("parent body"), max_length=255, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=255)
    grantor = models.CharField(
        _("issuing authority's title"),
        max_length=255,
        help_text=_("Printed above the legal bases and on the certificates, e.g. Chủ tịch Ủy ban nhân dân tỉnh …"),
    )
    summary = models.CharField(_("summary"), max_length=255)
    bases = models.TextField(_("legal bases (Căn cứ), one per line"))
    achievement = models.CharField(_("achievement"), max_length=255)
    article_2 = models.TextField(_("Article 2"))
    article_3 = models.TextField(_("Article 3"))
    recipients = models.TextField(_("recipients (Nơi nhận)"))
    signing_authority = models.CharField(_("signing authority"), max_length=255)
    signer_name = models.CharField(_("signer's name"), max_length=128)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-dated", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "number"],
                name="decision_number_unique_per_authority_and_year",
                violation_error_message=_("This authority has used this number this year already."),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.summary}"


class RenderedFile(models.Model):
    """A large PDF rendered once per document version by a task, and kept so that the next download is immediate."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        DECISION_LIST = "decision_list", _("List attached to the decision")
        CERTIFICATES = "certificates", _("Certificates")
        BALLOT_MINUTES = "ballot_minutes", _("Minutes of the council's ballot")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Rendering")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="rendered_files")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=1)
    file = models.FileField(upload_to="documents/%Y/", blank=True)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "kind", "version"], name="one_file_per_document_version"),
        ]

    def __str__(self):
        return f"{self.proposal_id} {self.kind} v{self.version}"

    @property
    def percent(self):
        return min(100, self.done * 100 // max(self.total, 1))


# The office's rule sets carry more per title than conditions: who issues it and the reward money it carries.
from awards.rulebook.models import AwardTerms, BaseSalary, RuleSetAdoption  # noqa: E402, F401
