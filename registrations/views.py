from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns import selectors as campaign_selectors
from core.access import requires
from core.views import act
from organisation.models import Unit
from registrations import selectors, services
from registrations.excel import registration_sheet_workbook
from registrations.forms import RegistrationForm, ReopenForm, ReturnForm
from registrations.models import Registration

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@requires("campaign.take_part")
def overview(request, campaign):
    """The reviewer's page for the whole bloc; a clerk is taken to their unit's registration."""
    access = request.access.grant("campaign")
    if not access.listed_unit_ids and len(access.own_unit_ids) == 1:
        return redirect("registrations:edit", campaign.pk, next(iter(access.own_unit_ids)))
    unit_ids = access.listed_unit_ids or access.own_unit_ids
    query = request.GET.get("q", "").strip()[:100]
    data = selectors.bloc_overview(campaign=campaign, unit_ids=unit_ids, query=query, today=timezone.localdate())
    return render(
        request,
        "registrations/overview.html",
        {
            "campaign": campaign,
            "access": access,
            "query": query,
            "can_review": bool(access.compiled_unit_ids) and access.is_open,
            "sheets": selectors.sheets_for(campaign=campaign, compiler_unit_id=access.compiler_id)
            if access.compiler_id
            else [],
            # A compiler that competes too reaches its own unit's form from here.
            "own_units": Unit.objects.filter(id__in=access.own_unit_ids).order_by("sort_name"),
            **data,
        },
    )


def _edit_page(request, campaign, unit, form, registration, *, stale_entries=None, status=200):
    return render(
        request,
        "registrations/edit.html",
        {
            "campaign": campaign,
            "unit": unit,
            "form": form,
            "registration": registration,
            "deadline": selectors.registration_deadline(campaign=campaign),
            "stale_entries": stale_entries,
        },
        status=status,
    )


@requires("campaign.take_part")
def edit(request, campaign, unit_id):
    if not request.access.may("campaign.act_for", unit_id):
        request.access.require("campaign.read", unit_id)
        registration = get_object_or_404(Registration, campaign=campaign, unit_id=unit_id)
        return redirect("registrations:detail", registration.pk)
    unit = get_object_or_404(Unit, pk=unit_id)
    registration = selectors.registration_for_unit(campaign=campaign, unit=unit)
    if registration and not registration.is_editable and request.method == "GET":
        return redirect("registrations:detail", registration.pk)
    context = selectors.registration_form_context(campaign=campaign, unit=unit)
    state = selectors.registration_state(registration=registration)
    version = registration.version if registration else 0
    form = RegistrationForm(request.POST or None, context=context, state=state, initial={"version": version})
    if request.method != "POST":
        return _edit_page(request, campaign, unit, form, registration)
    if not form.is_valid():
        return _edit_page(request, campaign, unit, form, registration, status=400)
    submit = request.POST.get("action") == "submit"
    try:
        registration = services.registration_save(
            user=request.user,
            campaign=campaign,
            unit=unit,
            expected_version=form.cleaned_data["version"],
            state=form.state(),
        )
        if submit:
            services.registration_submit(
                user=request.user,
                registration=registration,
                expected_version=registration.version,
                today=timezone.localdate(),
            )
    except services.StaleRegistration as stale:
        current = stale.registration
        if current is not None and not current.is_editable:
            messages.info(request, _("This registration was already sent; here it is as it stands."))
            return redirect("registrations:detail", current.pk)
        form.add_error(
            None,
            _(
                "Someone else saved this registration while you were editing. What they changed is listed "
                "below; your entries are kept on this page. Check them and save again."
            ),
        )
        form.data = form.data.copy()
        form.data["version"] = current.version if current else 0
        entries = (
            selectors.registration_history(registration=current, after_version=form.cleaned_data["version"])
            if current
            else []
        )
        return _edit_page(request, campaign, unit, form, current, stale_entries=entries, status=409)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        # A refused send keeps the draft saved just before it: carry its version on.
        registration = selectors.registration_for_unit(campaign=campaign, unit=unit)
        if registration:
            form.data = form.data.copy()
            form.data["version"] = registration.version
        return _edit_page(request, campaign, unit, form, registration, status=400)
    if submit:
        messages.success(
            request, _("The registration was sent to %(reviewer)s.") % {"reviewer": _reviewer_name(campaign, unit)}
        )
        return redirect("registrations:detail", registration.pk)
    messages.success(request, _("The draft was saved."))
    return redirect("registrations:edit", campaign.pk, unit.pk)


