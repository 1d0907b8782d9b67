from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import floatformat
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from scoring import methods
from scoring.models import Criterion

COMMENT_MAX = 2000
CHANGE_REASON_HELP = _("Needed once units have scored: the log keeps it.")
BAND_REASON_HELP = _("Needed once units have scored: the log keeps it, and each unit whose band changes is told.")


def change_reason_field(help_text=CHANGE_REASON_HELP):
    """The reason for changing the scoring table, which services.changes requires once units have scored."""
    return forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=help_text,
    )


def points_field(criterion, **kwargs):
    maximum = floatformat(criterion.max_points, "-2")
    return forms.DecimalField(
        # what the summary of a refused sheet names the box by
        label=_("Points for %(line)s") % {"line": Truncator(str(criterion)).chars(60)},
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
                "data-part": criterion.parent_id or "",
            }
        ),
        **kwargs,
    )


METHOD_HELP = _(
    "Typed points: the scorer types them. Figure ÷ base × maximum: 925 of 1,000 beneficiaries with an account on a "
    "line of 40 gives 37 points. Full marks from a target: with a target of 90 %, 85 % gives 85/90 of the maximum. "
    "Half marks at a target, full marks from a second level: 80 % and 95 % on a line of 10 give 5 points from 80 % "
    "and 10 from 95 %. Tiers: “88; 90; 2” gives 2 points from 88 % to under 90 %. All or nothing: the maximum when "
    "met, else 0. Per occurrence: 0.4 point for each correct case, or, on a deduction line of 5, −1 for each late "
    "report, at most −5. Every method is capped at the maximum."
)
GATE_HELP = _(
    "A condition gives 0 points, whatever the rest, until it holds: e.g. “0 points unless the plan and its evidence "
    "were sent”."
)


class CriterionForm(forms.ModelForm):
    """A line of the table: its place in the tree, its maximum, its method with parameters, its condition.

    Tiers are typed one per line ("88; 90; 2"); once units have scored, a
    change needs a reason, which the log keeps.
    """

    tiers_text = forms.CharField(
        label=_("Tiers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "88; 90; 2\n90; 95; 3\n95; 100; 4\n100; ; 5"}),
        help_text=_(
            "One tier per line: from; under; points. The lower bound counts, the upper does not "
            "(“88; 90; 2” is 88 to under 90); leave “under” empty on the last tier."
        ),
    )
    reason = change_reason_field(
        _("Needed once units have scored: the log keeps it and their points are computed again.")
    )

    class Meta:
        model = Criterion
        fields = [
            "parent",
            "group",
            "label",
            "text",
            "max_points",
            "kind",
            "content_item",
            "method",
            "figure_label",
            "base_label",
            "fixed_base",
            "target",
            "second_level",
            "tiers_of",
            "per_occurrence",
            "gate",
            "gate_floor",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            **{
                name: forms.TextInput(attrs={"inputmode": "decimal"})
                for name in ("max_points", "fixed_base", "target", "second_level", "per_occurrence", "gate_floor")
            },
        }
        localized_fields = ["max_points", "fixed_base", "target", "second_level", "per_occurrence", "gate_floor"]
        error_messages = {
            "max_points": {
                "min_value": _("The maximum must be above zero."),
                "max_digits": _("The maximum must be below 10000."),
                "max_whole_digits": _("The maximum must be below 10000."),
                "max_decimal_places": _("At most two decimals."),
                "invalid": _("Enter a number, e.g. 8,5."),
            },
            **{
                name: {"invalid": _("Enter a number, e.g. 8,5."), "max_decimal_places": _("At most two decimals.")}
                for name in ("fixed_base", "target", "second_level", "per_occurrence", "gate_floor")
            },
        }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_item"].queryset = campaign.content_items.filter(is_mandatory=False)
        lines = Criterion.objects.filter(campaign=campaign).order_by("position")
        if self.instance.pk:
            lines = lines.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = lines
        self.fields["method"].required = False
        self.fields["method"].help_text = METHOD_HELP
        self.fields["gate"].help_text = GATE_HELP
        if not self.is_bound:
            self.initial["tiers_text"] = methods.tiers_text(self.instance.tiers)

    def clean_method(self):
        # A form posted without a method (an older page, a script) keeps today's typed points.
        return self.cleaned_data.get("method") or Criterion.Method.TYPED

    def clean_per_occurrence(self):
        value = self.cleaned_data.get("per_occurrence")
        # "−1 per late report, at most −5": typed negative on a deduction, kept positive since the kind subtracts.
        if value is not None and value < 0 and self.cleaned_data.get("kind") == Criterion.Kind.DEDUCTION:
            return -value
        return value

    def clean_tiers_text(self):
        self.instance.tiers = methods.parse_tiers(self.cleaned_data["tiers_text"])
        return self.cleaned_data["tiers_text"]

    def _post_clean(self):
        # The model's tiers come from the text, and the model's own checks name the field they refuse.
        super()._post_clean()
        if "tiers" in self._errors:
            refused = self._errors.pop("tiers")
            # Tiers that could not be read were named already; "give at least one tier" would only repeat it.
            if "tiers_text" not in self._errors:
                self._errors["tiers_text"] = refused

    def add_error(self, field, error):
        if isinstance(error, ValidationError) and hasattr(error, "error_dict") and "tiers" in error.error_dict:
            refused = error.error_dict.pop("tiers")
            if "tiers_text" not in self._errors:
                error.error_dict["tiers_text"] = refused
        super().add_error("tiers_text" if field == "tiers" else field, error)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))


