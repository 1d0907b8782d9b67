from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organisation import selectors, services, staff_excel
from organisation.forms import BlocMembershipForm, StaffUploadForm
from organisation.models import BlocMembership, Person, StaffImport, Unit
from organisation.panels import unit_panels
from thidua.views import apply_errors, object_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


bloc_view = object_view("bloc", selectors.bloc_get_for_user, selectors.bloc_can_manage)
unit_view = object_view("unit", selectors.unit_get_for_user, selectors.unit_can_manage)


@unit_view()
def unit_detail(request, unit):
    return render(
        request,
        "organisation/unit_detail.html",
        {
            "unit": unit,
            "children": unit.children.all(),
            "staff": Person.objects.filter(unit__in=selectors.unit_tree(unit=unit), is_active=True).select_related(
                "unit"
            ),
            "memberships": unit.bloc_memberships.select_related("bloc").order_by("-year"),
            "can_manage": request.can_manage_unit,
            "panels": unit_panels(request=request, unit=unit),
        },
    )


@login_required
def bloc_list(request):
    blocs = selectors.blocs_visible_to(request.user).select_related("council")
    return render(request, "organisation/bloc_list.html", {"blocs": blocs})


def _bloc_page(request, bloc, *, year, form, status=200):
    return render(
        request,
        "organisation/bloc_detail.html",
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
    return f"{reverse('organisation:bloc_detail', args=[bloc.pk])}?year={year}"


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
            apply_errors(form, error)
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
    return render(request, "organisation/staff_import.html", context, status=status)


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
    return redirect("organisation:unit_detail", unit.pk)
