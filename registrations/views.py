from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns import selectors as campaign_selectors
from organisation.models import Unit
from registrations import selectors, services
from registrations.excel import registration_sheet_workbook
from registrations.forms import RegistrationForm, ReturnForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def campaign_registrations_view(view):
    """Resolve the campaign for this user and what they may do with its registrations."""

    @wraps(view)
    @login_required
    def wrapper(request, campaign_id, *args, **kwargs):
        campaign = campaign_selectors.campaign_get_for_user(user=request.user, campaign_id=campaign_id)
        access = campaign_selectors.campaign_roles(user=request.user, campaign=campaign)
        return view(request, campaign, access, *args, **kwargs)

    return wrapper


def registration_view(*, review=False):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, registration_id, *args, **kwargs):
            registration, access = selectors.registration_get_for_user(
                user=request.user, registration_id=registration_id
            )
            if review and registration.unit_id not in access.compiled_unit_ids:
                raise PermissionDenied
            return view(request, registration, access, *args, **kwargs)

        return wrapper

    return decorator


@campaign_registrations_view
def overview(request, campaign, access):
    """The reviewer's page for the whole bloc; a clerk is taken to their unit's registration."""
    if not access.compiled_unit_ids and not access.can_read_all:
        if len(access.own_unit_ids) == 1:
            return redirect("registrations:edit", campaign.pk, next(iter(access.own_unit_ids)))
        if not access.own_unit_ids:
            raise PermissionDenied
    unit_ids = access.compiled_unit_ids or (
        frozenset(campaign_selectors.campaign_compilers(campaign=campaign))
        if access.can_read_all
        else access.own_unit_ids
    )
    query = request.GET.get("q", "").strip()[:100]
    data = selectors.bloc_overview(campaign=campaign, unit_ids=unit_ids, query=query, today=timezone.localdate())
    return render(
        request,
        "registrations/overview.html",
        {
            "campaign": campaign,
            "access": access,
            "query": query,
            "can_review": bool(access.compiled_unit_ids),
            "sheets": selectors.sheets_for(campaign=campaign, compiler_unit_id=access.compiler_unit_id)
            if access.compiler_unit_id
            else [],
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


@campaign_registrations_view
def edit(request, campaign, access, unit_id):
    if unit_id not in access.own_unit_ids:
        if unit_id in access.compiled_unit_ids or access.can_read_all:
            registration = selectors.registration_for_unit(campaign=campaign, unit=unit_id)
            if registration:
                return redirect("registrations:detail", registration.pk)
        raise Http404
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


@registration_view()
def detail(request, registration, access):
    can_review = registration.unit_id in access.compiled_unit_ids
    return render(
        request,
        "registrations/detail.html",
        {
            "registration": selectors.registration_detail(registration=registration),
            "campaign": registration.campaign,
            "can_edit": registration.unit_id in access.own_unit_ids and registration.is_editable,
            "can_review": can_review and registration.status == registration.Status.SUBMITTED,
            "show_history": can_review or access.can_read_all or registration.unit_id in access.own_unit_ids,
            "history": selectors.registration_history(registration=registration),
            "return_form": ReturnForm(),
        },
    )


@require_POST
@registration_view(review=True)
def accept(request, registration, access):
    try:
        services.registration_accept(user=request.user, registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The registration of %(unit)s was accepted.") % {"unit": registration.unit})
    return redirect("registrations:detail", registration.pk)


@require_POST
@registration_view(review=True)
def return_for_correction(request, registration, access):
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.registration_return(
                user=request.user, registration=registration, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The registration was returned to %(unit)s.") % {"unit": registration.unit})
        return redirect("registrations:detail", registration.pk)
    return render(
        request,
        "registrations/detail.html",
        {
            "registration": selectors.registration_detail(registration=registration),
            "campaign": registration.campaign,
            "can_review": True,
            "show_history": True,
            "history": selectors.registration_history(registration=registration),
            "return_form": form,
        },
        status=400,
    )


def _reviewer_only(access):
    if not access.compiled_unit_ids:
        raise PermissionDenied


@campaign_registrations_view
def sheet_download(request, campaign, access):
    _reviewer_only(access)
    registrations = selectors.accepted_registrations(campaign=campaign, unit_ids=access.compiled_unit_ids)
    content = registration_sheet_workbook(
        campaign=campaign,
        compiled_by=Unit.objects.get(pk=access.compiler_unit_id),
        registrations=registrations,
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="dang-ky-thi-dua-{campaign.year}.xlsx"'
    return response


@require_POST
@campaign_registrations_view
def sheet_forward(request, campaign, access):
    _reviewer_only(access)
    registrations = selectors.accepted_registrations(campaign=campaign, unit_ids=access.compiled_unit_ids)
    try:
        services.registration_sheet_forward(
            user=request.user,
            campaign=campaign,
            reviewer_unit=Unit.objects.get(pk=access.compiler_unit_id),
            registrations=registrations,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The sheet with %(count)s accepted registrations was marked as forwarded to the council.")
            % {"count": len(registrations)},
        )
    return redirect("registrations:overview", campaign.pk)
