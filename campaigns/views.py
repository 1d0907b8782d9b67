from difflib import SequenceMatcher

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import formset_factory
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from campaigns import plan_import, reminders, selectors, services
from campaigns.access import campaign_view, compiler_session_key
from campaigns.forms import (
    CampaignCopyForm,
    CampaignCreateForm,
    CampaignForm,
    CampaignStatusForm,
    ContentItemForm,
    MilestoneForm,
    PhaseForm,
    PlanCampaignForm,
    PlanItemForm,
    PlanMilestoneForm,
    PlanPhaseForm,
    PlanTargetForm,
    PlanUploadForm,
    TargetForm,
)
from campaigns.models import DEFAULT_REMINDER_DAYS, ContentItem, Milestone, Phase, Target, Title
from organisation import access as org_access
from thidua.text import fold
from thidua.views import apply_errors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def dashboard(request):
    data = selectors.dashboard_data(user=request.user, today=timezone.localdate())
    return render(request, "campaigns/dashboard.html", data)


@login_required
def campaign_list(request):
    query = request.GET.get("q", "").strip()[:100]
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else None
    campaigns = selectors.campaign_list(user=request.user, query=query, year=year)
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "campaigns": campaigns,
            "query": query,
            "year": year,
            "can_create": selectors.campaign_issuers(user=request.user).exists(),
        },
    )


@campaign_view()
def campaign_detail(request, campaign):
    access = request.access
    upcoming, past = selectors.upcoming_milestones(campaigns=[campaign], today=timezone.localdate(), limit=50)
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "access": access,
            "can_manage": access.may_set_up,
            "phases": campaign.phases.all(),
            "milestone_rows": sorted(upcoming + past, key=lambda row: row["deadline"]),
            "content_items": campaign.content_items.all(),
            "targets": campaign.targets.select_related("title"),
            "blocs": campaign.blocs.all(),
            "participants": selectors.campaign_participants(campaign=campaign),
            "history": selectors.campaign_history(campaign=campaign) if access.may_manage else [],
            "status_changes": selectors.status_changes(campaign=campaign) if access.may_manage else [],
            "status_form": CampaignStatusForm(),
            "copy_form": CampaignCopyForm(initial={"year": campaign.year + 1}),
        },
    )


def _campaign_form_page(request, form, *, campaign=None, current=None, status=200):
    return render(
        request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign, "current": current}, status=status
    )


