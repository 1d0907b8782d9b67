"""The form of the bands read from a plan, kept or corrected by the office before they are saved."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PlanBandForm(forms.Form):
    """A classification band read from a plan, as the office keeps or corrects it before it is saved."""

    keep = forms.BooleanField(
        label=_("Keep"), required=False, initial=True, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )
    name = forms.CharField(
        label=_("Band"), max_length=120, widget=forms.TextInput(attrs={"class": "form-control form-control-sm"})
    )
    min_total = forms.DecimalField(
        label=_("From this total"),
        min_value=0,
        max_digits=6,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control form-control-sm"}),
        error_messages={"invalid": _("Enter a number, e.g. 85 or 92,5.")},
    )


PlanBandFormSet = forms.formset_factory(PlanBandForm, extra=0, max_num=20, absolute_max=20, validate_max=True)