def _reviewer_name(campaign, unit):
    reviewer_id = campaign_selectors.campaign_compilers(campaign=campaign).get(unit.pk)
    return Unit.objects.get(pk=reviewer_id).name if reviewer_id else campaign.issuer.name


def _detail_page(request, registration, *, return_form=None, reopen_form=None, status=200):
    may = request.access.may
    is_open = request.access.grant("campaign").is_open
    compiles = may("campaign.compile_unit", registration.unit_id) and is_open
    return render(
        request,
        "registrations/detail.html",
        {
            "registration": selectors.registration_detail(registration=registration),
            "campaign": registration.campaign,
            "can_edit": may("campaign.act_for", registration.unit_id) and registration.is_editable and is_open,
            "can_review": compiles and registration.status == registration.Status.SUBMITTED,
            "can_reopen": compiles and registration.status == registration.Status.ACCEPTED,
            "show_history": True,
            "history": selectors.registration_history(registration=registration),
            "return_form": return_form or ReturnForm(),
            "reopen_form": reopen_form or ReopenForm(),
        },
        status=status,
    )


@requires("registration.read")
def detail(request, registration):
    return _detail_page(request, registration)


@require_POST
@requires("registration.review")
def accept(request, registration):
    accepted = _("The registration of %(unit)s was accepted.") % {"unit": registration.unit}
    act(request, services.registration_accept, accepted, registration=registration)
    return redirect("registrations:detail", registration.pk)


@require_POST
@requires("campaign.compile")
def accept_several(request, campaign):
    """The ticked registrations of the overview accepted in one step; each unit must be one the user compiles."""
    access = request.access.grant("campaign")
    chosen = Registration.objects.filter(
        campaign=campaign, unit_id__in=access.compiled_unit_ids, pk__in=_ids(request.POST.getlist("registration"))
    ).select_related("unit")
    if not chosen:
        messages.error(request, _("Tick the registrations to accept."))
        return redirect("registrations:overview", campaign.pk)
    accepted, refused = services.registrations_accept(user=request.user, registrations=chosen)
    if accepted:
        messages.success(
            request,
            _("Accepted: %(units)s.") % {"units": ", ".join(registration.unit.name for registration in accepted)},
        )
    for registration, reason in refused:
        messages.error(request, f"{registration.unit.name}: {reason}")
    return redirect("registrations:overview", campaign.pk)


def _ids(values):
    return [int(value) for value in values if value.isdigit()][:1000]


@require_POST
@requires("registration.review")
def return_for_correction(request, registration):
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, registration, return_form=form, status=400)
    returned = _("The registration was returned to %(unit)s.") % {"unit": registration.unit}
    act(
        request, services.registration_return, returned, registration=registration, comment=form.cleaned_data["comment"]
    )
    return redirect("registrations:detail", registration.pk)


@require_POST
@requires("registration.review")
def reopen(request, registration):
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, registration, reopen_form=form, status=400)
    reopened = _("The registration was reopened; %(unit)s can correct it.") % {"unit": registration.unit}
    act(request, services.registration_reopen, reopened, registration=registration, reason=form.cleaned_data["reason"])
    return redirect("registrations:detail", registration.pk)


@requires("campaign.compile")
def sheet_download(request, campaign):
    access = request.access.grant("campaign")
    registrations = selectors.accepted_registrations(campaign=campaign, unit_ids=access.compiled_unit_ids)
    content = registration_sheet_workbook(
        campaign=campaign,
        compiled_by=access.compiler_unit,
        registrations=registrations,
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="dang-ky-thi-dua-{campaign.year}.xlsx"'
    return response


@require_POST
@requires("campaign.compile")
def sheet_forward(request, campaign):
    access = request.access.grant("campaign")
    registrations = selectors.accepted_registrations(campaign=campaign, unit_ids=access.compiled_unit_ids)
    act(
        request,
        services.registration_sheet_forward,
        _("The sheet with %(count)s accepted registrations was marked as forwarded to the council.")
        % {"count": len(registrations)},
        campaign=campaign,
        reviewer_unit=access.compiler_unit,
        registrations=registrations,
    )
    return redirect("registrations:overview", campaign.pk)
