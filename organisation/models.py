"""The organisation: units and their staff, councils, blocs and their yearly membership, who acts for what."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.text import fold, sort_key
from core.years import validate_year


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
        # The two-level local government (from 01/7/2025): communes, wards and special zones under the province.
        COMMUNE = "commune", _("Commune People's Committee")
        DEPARTMENT = "department", _("Department")
        BOARD = "board", _("Board")
        OFFICE = "office", _("Office")
        DIVISION = "division", _("Division")
        CENTER = "center", _("Centre")
        INSPECTORATE = "inspectorate", _("Inspectorate")
        DISTRICT_DIVISION = "district_division", _("District division")
        OTHER = "other", _("Other")

    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    code = models.CharField(
        _("code"),
        max_length=32,
        blank=True,
        help_text=_("The office's own code for the unit, used to match rows when the tree is imported from Excel."),
    )
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
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="unit_not_its_own_parent",
                violation_error_message=_("A unit cannot be its own parent."),
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code=""),
                name="unit_code_unique",
                violation_error_message=_("Another unit already has this code."),
            ),
        ]


class UnitMerge(models.Model):
    """A unit that ended by merging into another (the two-level local government re-draws the trees).

    The merged unit keeps its name, its history and its awards; `into` is the
    unit it merged into, and `belongs_to` the unit it belongs to today (the
    same, until that one merges in turn). `moved` is the report of what
    moved with it: staff, sub-units, bloc memberships, roles, registrations.
    """

    unit = models.OneToOneField(Unit, verbose_name=_("merged unit"), on_delete=models.PROTECT, related_name="merge")
    into = models.ForeignKey(Unit, verbose_name=_("merged into"), on_delete=models.PROTECT, related_name="+")
    belongs_to = models.ForeignKey(
        Unit, verbose_name=_("belongs today to"), on_delete=models.PROTECT, related_name="predecessors"
    )
    merged_on = models.DateField(_("merged on"))
    reason = models.TextField(_("reason"))
    moved = models.JSONField(_("what moved"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("merged by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("merged unit")
        verbose_name_plural = _("merged units")
        ordering = ["-merged_on", "unit__sort_name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(unit=F("into")),
                name="unit_not_merged_into_itself",
                violation_error_message=_("A unit cannot be merged into itself."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} → {self.into}"


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

    class DecisionIssuer(models.TextChoices):
        SECRETARY = "secretary", _("The secretary, on the authority's behalf")
        AUTHORITY = "authority", _("The authority, through the council's chair")

    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="councils",
        help_text=_("The unit whose council this is (for a province: its People's Committee)."),
    )
    decision_issuer = models.CharField(
        _("who issues the award decision"),
        max_length=16,
        choices=DecisionIssuer.choices,
        default=DecisionIssuer.SECRETARY,
        help_text=_("The secretary always prepares it, with a number suggested from the authority's sequence."),
    )

    class Meta(SearchableName.Meta):
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
        help_text=_(
            "The unit whose emulation office keeps the bloc: the province's People's Committee, "
            "or an agency running a bloc of units under it."
        ),
    )

    class Meta(SearchableName.Meta):
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
    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_year])
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
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
    """What a user may act as for a unit: its clerk, or the emulation office of the unit's whole tree.

    Leading a bloc is not a role: the clerks of the unit that leads the bloc
    that year act as its leader (`BlocMembership`); sitting on a council is a
    `CouncilMember`.
    """

    class Role(models.TextChoices):
        UNIT_CLERK = "unit_clerk", _("Unit clerk")
        OFFICE = "office", _("Emulation office")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="role_assignments")

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit"],
                name="unit_role_unique",
                violation_error_message=_("This user already holds this role for this unit."),
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()} – {self.unit}"


class CouncilMember(models.Model):
    """A seat on a council, held by a person with an account: members vote on proposals."""

    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.PROTECT, related_name="council_seats"
    )
    position = models.CharField(_("position"), max_length=16, choices=Position.choices, default=Position.MEMBER)
    job_title = models.CharField(
        _("title in the council's decision"),
        max_length=255,
        blank=True,
        help_text=_("E.g. Giám đốc Sở Nội vụ, as the decision founding the council names the member."),
    )

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["council", "position", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user"],
                name="one_seat_per_council_member",
                violation_error_message=_("This person already sits on this council."),
            ),
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(position="chair"),
                name="one_chair_per_council",
                violation_error_message=_("The council already has a chair."),
            ),
        ]

    def __str__(self):
        return f"{self.council}: {self.user} ({self.get_position_display()})"


class SheetImport(models.Model):
    """An uploaded Excel list (staff, the unit tree, accounts to invite, a council's members, past awards), checked and
    waiting for confirmation.

    The checked rows are kept so that what is imported is exactly what the
    user saw in the preview; confirming claims the row once. A refused file
    whose report is longer than a page keeps the report instead, for its
    uploader to download.
    """

    class Kind(models.TextChoices):
        """organisation's own lists; an app built on it names its own kinds (organisation.imports)."""

        STAFF = "staff", _("Staff list")
        UNITS = "units", _("Unit tree")
        ACCOUNTS = "accounts", _("Accounts to invite")
        COUNCIL = "council", _("Council members")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        APPLIED = "applied", _("Imported")
        REFUSED = "refused", _("Refused")

    kind = models.CharField(_("kind"), max_length=16, default=Kind.STAFF)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="sheet_imports")
    file_name = models.CharField(_("file"), max_length=255)
    rows = models.JSONField(_("rows"), default=list)
    # A refused file's report, (line or None, message) per error, kept when it is too long for one page.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Excel import")
        verbose_name_plural = _("Excel imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name
