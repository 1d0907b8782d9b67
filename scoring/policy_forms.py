"""The campaign's scoring rules as the office keeps them, the table's rounding among them, and the reason asked when a
whole table imported from a file replaces the one units have scored on."""

from django import forms
from django.utils.translation import gettext_lazy as _

from scoring.forms import change_reason_field
from scoring.models import ScoringPolicy

ROUNDING_FIELDS = ["points_places", "points_rounding"]
ROUNDING_ERRORS = {
    "points_places": {
        "invalid": _("Enter 0, 1 or 2."),
        "max_value": _("Points keep at most two decimals."),
        "min_value": _("Enter 0, 1 or 2."),
    }
}


class RoundingForm(forms.ModelForm):
    """How the table rounds the points it computes, as the office types it and as the table's workbook gives it."""

    class Meta:
        model = ScoringPolicy
        fields = ROUNDING_FIELDS
        error_messages = ROUNDING_ERRORS


class PolicyForm(forms.ModelForm):
    reason = change_reason_field(
        _("Needed to change the rounding once units have scored: the log keeps it and their points are computed again.")
    )

    class Meta:
        model = ScoringPolicy
        fields = ["final_rule", "cross_scoring", "vote_threshold", "objection_days", *ROUNDING_FIELDS]
        widgets = {"vote_threshold": forms.TextInput(attrs={"inputmode": "decimal"})}
        localized_fields = ["vote_threshold"]
        error_messages = ROUNDING_ERRORS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ROUNDING_FIELDS:
            self.fields[name].required = False

    # A form posted without the rounding (an older page, a script) keeps the table's.
    def clean_points_places(self):
        value = self.cleaned_data.get("points_places")
        return self.instance.points_places if value is None else value

    def clean_points_rounding(self):
        return self.cleaned_data.get("points_rounding") or self.instance.points_rounding


class ImportReasonForm(forms.Form):
    """The confirmation of a previewed table, with the reason for replacing it once units have scored."""

    reason = change_reason_field(
        _(
            "Needed once units have scored: the log keeps it, every point on the table is computed again and each "
            "unit whose points or band change is told."
        )
    )
