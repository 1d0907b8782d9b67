from django import forms
from django.utils.translation import gettext_lazy as _

from organisation.models import MAX_YEAR, MIN_YEAR


class RegisterFilterForm(forms.Form):
    """The register's search and filters, read from the query string; a bad value is simply ignored."""

    q = forms.CharField(label=_("Name or decision number"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=None)
    title = forms.ModelChoiceField(label=_("Title or commendation"), required=False, queryset=None)
    person = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, data, *, units, titles, years):
        super().__init__(data)
        for name in ("year", "unit", "title"):
            self.fields[name].widget.attrs["class"] = "form-select"
        self.fields["q"].widget.attrs["class"] = "form-control"
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("All units")
        self.fields["title"].queryset = titles
        self.fields["title"].empty_label = _("All titles")
        # Without the years (an export reads no dropdown), any year the product knows is a valid filter.
        years = range(MAX_YEAR, MIN_YEAR - 1, -1) if years is None else years
        self.fields["year"].choices = [("", _("All years"))] + [(year, year) for year in years]

    def filters(self):
        """The valid filters only: a stale link with a unit the user may no longer see shows the whole register."""
        self.is_valid()
        return {
            key: self.cleaned_data.get(key) for key in ("year", "unit", "title", "person") if key not in self.errors
        } | {"query": self.cleaned_data.get("q", "") if "q" not in self.errors else ""}


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
