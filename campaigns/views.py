from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from campaigns import selectors, services
from campaigns.access import campaign_grants, compiler_session_key
from campaigns.dashboard import compiler_tasks, dashboard_campaigns, unit_progress
from campaigns.forms import (
    CampaignCopyForm,
    CampaignCreateForm,
    CampaignForm,
    CampaignStatusForm,
    ContentItemForm,
    ContentItemsPasteForm,
    HistoryFilterForm,
    MilestoneForm,
    PhaseForm,
    TargetForm,
)
from campaigns.models import DEFAULT_REMINDER_DAYS, ContentItem, Milestone, Phase, Target
from campaigns.navigation import campaign_links
from campaigns.signals import campaign_panels, dashboard_panels
from core.access import requires
from core.dispatch import responses
from core.views import act, apply_errors, confirmed, next_url
from core.years import year_param
from organisation import access as org_access

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@requires("site.enter")
def dashboard(request):
    data = selectors.dashboard_data(user=request.user, today=timezone.localdate())
    data["year_work"] = dashboard_campaigns(user=request.user, session=request.session)
    # Each campaign links only to the pages its user may open there, every grant read at once.
    grants = campaign_grants(user=request.user, campaigns=data["campaigns"], session=request.session)
    data["campaign_links"] = {
        campaign.pk: campaign_links(campaign=campaign, grant=grants[campaign.pk]) for campaign in data["campaigns"]
    }
    data["panels"] = responses(dashboard_panels, request=request, today=timezone.localdate())
    return render(request, "campaigns/dashboard.html", data)


@requires("site.enter")
def campaign_list(request):
    query = request.GET.get("q", "").strip()[:100]
    year = year_param(request.GET.get("year"))
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


@requires("campaign.see")
def campaign_detail(request, campaign):
    access = request.access.grant("campaign")
    may = request.access.may
    upcoming, past = selectors.upcoming_milestones(campaigns=[campaign], today=timezone.localdate(), limit=50)
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "access": access,
            "campaign_links": campaign_links(campaign=campaign, grant=access),
            "can_manage": may("campaign.set_up"),
            "phases": campaign.phases.all(),
            "milestone_rows": sorted(upcoming + past, key=lambda row: row["deadline"]),
            "content_items": campaign.content_items.all(),
            "targets": campaign.targets.select_related("title"),
            "blocs": campaign.blocs.all(),
            "visible_bloc_ids": set(
                org_access.blocs_visible_to(request.user).filter(campaigns=campaign).values_list("pk", flat=True)
            ),
            "participants": selectors.campaign_participants(campaign=campaign),
            "panels": responses(campaign_panels, request=request, campaign=campaign, access=access),
            "history": selectors.campaign_history(campaign=campaign) if may("campaign.manage") else [],
            "status_changes": selectors.status_changes(campaign=campaign) if may("campaign.manage") else [],
            "progress": unit_progress(access=access),
            "tasks": compiler_tasks(access=access),
            "status_form": CampaignStatusForm(),
            "copy_form": CampaignCopyForm(initial={"year": campaign.year + 1}),
        },
    )


def _campaign_form_page(request, form, *, campaign=None, current=None, status=200, date_warnings=()):
    return render(
        request,
        "campaigns/campaign_form.html",
        {"form": form, "campaign": campaign, "current": current, "date_warnings": date_warnings},
        status=status,
    )


@requires("campaigns.create")
def campaign_new(request):
    issuers = selectors.campaign_issuers(user=request.user)
    form = CampaignCreateForm(
        request.POST or None,
        issuers=issuers,
        issuing_blocs=selectors.campaign_issuing_blocs(user=request.user),
        blocs=org_access.blocs_visible_to(request.user),
        councils=org_access.councils_visible_to(request.user),
        initial={"year": timezone.localdate().year, "reminder_days": DEFAULT_REMINDER_DAYS},
    )
    date_warnings = []
    if request.method == "POST" and form.is_valid():
        date_warnings = form.date_warnings(today=timezone.localdate())
        if not date_warnings or confirmed(request):
            try:
                campaign = services.campaign_create(
                    user=request.user,
                    campaign=form.save(commit=False),
                    blocs=list(form.cleaned_data["blocs"]),
                    items=form.cleaned_data["items"],
                    milestones=form.milestones(),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The draft campaign was created. Check its content, milestones and scoring table, then open it."),
                )
                return redirect("campaigns:detail", campaign.pk)
    return _campaign_form_page(
        request, form, status=400 if request.method == "POST" else 200, date_warnings=date_warnings
    )


