"""The bloc's ranking, its entries and the objections to it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from organisation.models import Unit

from .table import POINTS, Criterion


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
    # The band and the tie rule as they stood when the ranking was finalised, each with why, in words.
    band = models.CharField(_("band"), max_length=120, blank=True)
    band_reason = models.TextField(_("why this band"), blank=True)
    tie_reason = models.TextField(_("tie decided by"), blank=True)

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
