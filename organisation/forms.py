from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.excel import pasted_workbook
from core.years import YearField
from organisation.models import Bloc, BlocMembership, Council, CouncilMember, RoleAssignment, Unit

XLSX_ACCEPT = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = [
            "name",
            "short_name",
            "code",
            "kind",
            "parent",
            "parent_body",
            "province",
            "head_title",
            "head_name",
            "email",
        ]

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents
        self.fields["parent"].label_from_instance = lambda unit: unit.name


class BlocForm(forms.ModelForm):
    class Meta:
        model = Bloc
        fields = ["name", "full_name", "province", "organizer", "council"]
        labels = {"full_name": _("Full name of the bloc")}  # the model's "full name" is a person's (họ và tên)

    def __init__(self, *args, organizers, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = organizers
        self.fields["organizer"].required = True
        self.fields["council"].queryset = councils


class BlocMembershipForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    year = YearField(label=_("Year"))
    role = forms.ChoiceField(label=_("Role"), choices=BlocMembership.Role.choices)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class BlocMembersForm(forms.Form):
    """Several units into the bloc for a year in one form, with its leader and vice-leader."""

    year = YearField(label=_("Year"))
    units = forms.ModelMultipleChoiceField(
        label=_("Member units"), queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )
    leader = forms.ModelChoiceField(label=_("Leader"), queryset=Unit.objects.none(), required=False)
    vice_leader = forms.ModelChoiceField(label=_("Vice-leader"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("units", "leader", "vice_leader"):
            self.fields[name].queryset = units
            self.fields[name].label_from_instance = lambda unit: unit.name

    def clean(self):
        data = super().clean()
        if not (data.get("units") or data.get("leader") or data.get("vice_leader")):
            raise forms.ValidationError(_("Tick the units to add, or choose a leader or vice-leader."))
        if data.get("leader") and data.get("leader") == data.get("vice_leader"):
            self.add_error("vice_leader", _("The leader and the vice-leader are two different units."))
        return data


class BlocYearCopyForm(forms.Form):
    """Next year's bloc: the same members, with the leader and vice-leader the office rotates to."""

    year = YearField(label=_("Year"))
    leader = forms.ModelChoiceField(label=_("Leader"), queryset=Unit.objects.none())
    vice_leader = forms.ModelChoiceField(label=_("Vice-leader"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = members
        self.fields["vice_leader"].queryset = members


class CouncilForm(forms.ModelForm):
    class Meta:
        model = Council
        fields = ["name", "level", "unit", "decision_issuer"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class CouncilMemberForm(forms.Form):
    """A seat for someone who has an account already, or for a new person invited by email."""

    account = forms.ModelChoiceField(
        label=_("Person with an account"), queryset=get_user_model().objects.none(), required=False
    )
    full_name = forms.CharField(label=_("…or a new person: full name"), max_length=128, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    position = forms.ChoiceField(label=_("Position"), choices=CouncilMember.Position.choices)
    job_title = forms.CharField(label=_("Title in the council's decision"), max_length=255, required=False)

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts
        self.fields["account"].label_from_instance = lambda user: (
            f"{user.last_name} {user.first_name} ({user.email or user.username})".strip()
        )

    def clean(self):
        data = super().clean()
        if not data.get("account") and not (data.get("full_name") and data.get("email")):
            raise forms.ValidationError(_("Choose a person with an account, or give a new person's name and email."))
        return data


class CouncilMembersForm:
    """Several seats in one form: rows of CouncilMemberForm, a row left blank is no seat."""

    ROWS = 8

    def __init__(self, data=None, *, accounts):
        self.rows = [
            CouncilMemberForm(data, prefix=f"seat{index}", accounts=accounts, initial={"position": "member"})
            for index in range(self.ROWS)
        ]
        self.is_bound = data is not None
        self.non_field_errors = []

    def filled(self):
        """The rows someone typed in: a person chosen, or a new person's name or email."""
        return [
            row
            for row in self.rows
            if any((row.data.get(row.add_prefix(name)) or "").strip() for name in ("account", "full_name", "email"))
        ]

    def is_valid(self):
        filled = self.filled()
        if not filled:
            self.non_field_errors = [_("Fill in at least one row: a person with an account, or a new person.")]
        # Every filled row is checked, so each shows its own errors at once.
        return bool(filled) & all([row.is_valid() for row in filled])

    def seats(self):
        return [row.cleaned_data for row in self.filled()]


class InviteForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=128)
    email = forms.EmailField(label=_("Email"))
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=RoleAssignment.Role.choices)

    def __init__(self, *args, units, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["role"].choices = [(value, label) for value, label in RoleAssignment.Role.choices if value in roles]


class SheetUploadForm(forms.Form):
    """A list as an Excel file, or as its lines copied from Excel and pasted (`headings`: its columns, in order)."""

    file = forms.FileField(
        label=_("Excel file (.xlsx)"), required=False, widget=forms.ClearableFileInput(attrs={"accept": XLSX_ACCEPT})
    )
    pasted = forms.CharField(
        label=_("…or its lines, copied from Excel and pasted here"),
        required=False,
        max_length=2_000_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, headings=(), max_rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.headings, self.max_rows = list(headings), max_rows
        if self.headings:
            self.fields["pasted"].help_text = _(
                "One line a row, the columns in this order: %(columns)s. The heading row may be left out; the "
                "lines are then numbered from 2, as under the template's headings."
            ) % {"columns": " | ".join(self.headings)}

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("pasted", "").strip() and not self.errors:
            raise forms.ValidationError(_("Choose the Excel file, or paste its lines."))
        return data

    def content(self, max_bytes):
        """(name, .xlsx bytes) of what was sent: the file read up to `max_bytes` and one more, or the pasted lines."""
        upload = self.cleaned_data.get("file")
        if upload:
            return upload.name, upload.read(max_bytes + 1)
        pasted = pasted_workbook(self.cleaned_data["pasted"], headings=self.headings, max_rows=self.max_rows)
        return str(_("lines pasted from Excel")), pasted


class MergeForm(forms.Form):
    """Units of the office's tree that merge into one unit of today, on a date, by a decision."""

    into = forms.ModelChoiceField(label=_("Merged into (the unit of today)"), queryset=Unit.objects.none())
    units = forms.ModelMultipleChoiceField(
        label=_("Units that merge into it"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("They end on the date: their history and awards stay under their names."),
    )
    merged_on = forms.DateField(label=_("Merged on"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    reason = forms.CharField(
        label=_("Decision that merges them"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. Nghị quyết 1687/NQ-UBTVQH15 ngày 16/6/2025 về sắp xếp đơn vị hành chính cấp xã."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = units
        self.fields["units"].queryset = units
