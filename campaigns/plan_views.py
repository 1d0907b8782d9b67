"""Starting a campaign from its plan: upload or paste, review what was read, confirm."""

import re
from difflib import SequenceMatcher

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import formset_factory
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from campaigns import plan_reader, selectors, services
from campaigns.forms import (
    PlanCampaignForm,
    PlanItemForm,
    PlanMilestoneForm,
    PlanPhaseForm,
    PlanTargetForm,
    PlanUploadForm,
)
from campaigns.models import Title
from core.access import requires
from core.text import fold
from organisation.models import Unit

# Not "items": a template would read formsets.items as this key.
PLAN_FORMSETS = {
    "content": formset_factory(PlanItemForm, extra=0),
    "targets": formset_factory(PlanTargetForm, extra=0),
    "phases": formset_factory(PlanPhaseForm, extra=0),
    "milestones": formset_factory(PlanMilestoneForm, extra=0),
}
# A name read from a plan matches a known one only when nearly the same: a looser
# match put another bloc's plan on "Khối 8".
MATCH_RATIO = 0.85


def _plan_choices(user):
    """Units the user may issue for, blocs the user may issue for, and the units that may lead those blocs."""
    issuers = selectors.campaign_issuers(user=user)
    blocs = selectors.campaign_issuing_blocs(user=user)
    bloc_units = (
        Unit.objects.filter(is_active=True)
        .filter(Q(id__in=issuers.values("id")) | Q(bloc_memberships__bloc__in=blocs))
        .distinct()
    )
    return issuers, blocs, bloc_units


def _best_match(read, candidates, names):
    """The candidate whose name is the one read, tolerating OCR misreads; a unit also with its province added
    or left out (a bloc's name keeps it: "Khối 8" of another province is another bloc)."""
    strip = _bare if names is _unit_names else (lambda folded: folded)
    read = strip(fold(plan_reader.loose(read)))
    best, best_ratio = None, 0
    for candidate in candidates:
        for name in filter(None, names(candidate)):
            ratio = SequenceMatcher(None, read, strip(fold(name))).ratio()
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
    return best if best_ratio >= MATCH_RATIO else None


def _bare(folded):
    """A folded name without the province it ends with ("so y te tinh tra vinh" -> "so y te")."""
    return re.sub(r"\s+(?:tinh|thanh pho|tp\.?)\s+\S.*$", "", folded) or folded


def _unit_names(unit):
    # Plans add the province to a department's name ("Sở Y tế tỉnh Trà Vinh"); only the unit's own province counts.
    with_province = [f"{unit.name} tỉnh {unit.province}", f"{unit.name} {unit.province}"] if unit.province else []
    return unit.name, unit.short_name, *with_province


def _bloc_names(bloc):
    return bloc.full_name, bloc.name


def _plan_initial(draft, units, blocs, bloc_units):
    """The review form's starting values: what was read, and only the units and blocs the plan names."""

    def value(found):
        return found.value if found else None

    signer_lines = (value(draft.signer_title) or "").splitlines()
    # A bloc's plan is issued by its leader, signing "TM. KHỐI 8 / KHỐI TRƯỞNG / GIÁM ĐỐC / SỞ …".
    named_units = [value(draft.issuer), *reversed(signer_lines), value(draft.leader)]
    issuer = next((unit for name in filter(None, named_units) if (unit := _best_match(name, units, _unit_names))), None)
    named_blocs = [value(draft.issuer), *(line[3:] for line in signer_lines if line.startswith("TM."))]
    bloc = next((b for name in filter(None, named_blocs) if (b := _best_match(name, blocs, _bloc_names))), None)
    leader = _best_match(value(draft.leader), bloc_units, _unit_names) if draft.leader else None
    vice_leader = _best_match(value(draft.vice_leader), bloc_units, _unit_names) if draft.vice_leader else None
    campaign = {
        "issuer": issuer.pk if issuer else None,
        "issuing_bloc": bloc.pk if bloc else None,
        "leader": leader.pk if leader else None,
        "vice_leader": vice_leader.pk if vice_leader else None,
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
    target_fields = ("text", "percentage", "comparison")
    lists = {
        "content": [{"keep": True, "label": f.value[0], "text": f.value[1]} for f in draft.content_items],
        "targets": [
            {
                "keep": True,
                **{name: f.value[name] for name in target_fields},
                "title": f.value["title"].pk if f.value["title"] else None,
            }
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
                ("issued_on", "issued_on"),
                ("slogan", "slogan"),
                ("purposes", "purposes"),
                ("signer_title", "signer_title"),
                ("signer_name", "signer_name"),
                ("leader", "leader"),
                ("vice_leader", "vice_leader"),
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
                "leader": draft.leader.value if draft.leader else "",
                "vice_leader": draft.vice_leader.value if draft.vice_leader else "",
            },
        },
        status=status,
    )


