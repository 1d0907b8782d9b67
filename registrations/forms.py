from django import forms
from django.utils.translation import gettext_lazy as _

COMMITMENT_MAX = 2000


class RegistrationForm(forms.Form):
    """The whole registration on one page: items with their targets, collective and individual titles.

    Fields are built from what the campaign and the unit offer, so a posted
    id outside them (another unit's staff, another campaign's item) is
    simply not a field and is ignored.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, context, state, **kwargs):
        super().__init__(*args, **kwargs)
        self.context = context
        for item in context.items:
            chosen = item.pk in state["items"]
            self.fields[f"item_{item.pk}_chosen"] = forms.BooleanField(
                required=False, initial=chosen or item.is_mandatory, disabled=item.is_mandatory
            )
            self.fields[f"item_{item.pk}_text"] = forms.CharField(
                required=False,
                max_length=COMMITMENT_MAX,
                initial=state["items"].get(item.pk, ""),
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )
        for unit in context.units:
            for title in context.collective_titles:
                self.fields[f"collective_{unit.pk}_{title.pk}"] = forms.BooleanField(
                    required=False,
                    initial=(unit.pk, title.pk) in state["collective"],
                    # A box in a grid: its row and column name it for a screen reader.
                    widget=forms.CheckboxInput(attrs={"aria-label": f"{unit.name}: {title.name}"}),
                )
        for person in context.staff:
            for title in context.individual_titles:
                self.fields[f"individual_{person.pk}_{title.pk}"] = forms.BooleanField(
                    required=False,
                    initial=(person.pk, title.pk) in state["individual"],
                    widget=forms.CheckboxInput(attrs={"aria-label": f"{person.full_name}: {title.name}"}),
                )

    def item_rows(self):
        for item in self.context.items:
            yield item, self[f"item_{item.pk}_chosen"], self[f"item_{item.pk}_text"]

    def collective_rows(self):
        for unit in self.context.units:
            yield unit, [self[f"collective_{unit.pk}_{title.pk}"] for title in self.context.collective_titles]

    def individual_rows(self):
        for person in self.context.staff:
            yield person, [self[f"individual_{person.pk}_{title.pk}"] for title in self.context.individual_titles]

    def state(self):
        data = self.cleaned_data
        return {
            "items": {
                item.pk: data[f"item_{item.pk}_text"].strip()
                for item in self.context.items
                if item.is_mandatory or data[f"item_{item.pk}_chosen"]
            },
            "collective": {
                (unit.pk, title.pk)
                for unit in self.context.units
                for title in self.context.collective_titles
                if data[f"collective_{unit.pk}_{title.pk}"]
            },
            "individual": {
                (person.pk, title.pk)
                for person in self.context.staff
                for title in self.context.individual_titles
                if data[f"individual_{person.pk}_{title.pk}"]
            },
        }


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What must the unit correct?"),
        max_length=COMMITMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why reopen this accepted registration?"),
        max_length=COMMITMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
