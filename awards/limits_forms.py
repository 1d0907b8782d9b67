"""The office's forms for the campaign's quotas and the bands its titles require."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import AwardQuota, BandRequirement
from campaigns.models import Title
from scoring.forms import change_reason_field
from scoring.models import Band


class QuotaForm(forms.ModelForm):
    reason = change_reason_field()

    class Meta:
        model = AwardQuota
        fields = ["title", "base", "percent", "rounding"]
        widgets = {"percent": forms.TextInput(attrs={"inputmode": "decimal"})}
        localized_fields = ["percent"]
        help_texts = {
            "percent": _("Above 0 and at most 100; empty for the first of each bloc."),
            "rounding": _("Round down unless the plan says otherwise."),
        }
        error_messages = {
            "percent": {
                "invalid": _("Enter a number, e.g. 10 or 12,5."),
                "min_value": _("A quota is a percentage above 0 and at most 100."),
                "max_value": _("A quota is a percentage above 0 and at most 100."),
                "max_digits": _("A quota is a percentage above 0 and at most 100."),
                "max_whole_digits": _("A quota is a percentage above 0 and at most 100."),
                "max_decimal_places": _("At most two decimals."),
            }
        }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign
        self.fields["title"].queryset = Title.objects.filter(is_active=True)


class BandRequirementForm(forms.ModelForm):
    class Meta:
        model = BandRequirement
        fields = ["title", "band"]

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign
        self.fields["title"].queryset = Title.objects.filter(is_active=True, subject=Title.Subject.COLLECTIVE)
        self.fields["band"].queryset = Band.objects.filter(campaign=campaign).order_by("position")
        self.fields["band"].error_messages["invalid_choice"] = _("Choose a band of this campaign.")
