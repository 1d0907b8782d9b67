import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from activity.templatetags.activity import action_label
from campaigns.models import PLAN_FIELDS, Campaign, ContentItem, Milestone, Phase, Target, Title
from core.text import display_name
from core.years import YearField
from organisation.models import Bloc, Council, Unit

DATE_INPUT = {"format": "%d/%m/%Y", "attrs": {"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}}


def _date_field_widgets(*names):
    return {name: forms.DateInput(**DATE_INPUT) for name in names}


class CampaignForm(forms.ModelForm):
    """The campaign's own fields; its issuer is set when it is created, its status through open and close."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Campaign
        fields = [
            *PLAN_FIELDS,
            "blocs",
            "covers_sub_units",
            "council",
            "signer_title",
            "signer_name",
            "refuse_late_registrations",
            "reminder_days",
        ]
        labels = {"name": _("Title")}
        widgets = {
            **_date_field_widgets("issued_on"),
            "slogan": forms.Textarea(attrs={"rows": 2}),
            "legal_basis": forms.Textarea(attrs={"rows": 4}),
            "purposes": forms.Textarea(attrs={"rows": 4}),
            # "TM. KHỐI 8 / KHỐI TRƯỞNG / GIÁM ĐỐC" is written on several lines and printed as written.
            "signer_title": forms.Textarea(attrs={"rows": 3}),
            "blocs": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, blocs=None, councils=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["blocs"].queryset = blocs if blocs is not None else Bloc.objects.none()
        self.fields["council"].queryset = councils if councils is not None else Council.objects.none()
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


MAX_PASTED_ITEMS = 200
NUMBERED_LINE = re.compile(r"^\s*(?:(?P<label>\d{1,3}(?:\.\d{1,3})*|[a-zđ])[.)]|[-•+*–])\s*(?P<text>.*)$", re.I)


def pasted_items(text):
    """Content items pasted as a list, one a line: "1. text", "a) text", "- text" or the text alone; [(label, text)]."""
    items = []
    for line in text.splitlines():
        if not line.strip():
            continue
        match = NUMBERED_LINE.match(line)
        label, item = (match["label"] or "", match["text"].strip()) if match else ("", line.strip())
        if item:
            items.append((label[:16], item))
    if len(items) > MAX_PASTED_ITEMS:
        raise forms.ValidationError(_("At most %(count)s items at once.") % {"count": MAX_PASTED_ITEMS})
    return items


def date_warning(*, label, value, year, today):
    """Why a date typed for a campaign of `year` needs confirming (already past, or outside the year and the
    half-year of its review that follows), or None."""
    names = {"field": label, "date": value.strftime("%d/%m/%Y"), "year": year}
    if value < today:
        return _("%(field)s %(date)s is already past.") % names
    if not (date(year, 1, 1) <= value <= date(year + 1, 6, 30)):
        return _("%(field)s %(date)s is outside the campaign's year %(year)s.") % names
    return None


# The milestones most plans set, offered on the new campaign's form with who acts on each: a date typed makes one.
STANDARD_MILESTONES = [
    (Milestone.Kind.REGISTRATION, Milestone.Actor.MEMBERS),
    (Milestone.Kind.MIDYEAR_REPORT, Milestone.Actor.MEMBERS),
    (Milestone.Kind.MIDYEAR_MEETING, Milestone.Actor.VICE_LEADER),
    (Milestone.Kind.YEAREND_REPORT, Milestone.Actor.MEMBERS),
    (Milestone.Kind.VOTE_MEETING, Milestone.Actor.LEADER),
]
BLOC_ACTORS = {Milestone.Actor.LEADER, Milestone.Actor.VICE_LEADER}


class CampaignCreateForm(CampaignForm):
    """A new campaign typed in, for an issuer (and bloc) the user may open campaigns for, with its content items
    pasted and its usual milestones dated in the same form; a bloc's campaign counts its own bloc in by default."""

    class Meta(CampaignForm.Meta):
        fields = ["issuer", "issuing_bloc", *CampaignForm.Meta.fields]
        help_texts = {"blocs": _("Left empty, the issuing bloc's member units take part.")}

    items = forms.CharField(
        label=_("Content items, one a line"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "1. …\n2. …"}),
        help_text=_("Paste the plan's list; more can be added on the campaign's page."),
    )

    def __init__(self, *args, issuers, issuing_blocs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        self.fields["issuing_bloc"].queryset = issuing_blocs
        del self.fields["version"]
        for kind, actor in STANDARD_MILESTONES:
            self.fields[f"due_{kind}"] = forms.DateField(
                label=_("%(milestone)s: due date") % {"milestone": kind.label},
                required=False,
                widget=forms.DateInput(**DATE_INPUT),
                help_text=_("Who acts: %(actor)s. Left empty, no such milestone.") % {"actor": actor.label},
            )

    def clean_items(self):
        return pasted_items(self.cleaned_data["items"])

    def milestones(self):
        """The milestones dated on the form; a campaign without an issuing bloc has no leader: its issuer acts."""
        bloc = self.cleaned_data.get("issuing_bloc")
        return [
            {
                "kind": kind,
                "name": str(kind.label),
                "actor": actor if bloc or actor not in BLOC_ACTORS else Milestone.Actor.ISSUER,
                "due_on": self.cleaned_data[f"due_{kind}"],
            }
            for kind, actor in STANDARD_MILESTONES
            if self.cleaned_data.get(f"due_{kind}")
        ]

    def date_warnings(self, *, today):
        year = self.cleaned_data["year"]
        warnings = [
            date_warning(label=self.fields[f"due_{row['kind']}"].label, value=row["due_on"], year=year, today=today)
            for row in self.milestones()
        ]
        return [warning for warning in warnings if warning]


class CampaignStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Campaign.Status.choices, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class CampaignCopyForm(forms.Form):
    year = YearField(label=_("Year of the new campaign"))


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["number", "name", "starts_on", "ends_on", "description"]
        widgets = {**_date_field_widgets("starts_on", "ends_on"), "description": forms.Textarea(attrs={"rows": 3})}


class MilestoneForm(forms.ModelForm):
    DATES = ("due_on", "window_starts_on", "window_ends_on")

    reason = forms.CharField(
        label=_("Why the date moves"),
        required=False,
        max_length=500,
        help_text=_("The campaign is under way: the units it concerns are told of the new date, with this reason."),
    )

    class Meta:
        model = Milestone
        fields = ["kind", "name", "actor", "due_on", "window_starts_on", "window_ends_on", "note"]
        widgets = {
            **_date_field_widgets("due_on", "window_starts_on", "window_ends_on"),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Asked only where a milestone of an open campaign may move (the service refuses a move without it).
        if not (self.instance.pk and self.instance.campaign.status == Campaign.Status.ACTIVE):
            del self.fields["reason"]

    def date_warnings(self, *, campaign, today):
        """The dates typed that are already past, or outside the campaign's year and the half-year of its review
        that follows: each is saved only once the user confirms it."""
        warnings = [
            date_warning(label=self.fields[name].label, value=self.cleaned_data[name], year=campaign.year, today=today)
            for name in self.DATES
            if self.cleaned_data.get(name) is not None and name in self.changed_data
        ]
        return [warning for warning in warnings if warning]


class ContentItemForm(forms.ModelForm):
    class Meta:
        model = ContentItem
        fields = ["position", "label", "text", "is_mandatory"]
        labels = {"position": _("Order in the list")}  # the model's "position" reads as a job title in Vietnamese
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class ContentItemsPasteForm(forms.Form):
    """Content items pasted as a list (pasted_items)."""

    text = forms.CharField(
        label=_("Content items, one a line"),
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 10, "placeholder": "1. …\n2. …"}),
    )
    optional = forms.BooleanField(label=_("These items are optional"), required=False)

    def clean_text(self):
        items = pasted_items(self.cleaned_data["text"])
        if not items:
            raise forms.ValidationError(_("Paste at least one content item."))
        return items


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["position", "text", "title", "comparison", "percentage"]
        labels = {"position": _("Order in the list")}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "percentage": forms.TextInput(attrs={"inputmode": "decimal"}),
        }
        localized_fields = ["percentage"]


