from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from campaigns import reminders, selectors, services, staff_excel
from campaigns.forms import (
    BlocMembershipForm,
    CampaignForm,
    ContentItemForm,
    MilestoneForm,
    PhaseForm,
    StaffUploadForm,
    TargetForm,
)
from campaigns.models import (
    ActivityLog,
    BlocMembership,
    ContentItem,
    Milestone,
    Person,
    Phase,
    StaffImport,
    Target,
    Unit,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _apply_errors(form, error):
    """Show a service's ValidationError on the form, keeping what was typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _object_view(name, get, can_manage):
    """A decorator factory resolving the `<name>_id` of the URL for the user.

    404 when the user cannot see the object, 403 when the view manages it and
    the user may only read it; the right to manage is left on the request.
    """

    def factory(*, manage=False):
        def decorator(view):
            @wraps(view)
            @login_required
            def wrapper(request, *args, **kwargs):
                obj = get(user=request.user, **{f"{name}_id": kwargs.pop(f"{name}_id")})
                allowed = can_manage(user=request.user, **{name: obj})
                if manage and not allowed:
                    raise PermissionDenied
                setattr(request, f"can_manage_{name}", allowed)
                return view(request, obj, *args, **kwargs)

            return wrapper

        return decorator

    return factory


campaign_view = _object_view("campaign", selectors.campaign_get_for_user, selectors.campaign_can_manage)
bloc_view = _object_view("bloc", selectors.bloc_get_for_user, selectors.bloc_can_manage)
unit_view = _object_view("unit", selectors.unit_get_for_user, selectors.unit_can_manage)


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
    return render(request, "campaigns/campaign_list.html", {"campaigns": campaigns, "query": query, "year": year})


@campaign_view()
def campaign_detail(request, campaign):
    upcoming, past = selectors.upcoming_milestones(campaigns=[campaign], today=timezone.localdate(), limit=50)
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "can_manage": request.can_manage_campaign,
            "phases": campaign.phases.all(),
            "milestone_rows": sorted(upcoming + past, key=lambda row: row["deadline"]),
            "content_items": campaign.content_items.all(),
            "targets": campaign.targets.select_related("title"),
            "blocs": campaign.blocs.all(),
            "participants": selectors.campaign_participants(campaign=campaign),
            "history": ActivityLog.objects.filter(content_type__model="campaign", object_id=campaign.pk).select_related(
                "user"
            )[:20],
        },
    )


@campaign_view(manage=True)
def campaign_edit(request, campaign):
    blocs = selectors.blocs_visible_to(request.user)
    form = CampaignForm(request.POST or None, instance=campaign, blocs=blocs)
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
            return render(
                request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign, "current": stale.current}
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The campaign was saved."))
            return redirect("campaigns:detail", campaign.pk)
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign})


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


@campaign_view(manage=True)
def part_edit(request, campaign, kind, part_id=None):
    model, form_class, title_new, title_edit = PARTS[kind]
    part = get_object_or_404(model, pk=part_id, campaign=campaign) if part_id else _new_part(model, campaign)
    form = form_class(request.POST or None, instance=part)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_part_save(user=request.user, part=form.instance)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("campaigns:detail", campaign.pk)
    return render(
        request,
        "campaigns/child_form.html",
        {"form": form, "campaign": campaign, "title": title_edit if part_id else title_new},
    )


@require_POST
@campaign_view(manage=True)
def part_delete(request, campaign, kind, part_id):
    part = get_object_or_404(PARTS[kind][0], pk=part_id, campaign=campaign)
    try:
        services.campaign_part_delete(user=request.user, part=part)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Deleted."))
    return redirect("campaigns:detail", campaign.pk)


@unit_view()
def unit_detail(request, unit):
    return render(
        request,
        "campaigns/unit_detail.html",
        {
            "unit": unit,
            "children": unit.children.all(),
            "staff": Person.objects.filter(unit__in=selectors.unit_tree(unit=unit), is_active=True).select_related(
                "unit"
            ),
            "memberships": unit.bloc_memberships.select_related("bloc").order_by("-year"),
            "can_manage": request.can_manage_unit,
            "campaigns": selectors.campaign_list(user=request.user)
            .filter(selectors.campaigns_of_unit_q(unit_ids=[unit.pk]))
            .distinct(),
        },
    )


@login_required
def bloc_list(request):
    blocs = selectors.blocs_visible_to(request.user).select_related("council")
    return render(request, "campaigns/bloc_list.html", {"blocs": blocs})


def _bloc_page(request, bloc, *, year, form, status=200):
    return render(
        request,
        "campaigns/bloc_detail.html",
        {
            "bloc": bloc,
            "years": selectors.bloc_years(bloc=bloc),
            "year": year,
            "members": selectors.bloc_year_members(bloc=bloc, year=year),
            "campaigns": bloc.campaigns.filter(year=year),
            "form": form,
            "can_manage": request.can_manage_bloc,
        },
        status=status,
    )


def _bloc_page_url(bloc, year):
    return f"{reverse('campaigns:bloc_detail', args=[bloc.pk])}?year={year}"


def _membership_form(data=None, **kwargs):
    return BlocMembershipForm(data, units=Unit.objects.filter(is_active=True), **kwargs)


@bloc_view()
def bloc_detail(request, bloc):
    year = request.GET.get("year", "")
    if year.isdigit():
        year = int(year)
    else:
        year = next(iter(selectors.bloc_years(bloc=bloc)), timezone.localdate().year)
    form = None
    if request.can_manage_bloc:
        form = _membership_form(initial={"year": year, "role": BlocMembership.Role.MEMBER})
    return _bloc_page(request, bloc, year=year, form=form)


@require_POST
@bloc_view(manage=True)
def bloc_member_set(request, bloc):
    form = _membership_form(request.POST)
    if form.is_valid():
        try:
            services.bloc_membership_set(user=request.user, bloc=bloc, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The bloc's membership was saved."))
            return redirect(_bloc_page_url(bloc, form.cleaned_data["year"]))
    year = form.cleaned_data.get("year") or timezone.localdate().year
    return _bloc_page(request, bloc, year=year, form=form, status=400)


@require_POST
@bloc_view(manage=True)
def bloc_member_remove(request, bloc, membership_id):
    membership = get_object_or_404(BlocMembership.objects.select_related("unit"), pk=membership_id, bloc=bloc)
    services.bloc_membership_remove(user=request.user, membership=membership)
    messages.success(request, _("%(unit)s was removed from the bloc.") % {"unit": membership.unit})
    return redirect(_bloc_page_url(bloc, membership.year))


@unit_view(manage=True)
def staff_template(request, unit):
    content = staff_excel.template_workbook(unit=unit, units=selectors.unit_tree(unit=unit))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="danh-sach-cbccvc.xlsx"'
    return response


@unit_view(manage=True)
def staff_import(request, unit):
    form = StaffUploadForm(request.POST or None, request.FILES or None)
    context = {"unit": unit, "form": form}
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        staff_import, parsed = services.staff_import_prepare(
            user=request.user,
            unit=unit,
            units=selectors.unit_tree(unit=unit),
            file_name=upload.name,
            data=upload.read(staff_excel.MAX_BYTES + 1),
        )
        context.update({"parsed": parsed, "staff_import": staff_import, "file_name": upload.name})
        status = 200 if staff_import else 400
    return render(request, "campaigns/staff_import.html", context, status=status)


@require_POST
@unit_view(manage=True)
def staff_import_confirm(request, unit, import_id):
    staff_import = get_object_or_404(StaffImport, pk=import_id, unit=unit)
    counts = services.staff_import_apply(user=request.user, staff_import=staff_import)
    if counts is None:
        messages.info(request, _("This list was imported already."))
    else:
        messages.success(
            request,
            _("Staff list imported: %(created)s added, %(updated)s updated.") % counts,
        )
    return redirect("campaigns:unit_detail", unit.pk)


@login_required
def notifications(request):
    items = list(reminders.reminders_for_user(user=request.user)[:100])
    response = render(request, "campaigns/notifications.html", {"items": items})
    # Opening the list reads what it shows.
    reminders.reminders_mark_read(user=request.user, ids=[item.pk for item in items])
    return response
