"""Starting a campaign from its plan: upload or paste, review what was read, confirm."""

from difflib import SequenceMatcher

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import formset_factory
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from campaigns import plan_import, selectors, services
from campaigns.forms import (
    PlanCampaignForm,
    PlanItemForm,
    PlanMilestoneForm,
    PlanPhaseForm,
    PlanTargetForm,
    PlanUploadForm,
)
from campaigns.models import Bloc, Title, Unit
from thidua.text import fold

# Not "items": a template would read formsets.items as this key.
PLAN_FORMSETS = {
    "content": formset_factory(PlanItemForm, extra=0),
    "targets": formset_factory(PlanTargetForm, extra=0),
    "phases": formset_factory(PlanPhaseForm, extra=0),
    "milestones": formset_factory(PlanMilestoneForm, extra=0),
}


def _plan_choices(user):
    viewer = selectors.viewer_for(user)
    if viewer.is_admin:
        return Unit.objects.all(), Bloc.objects.all()
    units = Unit.objects.filter(id__in=viewer.clerk_unit_ids | viewer.leader_unit_ids)
    return units, Bloc.objects.filter(id__in=viewer.led_bloc_ids)


def _best_match(read, candidates, name):
    scored = [(SequenceMatcher(None, read, fold(name(candidate))).ratio(), candidate) for candidate in candidates]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] >= 0.6 else None


def _plan_initial(draft, units, blocs):
    """The review form's starting values: what was read, the issuer matched among the user's units and blocs."""

    def value(found):
        return found.value if found else None

    read = fold(draft.issuer.value) if draft.issuer else ""
    bloc = _best_match(read, blocs, lambda bloc: bloc.full_name or bloc.name) if read else None
    issuer = _best_match(read, units, lambda unit: unit.name) if read else None
    if issuer is None and len(units) == 1:
        issuer = units[0]
    campaign = {
        "issuer": issuer.pk if issuer else None,
        "issuing_bloc": bloc.pk if bloc else None,
        "name": value(draft.title),
        "year": value(draft.year),
        "number": value(draft.number),
        "place": value(draft.place),
        "issued_on": value(draft.issued_on),
        "slogan": value(draft.slogan),
        "legal_basis": "\n".join(found.value for found in draft.legal_basis),
        "purposes": value(draft.purposes),
        "signer_title": value(draft.signer_title),
        "signer_name": value(draft.signer_name),
    }
    lists = {
        "content": [{"keep": True, "label": f.value[0], "text": f.value[1]} for f in draft.content_items],
        "targets": [
            {"keep": True, **{**f.value, "title": f.value["title"].pk if f.value["title"] else None}}
            for f in draft.targets
        ],
        "phases": [{"keep": True, **f.value} for f in draft.phases],
        "milestones": [{"keep": True, **f.value} for f in draft.milestones],
    }
    return campaign, lists


def _plan_sources(draft):
    def line(found):
        return f"{found.line.number}: {found.line.text}" if found and found.line else ""

    return {
        "fields": {
            name: line(getattr(draft, attribute))
            for name, attribute in [
                ("issuer", "issuer"),
                ("name", "title"),
                ("year", "year"),
                ("number", "number"),
                ("place", "place"),
                ("issued_on", "place"),
                ("slogan", "slogan"),
                ("purposes", "purposes"),
                ("signer_title", "signer_title"),
                ("signer_name", "signer_name"),
            ]
        }
        | {"legal_basis": "\n".join(line(found) for found in draft.legal_basis)},
        "content": [line(found) for found in draft.content_items],
        "targets": [line(found) for found in draft.targets],
        "phases": [line(found) for found in draft.phases],
        "milestones": [line(found) for found in draft.milestones],
    }


def _plan_review(request, *, draft, form, formsets, status=200):
    sources = _plan_sources(draft)
    rows = {
        name: list(zip(formset.forms, sources[name] + [""] * len(formset.forms), strict=False))
        for name, formset in formsets.items()
    }
    return render(
        request,
        "campaigns/plan_review.html",
        {
            "form": form,
            "formsets": formsets,
            "rows": rows,
            "field_sources": sources["fields"],
            "notes": draft.notes,
            "read": {
                "issuer": draft.issuer.value if draft.issuer else "",
                "parent": draft.parent_body.value if draft.parent_body else "",
            },
        },
        status=status,
    )


@login_required
def campaign_import(request):
    units, blocs = _plan_choices(request.user)
    if not units.exists():
        raise PermissionDenied
    titles = list(Title.objects.filter(is_active=True))
    if request.method == "POST" and request.POST.get("step") == "confirm":
        form = PlanCampaignForm(request.POST, units=units, blocs=blocs)
        formsets = {name: factory(request.POST, prefix=name) for name, factory in PLAN_FORMSETS.items()}
        try:
            draft = plan_import.parse_plan(request.POST.get("source", ""), titles=titles)
        except plan_import.PlanError:
            draft = plan_import.PlanDraft()
        if form.is_valid() and all(formset.is_valid() for formset in formsets.values()):
            kept = {
                name: [
                    {k: v for k, v in f.cleaned_data.items() if k != "keep"}
                    for f in formset.forms
                    if f.cleaned_data.get("keep")
                ]
                for name, formset in formsets.items()
            }
            for milestone in kept["milestones"]:
                milestone["name"] = milestone["name"][:255]
            try:
                campaign = services.campaign_create_from_plan(
                    user=request.user,
                    campaign=form.save(commit=False),
                    items=kept["content"],
                    targets=kept["targets"],
                    phases=kept["phases"],
                    milestones=kept["milestones"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("The draft campaign was created from the plan. Check it, then set it active.")
                )
                return redirect("campaigns:detail", campaign.pk)
        return _plan_review(request, draft=draft, form=form, formsets=formsets, status=400)

    upload = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload.is_valid():
        try:
            if upload.cleaned_data.get("file"):
                data = upload.cleaned_data["file"].read(plan_import.MAX_BYTES + 1)
                text = plan_import.read_text(data=data, name=upload.cleaned_data["file"].name)
            else:
                text = upload.cleaned_data["text"]
            draft = plan_import.parse_plan(text, titles=titles)
        except plan_import.PlanError as error:
            upload.add_error(None, str(error))
        else:
            initial, lists = _plan_initial(draft, list(units), list(blocs))
            form = PlanCampaignForm(initial={**initial, "source": text}, units=units, blocs=blocs)
            formsets = {name: factory(initial=lists[name], prefix=name) for name, factory in PLAN_FORMSETS.items()}
            return _plan_review(request, draft=draft, form=form, formsets=formsets)
    status = 400 if request.method == "POST" else 200
    return render(request, "campaigns/plan_upload.html", {"form": upload}, status=status)
