"""Proposals (tờ trình with its list) and their lines."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Title
from organisation.models import Council, Person, Unit


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
        constraints = [
            # Drawing up again returns the draft there is; a proposal forwarded up the way is its own.
            models.UniqueConstraint(
                fields=["campaign", "kind", "proposer"],
                condition=Q(status="draft", forwarded_from__isnull=True),
                name="one_draft_per_proposer",
                violation_error_message=_("The proposing unit has a draft of this proposal already."),
            ),
        ]

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
    # Raised by every change of the proposer's fields, so a save from a page loaded before another's is told.
    version = models.PositiveIntegerField(default=0)
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
