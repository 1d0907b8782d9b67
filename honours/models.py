"""The award register (sổ theo dõi khen thưởng): who received which title or commendation, for which year, by whose
decision.

Every award decided in the product enters it when its decision is issued; past years come from the offices'
Excel registers. It sits below awards: the council's checks read past years from it, and the decision writes
into it in its own transaction, so nothing here imports awards.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Title
from core.models import KeptFile
from organisation.models import MAX_YEAR, MIN_YEAR, Person, SheetImport, Unit


class Honour(models.Model):
    """One award received by a person or a collective, as the register keeps it.

    `unit` is the collective itself, or the unit the person belonged to when
    awarded: a person who moves keeps their history (it follows `person`),
    and the register still shows where the award was earned.
    """

    class Method(models.TextChoices):
        # The award methods the statistical forms of Circular 02/2023/TT-BNV count (phương thức khen thưởng).
        REGULAR = "regular", _("Regular")
        THEMATIC = "thematic", _("Thematic")
        EXTRAORDINARY = "extraordinary", _("Extraordinary")
        FOREIGN = "foreign", _("Foreign relations")
        DEDICATION = "dedication", _("Lifetime dedication")
        SENIORITY = "seniority", _("Years of service")
        RESISTANCE = "resistance", _("Resistance wars")

    # The methods as the forms of Circular 02/2023/TT-BNV word them: the Excel register's words, whatever the UI's.
    METHOD_WORDS = {
        "regular": "Thường xuyên",
        "thematic": "Chuyên đề",
        "extraordinary": "Đột xuất",
        "foreign": "Đối ngoại",
        "dedication": "Cống hiến",
        "seniority": "Niên hạn",
        "resistance": "Kháng chiến",
    }

    class Source(models.TextChoices):
        DECISION = "decision", _("Decided in thidua")
        IMPORT = "import", _("Imported from Excel")

    year = models.PositiveSmallIntegerField(
        _("year of the achievement"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    title = models.ForeignKey(Title, verbose_name=_("title"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="honours")
    person = models.ForeignKey(
        Person, verbose_name=_("staff member"), null=True, blank=True, on_delete=models.PROTECT, related_name="honours"
    )
    recipient_name = models.CharField(_("awarded to"), max_length=255)
    sort_name = models.CharField(max_length=1024, editable=False)
    search_text = models.CharField(max_length=400, editable=False)
    decision_number = models.CharField(_("decision number"), max_length=64)
    decision_date = models.DateField(_("decision date"))
    authority = models.CharField(_("issued by"), max_length=255)
    method = models.CharField(_("award method"), max_length=16, choices=Method.choices, default=Method.REGULAR)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    sheet_import = models.ForeignKey(
        SheetImport, verbose_name=_("Excel import"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("award in the register")
        verbose_name_plural = _("award register")
        # Titles in the order they were created (the shipped ones by their position): an index can then hand a
        # page of the register out in order, where sorting by the title's position would sort every row first.
        ordering = ["-year", "title_id", "sort_name", "id"]
        indexes = [
            models.Index(fields=["-year", "title", "sort_name", "id"], name="honour_register_order"),
            models.Index(fields=["decision_date"], name="honour_decision_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "person", "year"],
                condition=Q(person__isnull=False),
                name="honour_once_per_person_title_year",
                violation_error_message=_("This person holds this award for this year already."),
            ),
            models.UniqueConstraint(
                fields=["title", "unit", "year"],
                condition=Q(person__isnull=True),
                name="honour_once_per_collective_title_year",
                violation_error_message=_("This collective holds this award for this year already."),
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.title}: {self.recipient_name}"


class RegisterExport(KeptFile):
    """A large export of the register, written by a task for the user who asked, with the filters they chose."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The register page's filters as its query string, read again by the task with the user's own reach.
    query = models.CharField(max_length=2000, blank=True)

    def __str__(self):
        return f"{self.requested_by_id} {self.query}"