@requires("campaign.manage")
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
@requires("campaign.manage")
def campaign_status(request, campaign):
    form = CampaignStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why: the reason is kept in the campaign's history."))
        return redirect("campaigns:detail", campaign.pk)
    act(
        request,
        services.campaign_set_status,
        lambda: _("The campaign is now %(status)s.") % {"status": campaign.get_status_display().lower()},
        campaign=campaign,
        status=form.cleaned_data["status"],
        reason=form.cleaned_data["reason"],
    )
    return redirect("campaigns:detail", campaign.pk)


@require_POST
@requires("campaign.manage")
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
@requires("campaign.choose")
def act_as(request, campaign):
    """Choose which of their units a compiler for several acts as in this campaign, for this session."""
    unit_id = request.POST.get("unit", "")
    request.access.require("campaign.act_as", int(unit_id) if unit_id.isdigit() else None)
    request.session[compiler_session_key(campaign.pk)] = int(unit_id)
    return redirect(next_url(request, reverse("campaigns:detail", args=[campaign.pk])))


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


@requires("campaign.manage")
def part_edit(request, campaign, kind, part_id=None):
    model, form_class, title_new, title_edit = PARTS[kind]
    part = get_object_or_404(model, pk=part_id, campaign=campaign) if part_id else _new_part(model, campaign)
    form = form_class(request.POST or None, instance=part)
    date_warnings = []
    if request.method == "POST" and form.is_valid():
        if hasattr(form, "date_warnings"):
            date_warnings = form.date_warnings(campaign=campaign, today=timezone.localdate())
        if not date_warnings or confirmed(request):
            try:
                services.campaign_part_save(
                    user=request.user, part=form.instance, reason=form.cleaned_data.get("reason", "")
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("campaigns:detail", campaign.pk)
    return render(
        request,
        "campaigns/child_form.html",
        {
            "form": form,
            "campaign": campaign,
            "title": title_edit if part_id else title_new,
            "date_warnings": date_warnings,
        },
    )


@requires("campaign.manage")
def items_paste(request, campaign):
    """Content items from one pasted list, added after the campaign's own in one submit."""
    form = ContentItemsPasteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.content_items_add(
                user=request.user,
                campaign=campaign,
                items=form.cleaned_data["text"],
                is_mandatory=not form.cleaned_data["optional"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(count)s content items were added.") % {"count": len(added)})
            return redirect("campaigns:detail", campaign.pk)
    return render(
        request,
        "campaigns/child_form.html",
        {"form": form, "campaign": campaign, "title": _("Paste a list of content items")},
        status=400 if form.is_bound else 200,
    )


HISTORY_PAGE = 50


@requires("campaign.manage")
def history(request, campaign):
    """The campaign's whole log with a pager, narrowed by who, what and when, each entry read as a sentence."""
    users, actions = selectors.campaign_history_choices(campaign=campaign)
    form = HistoryFilterForm(request.GET or None, users=users, actions=actions)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.campaign_history_entries(
        campaign=campaign,
        user_id=getattr(filters.get("user"), "pk", None),
        action=filters.get("action", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = Paginator(entries, HISTORY_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "campaigns/history.html",
        {"campaign": campaign, "form": form, "page": page, "query": query.urlencode()},
    )


@require_POST
@requires("campaign.manage")
def part_delete(request, campaign, kind, part_id):
    part = get_object_or_404(PARTS[kind][0], pk=part_id, campaign=campaign)
    try:
        services.campaign_part_delete(user=request.user, part=part)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Deleted."))
    return redirect("campaigns:detail", campaign.pk)
