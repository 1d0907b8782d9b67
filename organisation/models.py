"""The organisation: units and their staff, councils, blocs and their yearly membership, who acts for what.

The tables keep the names they were created with when these models lived in
`campaigns`: renaming them would buy nothing and cost every database a
rewrite of its foreign keys.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.text import fold, sort_key

MIN_YEAR = 2000
MAX_YEAR = 2100


class SearchableName(models.Model):
    """A name with its folded form for search and its Vietnamese sort key.

    Both are derived from `name` alone, so they are kept in step here rather
    than by every caller.
    """

    name = models.CharField(_("name"), max_length=255)
    search_name = models.CharField(max_length=255, editable=False, db_index=True)
    sort_name = models.CharField(max_length=1024, editable=False, db_index=True)

    class Meta:
        abstract = True
        ordering = ["sort_name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)
        self.sort_name = sort_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name", "sort_name"}
        super().save(*args, **kwargs)


class Unit(SearchableName):
    """An agency (Sở, Ban QLDA, UBND) or one of its sub-units (phòng, trung tâm)."""

    class Kind(models.TextChoices):
        PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
        DEPARTMENT = "department", _("Department")
        BOARD = "board", _("Board")
        OFFICE = "office", _("Office")
        DIVISION = "division", _("Division")
        CENTER = "center", _("Centre")
        INSPECTORATE = "inspectorate", _("Inspectorate")
        DISTRICT_DIVISION = "district_division", _("District division")
        OTHER = "other", _("Other")

    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    parent_body = models.CharField(
        _("parent body"),
        max_length=255,
        blank=True,
        help_text=_("Printed above the unit's name in documents, e.g. UBND TỈNH TRÀ VINH."),
    )
    province = models.CharField(_("province"), max_length=64, blank=True)
    head_title = models.CharField(_("head's title"), max_length=128, blank=True)
    head_name = models.CharField(_("head's name"), max_length=128, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta(SearchableName.Meta):
        db_table = "campaigns_unit"
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="unit_not_its_own_parent",
                violation_error_message=_("A unit cannot be its own parent."),
            ),
        ]


class Person(models.Model):
    """A member of staff (CBCCVC, người lao động) of a unit or sub-unit."""

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="staff")
    full_name = models.CharField(_("full name"), max_length=128)
    search_name = models.CharField(max_length=128, editable=False, db_index=True)
    sort_name = models.CharField(max_length=1024, editable=False, db_index=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    position = models.CharField(_("position"), max_length=128, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        db_table = "campaigns_person"
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["sort_name"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # Vietnamese lists sort people by given name (the last word) first.
        words = self.full_name.split()
        self.search_name = fold(self.full_name)
        self.sort_name = sort_key(" ".join(words[-1:] + words[:-1]))
        super().save(*args, **kwargs)


class Council(SearchableName):
    """A Hội đồng Thi đua – Khen thưởng, at unit or province level."""

    class Level(models.TextChoices):
        UNIT = "unit", _("Unit")
        PROVINCE = "province", _("Province")

    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="councils",
        help_text=_("The unit whose council this is (for a province: its People's Committee)."),
    )

    class Meta(SearchableName.Meta):
        db_table = "campaigns_council"
        verbose_name = _("council")
        verbose_name_plural = _("councils")


class Bloc(SearchableName):
    """A Khối thi đua: member units that compete with each other, year by year."""

    full_name = models.CharField(_("full name"), max_length=255, blank=True)
    province = models.CharField(_("province"), max_length=64, blank=True)
    council = models.ForeignKey(
        Council,
        verbose_name=_("council"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="blocs",
        help_text=_("The council the bloc reports and proposes to."),
    )
    organizer = models.ForeignKey(
        Unit,
        verbose_name=_("organising unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organized_blocs",
        help_text=_("Set when an agency runs the bloc for units under it."),
    )

    class Meta(SearchableName.Meta):
        db_table = "campaigns_bloc"
        verbose_name = _("bloc")
        verbose_name_plural = _("blocs")


class BlocMembership(models.Model):
    """A unit's place in a bloc for one year; the leader and vice-leader are members."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        LEADER = "leader", _("Leader")
        VICE_LEADER = "vice_leader", _("Vice-leader")

    bloc = models.ForeignKey(Bloc, verbose_name=_("bloc"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="bloc_memberships")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        db_table = "campaigns_blocmembership"
        verbose_name = _("bloc membership")
        verbose_name_plural = _("bloc memberships")
        ordering = ["-year", "bloc", "unit__sort_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="unit_in_one_bloc_per_year",
                violation_error_message=_("This unit is already in a bloc in this year."),
            ),
            models.UniqueConstraint(
                fields=["bloc", "year"],
                condition=Q(role="leader"),
                name="one_leader_per_bloc_year",
                violation_error_message=_("The bloc already has a leader in this year."),
            ),
            models.UniqueConstraint(
                fields=["bloc", "year"],
                condition=Q(role="vice_leader"),
                name="one_vice_leader_per_bloc_year",
                violation_error_message=_("The bloc already has a vice-leader in this year."),
            ),
        ]

    def __str__(self):
        return f"{self.bloc} {self.year}: {self.unit}"


class RoleAssignment(models.Model):
    """What a user may act as: the clerk or leader for a unit, a member of a council."""

    class Role(models.TextChoices):
        UNIT_CLERK = "unit_clerk", _("Unit clerk")
        BLOC_LEADER = "bloc_leader", _("Bloc leader")
        COUNCIL_MEMBER = "council_member", _("Council member")
        COUNCIL_SECRETARY = "council_secretary", _("Council secretary")

    UNIT_ROLES = (Role.UNIT_CLERK, Role.BLOC_LEADER)
    COUNCIL_ROLES = (Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="role_assignments"
    )
    council = models.ForeignKey(
        Council,
        verbose_name=_("council"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )

    class Meta:
        db_table = "campaigns_roleassignment"
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role__in=["unit_clerk", "bloc_leader"], unit__isnull=False, council__isnull=True)
                    | Q(role__in=["council_member", "council_secretary"], unit__isnull=True, council__isnull=False)
                ),
                name="role_has_its_object",
                violation_error_message=_(
                    "A unit role needs a unit and no council; a council role needs a council and no unit."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "unit"],
                condition=Q(unit__isnull=False),
                name="unit_role_unique",
                violation_error_message=_("This user already holds this role for this unit."),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "council"],
                condition=Q(council__isnull=False),
                name="council_role_unique",
                violation_error_message=_("This user already holds this role in this council."),
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()} – {self.unit or self.council}"

    def clean(self):
        if self.role in self.UNIT_ROLES and (not self.unit_id or self.council_id):
            raise ValidationError(_("This role is held for a unit: choose the unit, and no council."))
        if self.role in self.COUNCIL_ROLES and (not self.council_id or self.unit_id):
            raise ValidationError(_("This role is held for a council: choose the council, and no unit."))


class StaffImport(models.Model):
    """An uploaded staff list, checked and waiting for the clerk to confirm it.

    The checked rows are kept so that what is imported is exactly what the
    clerk saw in the preview; confirming claims the row once.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        APPLIED = "applied", _("Imported")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="staff_imports")
    file_name = models.CharField(_("file"), max_length=255)
    rows = models.JSONField(_("rows"), default=list)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        db_table = "campaigns_staffimport"
        verbose_name = _("staff import")
        verbose_name_plural = _("staff imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name