def figure_field(criterion, **kwargs):
    """The box for a line's figure: met / not met for all or nothing, else a number of at most two decimals."""
    if criterion.method == Criterion.Method.ALL_OR_NOTHING:
        return forms.TypedChoiceField(
            choices=[("", "—"), ("1", _("Met")), ("0", _("Not met"))],
            coerce=Decimal,
            empty_value=None,
            required=False,
            widget=forms.Select(attrs={"class": "form-select form-select-sm", "data-column": "figure"}),
            **kwargs,
        )
    return forms.DecimalField(
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        localize=True,
        error_messages={
            "min_value": _("A figure cannot be negative."),
            "max_decimal_places": _("At most two decimals."),
            "max_digits": _("The figure is too large."),
            "invalid": _("Enter a number, e.g. 8,5."),
        },
        widget=forms.TextInput(
            attrs={
                "inputmode": "decimal",
                "class": "form-control form-control-sm",
                "size": 8,
                "autocomplete": "off",
                "data-column": "figure",
            }
        ),
        **kwargs,
    )


class FiguresMixin:
    """The figure and base boxes of the lines scored from figures; their points are computed on the server."""

    def add_figure_fields(self, criteria, figures):
        for criterion in criteria:
            if criterion.is_computed:
                self.fields[f"points_{criterion.pk}"].disabled = True
            if not criterion.needs_figure:
                continue
            figure = figures.get(criterion.pk)
            self.fields[f"figure_{criterion.pk}"] = figure_field(criterion, initial=figure.value if figure else None)
            if criterion.needs_base:
                self.fields[f"base_{criterion.pk}"] = figure_field(criterion, initial=figure.base if figure else None)

    def clean(self):
        cleaned = super().clean()
        # The server checks again on saving; here the message sits by the box that holds the wrong figure.
        for criterion in self.criteria:
            name = f"figure_{criterion.pk}"
            if name in self.fields and name not in self.errors:
                try:
                    methods.check_figure(criterion, cleaned.get(name), cleaned.get(f"base_{criterion.pk}"))
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def figure_boxes(self, criterion):
        return [self[name] for name in (f"figure_{criterion.pk}", f"base_{criterion.pk}") if name in self.fields]

    def figures(self):
        """{criterion id: (figure or None, base or None)} as typed, for the server to check and score."""
        return {
            criterion.pk: (
                self.cleaned_data.get(f"figure_{criterion.pk}"),
                self.cleaned_data.get(f"base_{criterion.pk}"),
            )
            for criterion in self.criteria
            if criterion.needs_figure
        }


class SelfAssessmentForm(FiguresMixin, forms.Form):
    """Points (or figures), a comment and a new evidence file for each criterion the unit is scored on."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, criteria, selfs, comments, figures=None, **kwargs):
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
        self.add_figure_fields(criteria, figures or {})

    def rows(self):
        for criterion in self.criteria:
            yield (
                criterion,
                self[f"points_{criterion.pk}"],
                self[f"comment_{criterion.pk}"],
                self[f"evidence_{criterion.pk}"],
                self.figure_boxes(criterion),
            )

    def scores(self):
        """{criterion id: (typed points or None, comment)}; a computed line's points are never taken from the page."""
        return {
            criterion.pk: (
                None if criterion.is_computed else self.cleaned_data[f"points_{criterion.pk}"],
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
            # Computed from the unit's figures on the server; the compiler corrects the figure, not the points.
            self.fields[f"points_{pk}"].disabled = criterion.is_computed
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


class FigureCorrectionForm(forms.Form):
    """The compiler's figure (and base) on a unit's line, with the reason for a correction."""

    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the figure kept differs from the one the unit reported; the unit sees it."),
    )

    def __init__(self, *args, criterion, figure, **kwargs):
        super().__init__(*args, **kwargs)
        self.criterion = criterion
        value, base = figure.kept
        self.fields["value"] = figure_field(criterion, initial=value, label=criterion.figure_label or _("Figure"))
        self.fields["value"].required = True
        if criterion.needs_base:
            self.fields["base"] = figure_field(criterion, initial=base, label=criterion.base_label or _("Base"))
            self.fields["base"].required = True
        self.order_fields(["value", "base", "reason"])

    def clean(self):
        cleaned = super().clean()
        if "value" in cleaned and cleaned["value"] is not None:
            try:
                methods.check_figure(self.criterion, cleaned["value"], cleaned.get("base"))
            except ValidationError as error:
                self.add_error("value", error)
        return cleaned


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
