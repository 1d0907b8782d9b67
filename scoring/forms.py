from django import forms
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

from scoring.models import Criterion, ScoringPolicy

COMMENT_MAX = 2000


def points_field(criterion, **kwargs):
    maximum = floatformat(criterion.max_points, "-2")
    return forms.DecimalField(
        error_messages={
            "max_value": _("At most %(max)s points.") % {"max": maximum},
            "min_value": _("Points cannot be negative."),
            "max_decimal_places": _("At most two decimals."),
            "max_digits": _("At most %(max)s points.") % {"max": maximum},
            "invalid": _("Enter a number, e.g. 8,5."),
        },
        required=False,
        min_value=0,
        max_value=criterion.max_points,
        max_digits=6,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(
            attrs={
                "inputmode": "decimal",
                "class": "form-control form-control-sm score-input",
                "size": 6,
                "autocomplete": "off",
                "data-column": "points",
                "data-kind": criterion.kind,
                "data-max": maximum,
            }
        ),
        **kwargs,
    )


class PolicyForm(forms.ModelForm):
    class Meta:
        model = ScoringPolicy
        fields = ["final_rule", "cross_scoring", "tie_break", "vote_threshold", "objection_days"]
        widgets = {"vote_threshold": forms.TextInput(attrs={"inputmode": "decimal"})}
        localized_fields = ["vote_threshold"]


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["group", "label", "text", "max_points", "kind", "content_item"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "max_points": forms.TextInput(attrs={"inputmode": "decimal"}),
        }
        localized_fields = ["max_points"]
        error_messages = {
            "max_points": {
                "min_value": _("The maximum must be above zero."),
                "max_digits": _("The maximum must be below 10000."),
                "max_whole_digits": _("The maximum must be below 10000."),
                "max_decimal_places": _("At most two decimals."),
                "invalid": _("Enter a number, e.g. 8,5."),
            }
        }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_item"].queryset = campaign.content_items.filter(is_mandatory=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))


class SelfAssessmentForm(forms.Form):
    """Points, a comment and a new evidence file for each criterion the unit is scored on."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, criteria, selfs, comments, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"points_{criterion.pk}"] = points_field(criterion, initial=selfs.get(criterion.pk))
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                required=False,
                max_length=COMMENT_MAX,
                initial=comments.get(criterion.pk, ""),
                widget=forms.Textarea(
                    attrs={"rows": 1, "class": "form-control form-control-sm", "data-column": "comment"}
                ),
            )
            self.fields[f"evidence_{criterion.pk}"] = forms.FileField(
                required=False,
                widget=forms.ClearableFileInput(
                    attrs={"class": "form-control form-control-sm", "data-column": "evidence"}
                ),
            )

    def rows(self):
        for criterion in self.criteria:
            yield (
                criterion,
                self[f"points_{criterion.pk}"],
                self[f"comment_{criterion.pk}"],
                self[f"evidence_{criterion.pk}"],
            )

    def scores(self):
        return {
            criterion.pk: (
                self.cleaned_data[f"points_{criterion.pk}"],
                self.cleaned_data[f"comment_{criterion.pk}"].strip(),
            )
            for criterion in self.criteria
        }

    def evidence(self):
        return {
            criterion.pk: [self.cleaned_data[f"evidence_{criterion.pk}"]]
            for criterion in self.criteria
            if self.cleaned_data.get(f"evidence_{criterion.pk}")
        }


class ScoreForm(forms.Form):
    """The scorer's points and comment for one unit, with the version of the points the page showed.

    A line the scorer has not scored yet starts from `prefill` (the unit's
    sent self-score, for its compiler), so that only disagreements are typed.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, criteria, given, comments, prefill, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.prefilled = {pk for pk in prefill if pk not in given}
        for criterion in criteria:
            pk = criterion.pk
            self.fields[f"points_{pk}"] = points_field(criterion, initial=given.get(pk, prefill.get(pk)))
            self.fields[f"comment_{pk}"] = forms.CharField(
                required=False,
                max_length=COMMENT_MAX,
                initial=comments.get(pk, ""),
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "data-column": "comment"}),
            )

    def points(self):
        return {criterion.pk: self.cleaned_data[f"points_{criterion.pk}"] for criterion in self.criteria}

    def comments(self):
        return {criterion.pk: self.cleaned_data[f"comment_{criterion.pk}"].strip() for criterion in self.criteria}


def shown_points(form):
    """{criterion id: the points the form shows}, typed or saved; None where empty or not valid points.

    The totals under the table are computed from these on the server, the
    same way the page's script computes them as the user types.
    """
    shown = {}
    for criterion in form.criteria:
        field = form[f"points_{criterion.pk}"]
        try:
            shown[criterion.pk] = field.field.clean(field.value())
        except forms.ValidationError:
            shown[criterion.pk] = None
    return shown


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why reopen the ranking?"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class ObjectionForm(forms.Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Your objection"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Write the objection."),
            "max_length": _("The objection is too long: at most %(limit_value)d characters, it has %(show_value)d."),
        },
    )


class ObjectionAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Write the answer to the objection."),
            "max_length": _("The answer is too long: at most %(limit_value)d characters, it has %(show_value)d."),
        },
    )


class VoteForm(forms.Form):
    held_on = forms.DateField(
        label=_("Date of the meeting"), widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
    )
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    notes = forms.CharField(
        label=_("Minutes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, units, titles, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        self.titles = titles
        for unit in units:
            self.fields[f"present_{unit.pk}"] = forms.BooleanField(required=False)
            for title in titles:
                for candidate in units:
                    self.fields[f"ballot_{title.pk}_{unit.pk}_{candidate.pk}"] = forms.BooleanField(required=False)

    def grids(self):
        """Per title: rows of voters, each with a checkbox per candidate."""
        for title in self.titles:
            yield (
                title,
                [
                    (
                        voter,
                        # No box where a unit would vote for itself: the service refuses such a ballot.
                        [
                            None if candidate == voter else self[f"ballot_{title.pk}_{voter.pk}_{candidate.pk}"]
                            for candidate in self.units
                        ],
                    )
                    for voter in self.units
                ],
            )

    def present_fields(self):
        return [(unit, self[f"present_{unit.pk}"]) for unit in self.units]

    def present(self):
        return [unit for unit in self.units if self.cleaned_data[f"present_{unit.pk}"]]

    def ballots(self):
        return {
            (voter.pk, candidate.pk, title.pk)
            for title in self.titles
            for voter in self.units
            for candidate in self.units
            if self.cleaned_data[f"ballot_{title.pk}_{voter.pk}_{candidate.pk}"]
        }
