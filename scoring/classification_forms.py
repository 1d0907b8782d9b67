"""The office's forms for bands, listed events, the events recorded for units and the tie rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from scoring import ties
from scoring.forms import BAND_REASON_HELP, change_reason_field
from scoring.models import Band, Criterion, EventKind, TieRule, UnitEvent

POSITION_HELP = _("1 = first; empty = last.")


def _position_field(label):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1,
        max_value=1000,
        help_text=POSITION_HELP,
        error_messages={"invalid": _("Enter a whole number, e.g. 2."), "min_value": _("The first place is 1.")},
    )


class BandForm(forms.ModelForm):
    place = _position_field(_("order, best first"))
    reason = change_reason_field(BAND_REASON_HELP)

    class Meta:
        model = Band
        fields = ["name", "min_total", "no_criterion_at_zero", "no_part_under_half"]
        widgets = {"min_total": forms.TextInput(attrs={"inputmode": "decimal"})}
        localized_fields = ["min_total"]
        error_messages = {
            "min_total": {
                "invalid": _("Enter a number, e.g. 85 or 92,5."),
                "max_digits": _("The total must be below 10000."),
                "max_whole_digits": _("The total must be below 10000."),
                "max_decimal_places": _("At most two decimals."),
            }
        }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign
        if self.instance.pk:
            self.fields["place"].initial = self.instance.position

    def clean_min_total(self):
        value = self.cleaned_data["min_total"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("The total cannot be negative."))
        return value


class EventKindForm(forms.ModelForm):
    reason = change_reason_field(BAND_REASON_HELP)

    class Meta:
        model = EventKind
        fields = ["name", "effect", "band"]

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign
        self.fields["band"].queryset = Band.objects.filter(campaign=campaign).order_by("position")
        self.fields["band"].error_messages["invalid_choice"] = _("Choose a band of this campaign.")


class UnitEventForm(forms.ModelForm):
    class Meta:
        model = UnitEvent
        fields = ["unit", "kind", "note"]

    def __init__(self, *args, campaign, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["kind"].queryset = EventKind.objects.filter(campaign=campaign).select_related("band")
        self.fields["kind"].error_messages["invalid_choice"] = _("Choose an event the office lists for this campaign.")
        self.fields["unit"].error_messages["invalid_choice"] = _("Choose a unit of this campaign.")


class TieRuleForm(forms.ModelForm):
    place = _position_field(_("order"))
    reason = change_reason_field()

    class Meta:
        model = TieRule
        fields = ["kind", "criterion", "figure"]

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign
        self.fields["criterion"].queryset = Criterion.objects.filter(campaign=campaign).order_by("position")
        self.fields["criterion"].required = False
        self.fields["criterion"].help_text = _("For “More points on a criterion”.")
        self.fields["criterion"].error_messages["invalid_choice"] = _(
            "This criterion is no longer in the scoring table (it was deleted); choose another."
        )
        figures = ties.figure_choices(campaign=campaign)
        self.fields["figure"] = forms.ChoiceField(
            label=_("figure"),
            required=False,
            choices=[("", "—"), *figures],
            help_text=_("For the rules on a reported figure.")
            if figures
            else _("The units report no figure in this campaign yet."),
            error_messages={"invalid_choice": _("Choose a figure the units report in this campaign.")},
        )
        if self.instance.pk:
            self.fields["place"].initial = self.instance.position