@login_required
def campaign_new(request):
    issuers = selectors.campaign_issuers(user=request.user)
    if not issuers.exists():
        raise PermissionDenied
    form = CampaignCreateForm(
        request.POST or None,
        issuers=issuers,
        issuing_blocs=selectors.campaign_issuing_blocs(user=request.user),
        blocs=org_access.blocs_visible_to(request.user),
        councils=org_access.councils_visible_to(request.user),
        initial={"year": timezone.localdate().year, "reminder_days": DEFAULT_REMINDER_DAYS},
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(
                user=request.user, campaign=form.save(commit=False), blocs=list(form.cleaned_data["blocs"])
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("The draft campaign was created. Add its content and milestones, then open it.")
            )
            return redirect("campaigns:detail", campaign.pk)
    return _campaign_form_page(request, form, status=400 if request.method == "POST" else 200)


@campaign_view("manage")
def campaign_edit(request, campaign):
    form = CampaignForm(
        request.POST or None,
        instance=campaign,
        blocs=org_access.blocs_visible_to(request.user),
        councils=org_access.councils_visible_to(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(
                user=request.user,
                campaign=form.instance,
                expected_version=form.cleaned_data["version"],
                blocs=list(form.cleaned_data["blocs"]),
            )
        except services.StaleEdit as stale:
            form.add_error(
                None,
                _(
                    "Someone else saved this campaign while you were editing. Their version is shown "
                    "beside each field you changed; your text is kept. Save again to overwrite it."
                ),
            )
            form.data = form.data.copy()
            form.data["version"] = stale.current.version
            return _campaign_form_page(request, form, campaign=campaign, current=stale.current)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The campaign was saved."))
            return redirect("campaigns:detail", campaign.pk)
    return _campaign_form_page(request, form, campaign=campaign)


@require_POST
@campaign_view("manage")
def campaign_status(request, campaign):
    form = CampaignStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why: the reason is kept in the campaign's history."))
        return redirect("campaigns:detail", campaign.pk)
    try:
        services.campaign_set_status(
            user=request.user, campaign=campaign, status=form.cleaned_data["status"], reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The campaign is now %(status)s.") % {"status": campaign.get_status_display().lower()}
        )
    return redirect("campaigns:detail", campaign.pk)


@require_POST
@campaign_view("manage")
def campaign_copy(request, campaign):
    form = CampaignCopyForm(request.POST)
    if form.is_valid():
        try:
            copy = services.campaign_copy(user=request.user, source=campaign, year=form.cleaned_data["year"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The campaign was copied into %(year)s as a draft, its deadlines moved by the same number of years.")
                % {"year": copy.year},
            )
            return redirect("campaigns:detail", copy.pk)
    else:
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return redirect("campaigns:detail", campaign.pk)


@require_POST
@campaign_view("compile")
def act_as(request, campaign):
    """Choose which of their units a compiler for several acts as in this campaign, for this session."""
    unit_id = request.POST.get("unit", "")
    if not unit_id.isdigit() or int(unit_id) not in request.access.compiler_choices:
        raise Http404
    request.session[compiler_session_key(campaign.pk)] = int(unit_id)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("campaigns:detail", args=[campaign.pk])
    return redirect(target)


# The parts of a campaign its managers edit on its page: model, form, and the titles of the form page.
PARTS = {
    "phases": (Phase, PhaseForm, gettext_lazy("New phase"), gettext_lazy("Edit phase")),
    "milestones": (Milestone, MilestoneForm, gettext_lazy("New milestone"), gettext_lazy("Edit milestone")),
    "items": (ContentItem, ContentItemForm, gettext_lazy("New content item"), gettext_lazy("Edit content item")),
    "targets": (Target, TargetForm, gettext_lazy("New target"), gettext_lazy("Edit target")),
}


def _new_part(model, campaign):
    """A new part, numbered after the campaign's last one."""
    part = model(campaign=campaign)
    for numbering in ("number", "position"):
        if hasattr(part, numbering):
            last = model.objects.filter(campaign=campaign).order_by(f"-{numbering}").values_list(numbering, flat=True)
            setattr(part, numbering, (last.first() or 0) + 1)
    return part


@campaign_view("manage")
def part_edit(request, campaign, kind, part_id=None):
    model, form_class, title_new, title_edit = PARTS[kind]
    part = get_object_or_404(model, pk=part_id, campaign=campaign) if part_id else _new_part(model, campaign)
    form = form_class(request.POST or None, instance=part)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_part_save(user=request.user, part=form.instance)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("campaigns:detail", campaign.pk)
    return render(
        request,
        "campaigns/child_form.html",
        {"form": form, "campaign": campaign, "title": title_edit if part_id else title_new},
    )


@require_POST
@campaign_view("manage")
def part_delete(request, campaign, kind, part_id):
    part = get_object_or_404(PARTS[kind][0], pk=part_id, campaign=campaign)
    try:
        services.campaign_part_delete(user=request.user, part=part)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Deleted."))
    return redirect("campaigns:detail", campaign.pk)


@login_required
def notifications(request):
    items = list(reminders.reminders_for_user(user=request.user)[:100])
    response = render(request, "campaigns/notifications.html", {"items": items})
    # Opening the list reads what it shows.
    reminders.reminders_mark_read(user=request.user, ids=[item.pk for item in items])
    return response


# Not "items": a template would read formsets.items as this key.
PLAN_FORMSETS = {
    "content": formset_factory(PlanItemForm, extra=0),
    "targets": formset_factory(PlanTargetForm, extra=0),
    "phases": formset_factory(PlanPhaseForm, extra=0),
    "milestones": formset_factory(PlanMilestoneForm, extra=0),
}


def _plan_choices(user):
    return selectors.campaign_issuers(user=user), selectors.campaign_issuing_blocs(user=user)


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
