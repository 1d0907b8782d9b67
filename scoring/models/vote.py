"""The bloc's vote on who to propose."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Title
from organisation.models import Unit


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
