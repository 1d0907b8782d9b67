"""The rule book's forms: a new set, a set's figures, one title's threshold, terms and rules, a campaign's choice,
the base salary. Shares are typed as Vietnamese writes them (66,67) and refused outside 0–100 % in the domain's
words; every change asks for its reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import CountedOver, Rule, RuleSet
from awards.services.rulebook import HEADER_FIELDS
from campaigns.models import Title

DATE = {"widget": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}


def share_field(label, *, required=True, help_text=""):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        localize=True,
        help_text=help_text,
        error_messages={
            "max_value": _("A share lies between 0 and 100%%."),
            "min_value": _("A share lies between 0 and 100%%."),
            "max_digits": _("A share lies between 0 and 100%%."),
            "max_decimal_places": _("At most two decimals."),
            "invalid": _("Enter a number, e.g. 66,67."),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


def reason_field():
    return forms.CharField(
        label=_("Reason for the change"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the set's history with who made the change and when."),
    )


class RuleSetCreateForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("For the tree of"), queryset=None, empty_label=None)
    copy_from = forms.ModelChoiceField(
        label=_("Start from"), queryset=None, required=False, empty_label=_("An empty set (no rule yet)")
    )
    name = forms.CharField(label=_("Name"), max_length=255)
    legal_source = forms.CharField(
        label=_("Legal source"),
        max_length=255,
        help_text=_("Number, date and issuer, e.g. Quyết định 86/2025/QĐ-UBND ngày 05/12/2025 của UBND tỉnh Bắc Ninh."),
    )
    valid_from = forms.DateField(label=_("In force from"), **DATE)
    valid_to = forms.DateField(label=_("In force until"), required=False, **DATE)
    reason = reason_field()

    def __init__(self, *args, owners, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["copy_from"].queryset = sources
        self.fields["copy_from"].label_from_instance = lambda rule_set: f"{rule_set.name} ({rule_set.legal_source})"

    def clean(self):
        data = super().clean()
        if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            self.add_error("valid_to", _("A rule set cannot end before it comes into force."))
        return data


class RuleSetForm(forms.Form):
    """The set's name, source, dates and the council's figures, with the figure for titles it names none for."""

    def __init__(self, *args, rule_set, default=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(
                RuleSet,
                fields=list(HEADER_FIELDS),
                widgets={
                    "valid_from": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
                    "valid_to": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
                    "principles": forms.Textarea(attrs={"rows": 2}),
                    "legal_bases": forms.Textarea(attrs={"rows": 3}),
                },
            )
        )
        self.fields["quorum"] = share_field(_("Quorum (% of members present)"))
        self.fields["attendance"] = share_field(
            _("Members present when awards are decided (%)"), help_text=_("0: the quorum alone.")
        )
        self.fields["default_percent"] = share_field(_("Votes needed for the other titles (%)"))
        self.fields["default_counted_over"] = forms.ChoiceField(label=_("Counted over"), choices=CountedOver.choices)
        self.fields["default_more_than"] = forms.BooleanField(
            label=_("More than the figure (“quá”, “trên”)"), required=False
        )
        self.fields["default_source"] = forms.CharField(label=_("Source of that figure"), max_length=255)
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
        self.fields["reason"] = reason_field()
        if not self.is_bound:
            self.initial = {name: getattr(rule_set, name) for name in HEADER_FIELDS} | {"version": rule_set.version}
            if default is not None:
                self.initial |= {
                    "default_percent": default.percent,
                    "default_counted_over": default.counted_over,
                    "default_more_than": default.more_than,
                    "default_source": default.legal_source,
                }

    def clean(self):
        data = super().clean()
        if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            self.add_error("valid_to", _("A rule set cannot end before it comes into force."))
        if data.get("default_percent") is not None and data["default_percent"] <= 0:
            self.add_error("default_percent", _("Give the share of votes the other titles need."))
        return data

    def values(self):
        return {name: self.cleaned_data[name] for name in HEADER_FIELDS}

    def default_threshold(self):
        return {
            "percent": self.cleaned_data["default_percent"],
            "counted_over": self.cleaned_data["default_counted_over"],
            "more_than": self.cleaned_data["default_more_than"],
            "legal_source": self.cleaned_data["default_source"],
        }


class TitleTermsForm(forms.Form):
    """One title under the set: its own vote threshold (or the set's figure), the level that decides it, its reward."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    own_threshold = forms.BooleanField(label=_("The title has its own vote threshold"), required=False)
    percent = share_field(_("Votes needed (%)"), required=False)
    counted_over = forms.ChoiceField(label=_("Counted over"), choices=CountedOver.choices)
    more_than = forms.BooleanField(label=_("More than the figure (“quá”, “trên”)"), required=False)
    threshold_source = forms.CharField(label=_("Source of the threshold"), max_length=255, required=False)
    level = forms.ChoiceField(label=_("Decided at"), choices=Title.Level.choices)
    authority = forms.CharField(label=_("Issued by"), max_length=255, required=False)
    authority_source = forms.CharField(label=_("Source of the authority"), max_length=255, required=False)
    reward_multiple = forms.DecimalField(
        label=_("Reward (times the base salary)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        localize=True,
        error_messages={
            "max_value": _("Give the reward as a multiple of the base salary, 0 to 100."),
            "min_value": _("Give the reward as a multiple of the base salary, 0 to 100."),
            "max_digits": _("Give the reward as a multiple of the base salary, 0 to 100."),
            "max_decimal_places": _("At most two decimals."),
            "invalid": _("Enter a number, e.g. 1,5."),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    reward_source = forms.CharField(label=_("Source of the reward"), max_length=255, required=False)
    reason = reason_field()

    def __init__(self, *args, rule_set, title, threshold, terms, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = rule_set.version
            self.initial["level"] = title.level
            if threshold is not None:
                self.initial |= {
                    "own_threshold": True,
                    "percent": threshold.percent,
                    "counted_over": threshold.counted_over,
                    "more_than": threshold.more_than,
                    "threshold_source": threshold.legal_source,
                }
            if terms is not None:
                self.initial |= {name: getattr(terms, name) for name in ("level", "authority", "authority_source")}
                self.initial |= {"reward_multiple": terms.reward_multiple, "reward_source": terms.reward_source}

    def clean(self):
        data = super().clean()
        if data.get("own_threshold"):
            if data.get("percent") in (None, 0):
                self.add_error("percent", _("Give the share of votes the title needs."))
            if not data.get("threshold_source", "").strip():
                self.add_error("threshold_source", _("Give the article the figure comes from."))
        return data

    def threshold(self):
        if not self.cleaned_data.get("own_threshold"):
            return None
        return {
            "percent": self.cleaned_data["percent"],
            "counted_over": self.cleaned_data["counted_over"],
            "more_than": self.cleaned_data["more_than"],
            "legal_source": self.cleaned_data["threshold_source"].strip(),
        }

    def terms(self):
        return {
            name: self.cleaned_data[name]
            for name in ("level", "authority", "authority_source", "reward_multiple", "reward_source")
        }


class RuleForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("What is checked"), choices=Rule.Check.choices)
    other_title = forms.ModelChoiceField(
        label=_("Other title"), queryset=Title.objects.filter(is_active=True), required=False
    )
    number = forms.DecimalField(
        label=_("Number or percentage"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=2,
        localize=True,
        error_messages={"invalid": _("Enter a number, e.g. 70."), "min_value": _("Give a number, 0 or more.")},
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    text = forms.CharField(label=_("The rule as the regulation words it"), widget=forms.Textarea(attrs={"rows": 2}))
    legal_source = forms.CharField(label=_("Legal source"), max_length=255)
    reason = reason_field()


class CampaignRulesForm(forms.Form):
    rule_set = forms.ModelChoiceField(
        label=_("Rule set"), queryset=None, required=False, empty_label=_("The set in force on the judging day")
    )
    judged_on = forms.DateField(
        label=_("Judged on"),
        required=False,
        help_text=_("The day the council decides the awards; empty: the vote or proposal milestone, else 31/12."),
        **DATE,
    )
    reason = reason_field()

    def __init__(self, *args, rule_sets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule_set"].queryset = rule_sets
        self.fields["rule_set"].label_from_instance = lambda rule_set: f"{rule_set.name} ({rule_set.legal_source})"


class BaseSalaryForm(forms.Form):
    amount = forms.IntegerField(
        label=_("Base salary (đồng a month)"),
        min_value=1,
        error_messages={"min_value": _("Give the amount in đồng."), "invalid": _("Give the amount in đồng.")},
    )
    valid_from = forms.DateField(label=_("In force from"), **DATE)
    legal_source = forms.CharField(label=_("Set by"), max_length=255, help_text=_("E.g. Nghị định 161/2026/NĐ-CP."))
