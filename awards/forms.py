from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import Initiative, Proposal
from campaigns.models import Title
from organisation.models import Person, Unit


class ProposalForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Proposal
        fields = [
            "number",
            "place",
            "dated",
            "summary",
            "body",
            "signing_authority",
            "signer_title",
            "signer_name",
            "recipients",
        ]
        widgets = {
            "dated": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
            "body": forms.Textarea(attrs={"rows": 5}),
            "signing_authority": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version


class LineForm(forms.Form):
    title = forms.ModelChoiceField(label=_("Award title"), queryset=Title.objects.filter(is_active=True))
    unit = forms.ModelChoiceField(label=_("Collective"), queryset=Unit.objects.none(), required=False)
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none(), required=False)
    outstanding = forms.BooleanField(label=_("Completed duties with distinction"), required=False)
    achievements = forms.CharField(
        label=_("Achievements"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, units, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda person: f"{person.full_name} – {person.unit}"

    def clean(self):
        data = super().clean()
        if bool(data.get("unit")) == bool(data.get("person")):
            raise forms.ValidationError(_("Choose a collective or a person, not both."))
        return data


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["person", "year", "name", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda person: f"{person.full_name} – {person.unit}"


class InitiativeDecisionForm(forms.Form):
    recognised_by = forms.CharField(label=_("Recognised by"), max_length=255, required=False)
    decision = forms.CharField(label=_("Decision number and date"), max_length=128, required=False)
