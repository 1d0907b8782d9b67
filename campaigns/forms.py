from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Bloc, BlocMembership, Campaign, Milestone, Phase, Unit

DATE_INPUT = {"format": "%d/%m/%Y", "attrs": {"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}}


def _date_field_widgets(*names):
    return {name: forms.DateInput(**DATE_INPUT) for name in names}


class CampaignForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Campaign
        fields = [
            "name",
            "year",
            "number",
            "place",
            "issued_on",
            "slogan",
            "legal_basis",
            "purposes",
            "blocs",
            "covers_sub_units",
            "signer_title",
            "signer_name",
            "status",
            "refuse_late_registrations",
            "reminder_days",
        ]
        labels = {"name": _("Title")}
        widgets = {
            **_date_field_widgets("issued_on"),
            "slogan": forms.Textarea(attrs={"rows": 2}),
            "legal_basis": forms.Textarea(attrs={"rows": 4}),
            "purposes": forms.Textarea(attrs={"rows": 4}),
            "blocs": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, blocs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["blocs"].queryset = blocs if blocs is not None else Bloc.objects.none()
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["number", "name", "starts_on", "ends_on", "description"]
        widgets = {**_date_field_widgets("starts_on", "ends_on"), "description": forms.Textarea(attrs={"rows": 3})}


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["kind", "name", "actor", "due_on", "window_starts_on", "window_ends_on", "note"]
        widgets = {
            **_date_field_widgets("due_on", "window_starts_on", "window_ends_on"),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class BlocMembershipForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    role = forms.ChoiceField(label=_("Role"), choices=BlocMembership.Role.choices)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class StaffUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Staff list (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
