"""The initiatives register and the council's recognition."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import access, selectors, services
from awards.forms import (
    InitiativeDecisionForm,
    InitiativeForm,
)
from core.access import requires

from .common import messages_from


@requires("site.enter")
def initiatives(request):
    people = selectors.initiative_people(user=request.user)
    form = InitiativeForm(request.POST or None, people=people)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.initiative_register(user=request.user, **form.cleaned_data)
            messages.success(request, _("The initiative was registered; it waits for the initiative council."))
            return redirect("awards:initiatives")
        status = 400
    items = list(selectors.initiatives_list(user=request.user))
    decider_units = access.initiative_decider_unit_ids(user=request.user)
    deciding = {
        item.pk
        for item in items
        if access.initiative_can_decide(user=request.user, initiative=item, decider_unit_ids=decider_units)
    }
    return render(
        request,
        "awards/initiatives.html",
        {
            "items": items,
            "form": form if people.exists() else None,
            "deciding": deciding,
            "decision_form": InitiativeDecisionForm(),
        },
        status=status,
    )


@require_POST
@requires("initiative.decide")
def initiative_decide(request, initiative):
    form = InitiativeDecisionForm(request.POST)
    form.is_valid()
    try:
        services.initiative_decide(
            user=request.user,
            initiative=initiative,
            recognise=request.POST.get("verdict") == "recognise",
            recognised_by=form.cleaned_data.get("recognised_by", ""),
            decision=form.cleaned_data.get("decision", ""),
        )
    except ValidationError as error:
        messages_from(request, error)
    else:
        messages.success(request, _("The decision on the initiative was recorded."))
    return redirect("awards:initiatives")
