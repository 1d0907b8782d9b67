"""The office's rule book beyond conditions: what a set says of each title (who decides it, its reward money), the
base salary by decree, and an office's confirmation of a national set's defaults."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models import Title


class AwardTerms(models.Model):
    """Who issues a title under a rule set, and the reward money it carries as a multiple of the base salary.

    `level` says which council's authority decides the title (a unit's head or
    a commune's chairman, the province's chairman, the national level); the
    money follows the decree's table (Decree 152/2025, arts. 49–55) unless the
    office's own regulation says otherwise where the law lets it.
    """

    rule_set = models.ForeignKey(
        "awards.RuleSet", verbose_name=_("rule set"), on_delete=models.CASCADE, related_name="terms"
    )
    title = models.ForeignKey(Title, verbose_name=_("title"), on_delete=models.CASCADE, related_name="+")
    level = models.CharField(_("decided at"), max_length=16, choices=Title.Level.choices)
    authority = models.CharField(
        _("issued by"), max_length=255, blank=True, help_text=_("E.g. Chủ tịch Ủy ban nhân dân tỉnh.")
    )
    authority_source = models.CharField(_("source of the authority"), max_length=255, blank=True)
    reward_multiple = models.DecimalField(
        _("reward (times the base salary)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    reward_source = models.CharField(_("source of the reward"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("title's terms")
        verbose_name_plural = _("titles' terms")
        ordering = ["rule_set", "title__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "title"],
                name="one_terms_per_title_and_rule_set",
                violation_error_message=_("This rule set says this title's terms already."),
            ),
        ]

    def __str__(self):
        return f"{self.title}: {self.authority}"


class BaseSalary(models.Model):
    """The base salary (mức lương cơ sở) from a date, set by a decree: reward money is a multiple of it."""

    amount = models.PositiveIntegerField(_("amount (đồng a month)"), validators=[MinValueValidator(1)])
    valid_from = models.DateField(_("in force from"), unique=True)
    legal_source = models.CharField(_("legal source"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.amount} ({self.valid_from:%d/%m/%Y})"


class RuleSetAdoption(models.Model):
    """An office's confirmation that a national set's defaults stand for its province until its own regulation.

    Decree 152/2025 leaves the council's figures below the national titles to
    each province (art. 6.2): the product ships a default, which an office
    confirms before its councils vote under the national set.
    """

    rule_set = models.ForeignKey(
        "awards.RuleSet", verbose_name=_("rule set"), on_delete=models.CASCADE, related_name="adoptions"
    )
    unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("office's tree"), on_delete=models.CASCADE, related_name="+"
    )
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("adoption of a rule set")
        verbose_name_plural = _("adoptions of rule sets")
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "unit"], name="rule_set_adopted_once_per_tree"),
        ]

    def __str__(self):
        return f"{self.unit}: {self.rule_set}"