def _with_another_row(post, prefix):
    """The review as the user left it, unsaved, with one blank row more in the `prefix` list.

    Rebuilt as initial values from what was posted, so nothing typed is lost
    and the blank row shows no error until the user confirms.
    """
    campaign = {name: post.get(name) for name in PlanCampaignForm.base_fields}
    lists = {}
    for name, factory in PLAN_FORMSETS.items():
        fields = factory.form.base_fields
        try:
            total = min(int(post.get(f"{name}-TOTAL_FORMS", 0)), 1000)
        except ValueError:
            total = 0
        rows = [
            {
                field: (
                    bool(post.get(f"{name}-{index}-{field}"))
                    if field == "keep"
                    else post.get(f"{name}-{index}-{field}")
                )
                for field in fields
            }
            for index in range(total)
        ]
        if name == prefix:
            rows.append({"keep": True})
        lists[name] = rows
    return campaign, lists


def _draft_of(source, titles):
    try:
        return plan_reader.parse_plan(source, titles=titles)
    except plan_reader.PlanError:
        return plan_reader.PlanDraft()


@requires("campaigns.create")
def campaign_import(request):
    units, blocs, bloc_units = _plan_choices(request.user)
    titles = list(Title.objects.filter(is_active=True))
    choices = {"units": units, "blocs": blocs, "bloc_units": bloc_units}
    if request.method == "POST" and request.POST.get("add") in PLAN_FORMSETS:
        initial, lists = _with_another_row(request.POST, request.POST["add"])
        form = PlanCampaignForm(initial=initial, **choices)
        formsets = {name: factory(initial=lists[name], prefix=name) for name, factory in PLAN_FORMSETS.items()}
        return _plan_review(request, draft=_draft_of(initial["source"] or "", titles), form=form, formsets=formsets)
    if request.method == "POST" and request.POST.get("step") == "confirm":
        form = PlanCampaignForm(request.POST, **choices)
        formsets = {name: factory(request.POST, prefix=name) for name, factory in PLAN_FORMSETS.items()}
        draft = _draft_of(request.POST.get("source", ""), titles)
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
                    leader=form.cleaned_data["leader"],
                    vice_leader=form.cleaned_data["vice_leader"],
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
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
                data = upload.cleaned_data["file"].read(plan_reader.MAX_BYTES + 1)
                text = plan_reader.read_text(data=data, name=upload.cleaned_data["file"].name)
            else:
                text = upload.cleaned_data["text"]
            draft = plan_reader.parse_plan(text, titles=titles)
        except plan_reader.PlanError as error:
            upload.add_error(None, str(error))
        else:
            initial, lists = _plan_initial(draft, list(units), list(blocs), list(bloc_units))
            form = PlanCampaignForm(initial={**initial, "source": text}, **choices)
            formsets = {name: factory(initial=lists[name], prefix=name) for name, factory in PLAN_FORMSETS.items()}
            return _plan_review(request, draft=draft, form=form, formsets=formsets)
    status = 400 if request.method == "POST" else 200
    return render(request, "campaigns/plan_upload.html", {"form": upload}, status=status)
