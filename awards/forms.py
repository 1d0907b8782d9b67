from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import AwardDecision, Initiative, Proposal
from awards.services import DECISION_FIELDS
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


class BallotOpenForm(forms.Form):
    """The meeting's date, and the council's own share for each title whose figure the law leaves to it."""

    held_on = forms.DateField(label=_("Meeting date"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))

    def __init__(self, *args, thresholds, **kwargs):
        super().__init__(*args, **kwargs)
        self.thresholds = thresholds
        for item in thresholds:
            if item.council_sets:
                self.fields[f"threshold_{item.title.pk}"] = forms.DecimalField(
                    label=_("Votes “%(title)s” needs (%% of all members)") % {"title": item.title},
                    min_value=Decimal("0.01"),
                    max_value=100,
                    decimal_places=2,
                    initial=item.percent,
                    help_text=item.legal_source,
                )

    def council_figures(self):
        return {
            item.title.pk: self.cleaned_data[f"threshold_{item.title.pk}"]
            for item in self.thresholds
            if item.council_sets
        }


class ReturnForm(forms.Form):
    """Why the council sends a proposal back; the service says when it is missing."""

    reason = forms.CharField(
        required=False,
        max_length=2000,
        error_messages={
            "max_length": _("The reason is too long: at most %(limit_value)d characters, it has %(show_value)d.")
        },
    )


class ForwardForm(forms.Form):
    """The letter that carries the lines up: its number and date, when the office has them yet."""

    number = forms.CharField(label=_("Number of the letter"), max_length=64, required=False)
    dated = forms.DateField(
        label=_("Date of the letter"), required=False, widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )


class BallotForm(forms.Form):
    """One page of a member's ballot: agree or disagree on each line, or leave it for now."""

    CHOICES = [("agree", _("Agree")), ("disagree", _("Disagree"))]

    version = forms.IntegerField(widget=forms.HiddenInput)
    present = forms.TypedChoiceField(
        label=_("The member"),
        choices=[("1", _("was at the meeting and voted on paper")), ("0", _("was absent and voted in writing"))],
        coerce=lambda value: value == "1",
        required=False,
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.line_ids = [line.pk for line in lines]
        for line in lines:
            self.fields[f"line_{line.pk}"] = forms.ChoiceField(
                choices=self.CHOICES, widget=forms.RadioSelect, required=False
            )

    def choices(self):
        """{line id: agrees} for the lines given an answer."""
        return {
            line_id: self.cleaned_data[f"line_{line_id}"] == "agree"
            for line_id in self.line_ids
            if self.cleaned_data.get(f"line_{line_id}")
        }


class AwardDecisionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = AwardDecision
        fields = list(DECISION_FIELDS)
        widgets = {
            "dated": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
            "bases": forms.Textarea(attrs={"rows": 5}),
            "article_2": forms.Textarea(attrs={"rows": 2}),
            "article_3": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
            "signing_authority": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version if self.instance.pk else 0


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