class HistoryFilterForm(forms.Form):
    """The campaign history's filters: who, what, between which days."""

    user = forms.ModelChoiceField(label=_("Who"), queryset=None, required=False)
    action = forms.ChoiceField(label=_("What"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(**DATE_INPUT))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(**DATE_INPUT))

    def __init__(self, *args, users, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = display_name
        self.fields["action"].choices = [("", _("Everything"))] + [(code, action_label(code)) for code in actions]


class PlanUploadForm(forms.Form):
    text = forms.CharField(
        label=_("Paste the plan's text"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "max_length": _(
                "The text is longer than %(limit_value)s characters (it has %(show_value)s); a plan is a few pages. "
                "Paste only the plan."
            )
        },
    )
    file = forms.FileField(label=_("…or upload it (.txt, .docx, PDF with text)"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Paste the plan's text or choose a file."))
        return data


class PlanCampaignForm(forms.ModelForm):
    """The campaign's own fields, as read from the plan, for the user to check.

    The bloc's leader and vice-leader are not fields of the campaign: when the
    plan names them and the campaign is issued for a bloc, confirming sets
    that year's leadership of the bloc.
    """

    source = forms.CharField(widget=forms.HiddenInput, max_length=200_000)
    leader = forms.ModelChoiceField(label=_("Leader"), queryset=Unit.objects.none(), required=False)
    vice_leader = forms.ModelChoiceField(label=_("Vice-leader"), queryset=Unit.objects.none(), required=False)

    class Meta:
        model = Campaign
        fields = [
            "issuer",
            "issuing_bloc",
            *PLAN_FIELDS,
            "signer_title",
            "signer_name",
        ]
        labels = {"name": _("Title")}
        widgets = {
            **_date_field_widgets("issued_on"),
            "slogan": forms.Textarea(attrs={"rows": 2}),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "purposes": forms.Textarea(attrs={"rows": 4}),
            "signer_title": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, units, blocs, bloc_units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = units
        self.fields["issuing_bloc"].queryset = blocs
        self.fields["leader"].queryset = bloc_units
        self.fields["vice_leader"].queryset = bloc_units

    def clean(self):
        data = super().clean()
        if data.get("leader") and data.get("leader") == data.get("vice_leader"):
            self.add_error("vice_leader", _("The leader and the vice-leader are two different units."))
        return data


class PlanRowForm(forms.Form):
    """A row read from the plan (or added by the reviewer): kept when ticked and not left blank.

    Every field is optional so that an untouched blank row or an unticked row
    never blocks the confirmation; `required_when_kept` are checked only for
    the rows that are kept.
    """

    keep = forms.BooleanField(label=_("keep"), required=False, initial=True)
    # Fields whose being blank makes the whole row blank (choices with a default do not count).
    content_fields = ()
    required_when_kept = ()

    def clean(self):
        data = super().clean()
        if all(data.get(name) in (None, "") for name in self.content_fields):
            data["keep"] = False
            return data
        if data.get("keep"):
            for name in self.required_when_kept:
                if data.get(name) in (None, ""):
                    self.add_error(name, forms.Field.default_error_messages["required"])
        return data


class PlanItemForm(PlanRowForm):
    label = forms.CharField(label=_("number"), max_length=16, required=False)
    text = forms.CharField(label=_("content"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    content_fields = ("label", "text")
    required_when_kept = ("text",)


class PlanTargetForm(PlanRowForm):
    text = forms.CharField(label=_("target"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    title = forms.ModelChoiceField(label=_("title"), queryset=Title.objects.filter(is_active=True), required=False)
    comparison = forms.ChoiceField(label=_("comparison"), choices=Target.Comparison.choices, initial="at_least")
    percentage = forms.DecimalField(
        label=_("percentage"), required=False, min_value=0, max_value=100, decimal_places=2, localize=True
    )
    content_fields = ("text", "title", "percentage")
    required_when_kept = ("text",)


class PlanPhaseForm(PlanRowForm):
    number = forms.IntegerField(label=_("number"), required=False, min_value=1, max_value=99)
    name = forms.CharField(label=_("name"), max_length=255, required=False)
    starts_on = forms.DateField(label=_("from"), required=False, widget=forms.DateInput(**DATE_INPUT))
    ends_on = forms.DateField(label=_("to"), required=False, widget=forms.DateInput(**DATE_INPUT))
    description = forms.CharField(label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    content_fields = ("number", "name", "starts_on", "ends_on", "description")
    required_when_kept = ("number", "starts_on", "ends_on")


class PlanMilestoneForm(PlanRowForm):
    kind = forms.ChoiceField(label=_("kind"), choices=Milestone.Kind.choices, initial="other")
    name = forms.CharField(label=_("name"), max_length=255, required=False)
    actor = forms.ChoiceField(label=_("who must act"), choices=Milestone.Actor.choices, initial="members")
    due_on = forms.DateField(label=_("due date"), required=False, widget=forms.DateInput(**DATE_INPUT))
    window_starts_on = forms.DateField(label=_("window from"), required=False, widget=forms.DateInput(**DATE_INPUT))
    window_ends_on = forms.DateField(label=_("window to"), required=False, widget=forms.DateInput(**DATE_INPUT))
    content_fields = ("name", "due_on", "window_starts_on", "window_ends_on")
    required_when_kept = ("name",)
