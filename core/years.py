"""The years the product works with, checked one way wherever a year is typed, imported or asked for."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MIN_YEAR = 2000
MAX_YEAR = 2100


def validate_year(value):
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise ValidationError(
            _("The year must be between %(first)s and %(last)s."),
            code="year",
            params={"first": MIN_YEAR, "last": MAX_YEAR},
        )


class YearField(forms.IntegerField):
    """A year typed in a form: a whole number in the product's range, said in the domain's words."""

    default_validators = [validate_year]

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "min": MIN_YEAR, "max": MAX_YEAR}


def year_param(text, default=None):
    """A year given in a page's address (?year=…), or `default` when it is none in the product's range."""
    text = (text or "").strip()
    if text.isdigit() and len(text) == 4 and MIN_YEAR <= int(text) <= MAX_YEAR:
        return int(text)
    return default
