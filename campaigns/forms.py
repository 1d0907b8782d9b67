from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, ContentItem, Milestone, Phase, Target, Title
from organisation.models import MAX_YEAR, MIN_YEAR, Bloc, Council

DATE_INPUT = {"format": "%d/%m/%Y", "attrs": {"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}}


def _date_field_widgets(*names):
    return {name: forms.DateInput(**DATE_INPUT) for name in names}


class CampaignForm(forms.ModelForm):
    """The campaign's own fields; its issuer is set when it is created, its status through open and close."""

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
            "council",
            "signer_title",
            "signer_name",
            "refuse_late_registrations",
            "reminder_days",
        ]
        labels = {"name": _("Title")}
        widgets = {
            **_date_field_widgets("issued_on"),
            "slogan": forms.Textarea(attrs={"rows": 2}),
            "legal_basis": forms.Textarea(attrs={"rows": 4}),
            "purposes": forms.Textarea(attrs={"rows": 4}),
            # "TM. KHỐI 8 / KHỐI TRƯỞNG / GIÁM ĐỐC" is written on several lines and printed as written.
            "signer_title": forms.Textarea(attrs={"rows": 3}),
            "blocs": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, blocs=None, councils=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["blocs"].queryset = blocs if blocs is not None else Bloc.objects.none()
        self.fields["council"].queryset = councils if councils is not None else Council.objects.none()
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class CampaignCreateForm(CampaignForm):
    """A new campaign typed in, for an issuer (and bloc) the user may open campaigns for."""

    class Meta(CampaignForm.Meta):
        fields = ["issuer", "issuing_bloc", *CampaignForm.Meta.fields]

    def __init__(self, *args, issuers, issuing_blocs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        self.fields["issuing_bloc"].queryset = issuing_blocs
        del self.fields["version"]


class CampaignStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Campaign.Status.choices, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class CampaignCopyForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the new campaign"), min_value=MIN_YEAR, max_value=MAX_YEAR)


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


class ContentItemForm(forms.ModelForm):
    class Meta:
        model = ContentItem
        fields = ["position", "label", "text", "is_mandatory"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["position", "text", "title", "comparison", "percentage"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "percentage": forms.TextInput(attrs={"inputmode": "decimal"}),
        }
        localized_fields = ["percentage"]


class PlanUploadForm(forms.Form):
    text = forms.CharField(
        label=_("Paste the plan's text"), required=False, max_length=200_000, widget=forms.Textarea(attrs={"rows": 10})
    )
    file = forms.FileField(label=_("…or upload it (.txt, .docx, PDF with text)"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Paste the plan's text or choose a file."))
        return data


class PlanCampaignForm(forms.ModelForm):
    """The campaign's own fields, as read from the plan, for the user to check."""

    source = forms.CharField(widget=forms.HiddenInput, max_length=200_000)

    class Meta:
        model = Campaign
        fields = [
            "issuer",
            "issuing_bloc",
            "name",
            "year",
            "number",
            "place",
            "issued_on",
            "slogan",
            "legal_basis",
            "purposes",
            "signer_title",
            "signer_name",
        ]
        labels = {"name": _("Title")}
        widgets = {
            **_date_field_widgets("issued_on"),
            "slogan": forms.Textarea(attrs={"rows": 2}),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "purposes": forms.Textarea(attrs={"rows": 4}),
            "signer_title": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, units, blocs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = units
        self.fields["issuing_bloc"].queryset = blocs


class PlanItemForm(forms.Form):
    keep = forms.BooleanField(required=False, initial=True)
    label = forms.CharField(max_length=16, required=False)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))


class PlanTargetForm(forms.Form):
    keep = forms.BooleanField(required=False, initial=True)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    title = forms.ModelChoiceField(queryset=Title.objects.filter(is_active=True), required=False)
    comparison = forms.ChoiceField(choices=Target.Comparison.choices)
    percentage = forms.DecimalField(required=False, min_value=0, max_value=100, decimal_places=2, localize=True)


class PlanPhaseForm(forms.Form):
    keep = forms.BooleanField(required=False, initial=True)
    number = forms.IntegerField(min_value=1, max_value=99)
    name = forms.CharField(max_length=255, required=False)
    starts_on = forms.DateField(widget=forms.DateInput(**DATE_INPUT))
    ends_on = forms.DateField(widget=forms.DateInput(**DATE_INPUT))
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PlanMilestoneForm(forms.Form):
    keep = forms.BooleanField(required=False, initial=True)
    kind = forms.ChoiceField(choices=Milestone.Kind.choices)
    name = forms.CharField(max_length=255)
    actor = forms.ChoiceField(choices=Milestone.Actor.choices)
    due_on = forms.DateField(required=False, widget=forms.DateInput(**DATE_INPUT))
    window_starts_on = forms.DateField(required=False, widget=forms.DateInput(**DATE_INPUT))
    window_ends_on = forms.DateField(required=False, widget=forms.DateInput(**DATE_INPUT))
