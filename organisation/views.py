"""The emulation office's pages (units, blocs, councils, accounts) and a unit's own page with its staff list."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from activity.models import ActivityLog
from organisation import access, accounts_excel, selectors, services, sheets, staff_excel, tree_excel
from organisation.forms import (
    BlocForm,
    BlocMembershipForm,
    BlocYearCopyForm,
    CouncilForm,
    CouncilMemberForm,
    InviteForm,
    SheetUploadForm,
    UnitForm,
)
from organisation.models import BlocMembership, CouncilMember, RoleAssignment, SheetImport, Unit
from organisation.panels import unit_panels
from thidua.excel import workbook_bytes
from thidua.views import apply_errors, object_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

unit_view = object_view(
    "unit", access.unit_get_for_user, lambda *, user, unit: access.viewer_for(user).keeps_staff_of(unit.pk)
)
unit_record_view = object_view(
    "unit", access.unit_get_for_user, lambda *, user, unit: access.viewer_for(user).keeps_unit(unit.pk)
)
bloc_view = object_view(
    "bloc", access.bloc_get_for_user, lambda *, user, bloc: access.viewer_for(user).keeps_bloc(bloc)
)
council_view = object_view(
    "council", access.council_get_for_user, lambda *, user, council: access.viewer_for(user).keeps_council(council)
)
account_view = object_view("account", access.account_get_for_user, access.account_may_change)


def office_view(view):
    """Pages of the emulation office (and administrators); 403 for everyone else."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not access.viewer_for(request.user).keeps_organisation:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def invite_view(view):
    """Pages of those who invite people: the office for its tree, a clerk for their own unit."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        viewer = access.viewer_for(request.user)
        if not (viewer.keeps_organisation or viewer.is_clerk):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _xlsx(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _history(obj, limit=30):
    return ActivityLog.objects.filter(
        content_type__app_label=obj._meta.app_label, content_type__model=obj._meta.model_name, object_id=obj.pk
    ).select_related("user")[:limit]


# Units


@unit_view()
def unit_detail(request, unit):
    viewer = access.viewer_for(request.user)
    return render(
        request,
        "organisation/unit_detail.html",
        {
            "unit": unit,
            "parent_visible": unit.parent_id is not None
            and access.units_visible_to(request.user).filter(pk=unit.parent_id).exists(),
            "children": unit.children.all(),
            # A council member reads its units' pages, not always their sub-units': those are named, not linked.
            "visible_child_ids": set(
                access.units_visible_to(request.user).filter(parent=unit).values_list("pk", flat=True)
            ),
            "staff": selectors.staff_of_tree(unit=unit),
            "memberships": unit.bloc_memberships.select_related("bloc").order_by("-year"),
            "can_manage": request.can_manage_unit,
            "keeps_unit": viewer.keeps_unit(unit.pk),
            "invites": viewer.invites_for(unit.pk),
            "panels": unit_panels(request=request, unit=unit),
            "history": _history(unit) if viewer.keeps_unit(unit.pk) else [],
        },
    )


@office_view
def units(request):
    query = request.GET.get("q", "").strip()[:100]
    include_inactive = request.GET.get("inactive") == "1"
    kept = access.units_kept_by(request.user)
    return render(
        request,
        "organisation/units.html",
        {
            "rows": selectors.unit_tree_rows(units=kept, query=query, include_inactive=include_inactive),
            "query": query,
            "include_inactive": include_inactive,
            "roots": Unit.objects.filter(id__in=access.viewer_for(request.user).office_root_ids).order_by("sort_name"),
        },
    )


def _unit_form_page(request, form, unit=None, status=200):
    return render(request, "organisation/unit_form.html", {"form": form, "unit": unit}, status=status)


def _parents_for(request, unit=None):
    parents = access.units_kept_by(request.user).filter(is_active=True)
    if unit is not None and unit.pk:
        parents = parents.exclude(pk__in=selectors.units_with_descendants(unit_ids={unit.pk}))
    return parents


@office_view
def unit_new(request):
    parent = request.GET.get("parent", "")
    initial = {"parent": int(parent)} if parent.isdigit() else {}
    form = UnitForm(request.POST or None, parents=_parents_for(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_save(user=request.user, unit=form.save(commit=False))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(unit)s was created.") % {"unit": unit.name})
            return redirect("organisation:unit_detail", unit.pk)
    return _unit_form_page(request, form, status=400 if request.method == "POST" else 200)


@unit_record_view(manage=True)
def unit_edit(request, unit):
    form = UnitForm(request.POST or None, instance=unit, parents=_parents_for(request, unit))
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_save(user=request.user, unit=form.instance)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The unit was saved."))
            return redirect("organisation:unit_detail", unit.pk)
    return _unit_form_page(request, form, unit=unit, status=400 if request.method == "POST" else 200)


@require_POST
@unit_record_view(manage=True)
def unit_set_active(request, unit):
    active = request.POST.get("active") == "1"
    try:
        services.unit_set_active(user=request.user, unit=unit, active=active)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The unit is active again.") if active else _("The unit was deactivated."))
    return redirect("organisation:unit_detail", unit.pk)


@unit_record_view(manage=True)
def tree_export(request, unit):
    rows = selectors.unit_tree_rows(
        units=Unit.objects.filter(id__in=selectors.units_with_descendants(unit_ids={unit.pk})), include_inactive=True
    )
    return _xlsx(tree_excel.tree_workbook(root=unit, rows=rows), "cay-don-vi.xlsx")


# Excel imports: one flow for every kind of list. Each kind says how to read the file for a unit and what to
# show in the preview; confirming applies the checked rows once.

IMPORTS = {
    SheetImport.Kind.STAFF: {
        "title": gettext_lazy("Import the staff list"),
        "parse": lambda request, unit, data: staff_excel.parse_staff_file(
            data=data, units=selectors.unit_tree(unit=unit)
        ),
        "template": "organisation:staff_template",
        "apply": lambda request, sheet_import: services.staff_import_apply(
            user=request.user, staff_import=sheet_import
        ),
        "columns": [
            ("full_name", gettext_lazy("Full name")),
            ("gender", gettext_lazy("Gender")),
            ("birth_date", gettext_lazy("Date of birth")),
            ("position", gettext_lazy("Position")),
            ("unit_name", gettext_lazy("Unit")),
        ],
        "done": gettext_lazy("Staff list imported: %(created)s added, %(updated)s updated."),
        "help": gettext_lazy(
            "Fill in the template: one person per line, the unit named as in the template's guide sheet. "
            "The file is checked as a whole; if any line is wrong, nothing is imported."
        ),
    },
    SheetImport.Kind.UNITS: {
        "title": gettext_lazy("Import the unit tree"),
        "parse": lambda request, unit, data: tree_excel.parse_tree_file(
            data=data,
            root=unit,
            kept=Unit.objects.filter(id__in=selectors.units_with_descendants(unit_ids={unit.pk})),
        ),
        "template": "organisation:tree_export",
        "apply": lambda request, sheet_import: services.units_import_apply(
            user=request.user, sheet_import=sheet_import
        ),
        "columns": [
            ("code", gettext_lazy("Code")),
            ("name", gettext_lazy("Unit")),
            ("short_name", gettext_lazy("Short name")),
            ("kind", gettext_lazy("Kind")),
            ("province", gettext_lazy("Province")),
        ],
        "done": gettext_lazy("Unit tree imported: %(created)s added, %(updated)s updated."),
        "help": gettext_lazy(
            "Download the tree as it stands, add or change lines, and upload it. A line with a code updates the "
            "unit with that code; the file is checked as a whole; if any line is wrong, nothing is imported."
        ),
    },
    SheetImport.Kind.ACCOUNTS: {
        "title": gettext_lazy("Invite people from Excel"),
        "parse": lambda request, unit, data: accounts_excel.parse_accounts_file(
            data=data, units=_invitable_units(request), may_give=_role_giver(request)
        ),
        "template": "organisation:accounts_template",
        "back": lambda unit: (reverse("organisation:accounts"), gettext_lazy("Accounts")),
        "apply": lambda request, sheet_import: services.accounts_import_apply(
            user=request.user, sheet_import=sheet_import
        ),
        "columns": [
            ("full_name", gettext_lazy("Full name")),
            ("email", gettext_lazy("Email")),
            ("unit_name", gettext_lazy("Unit")),
            ("role_label", gettext_lazy("Role")),
        ],
        "done": gettext_lazy("%(invited)s people were invited; each gets an email to set their password."),
        "help": gettext_lazy(
            "One person per line: name, email, the unit they act for and their role. The file is checked as a "
            "whole; if any line is wrong, nobody is invited."
        ),
    },
}


def register_import(kind, **spec):
    """Called by a later app, from its AppConfig.ready(), to import its own list through this same flow."""
    IMPORTS[kind] = spec


def import_page(request, *, kind, unit, confirm_url):
    spec = IMPORTS[kind]
    form = SheetUploadForm(request.POST or None, request.FILES or None)
    back_url, back_label = (
        spec["back"](unit) if "back" in spec else (reverse("organisation:unit_detail", args=[unit.pk]), unit.name)
    )
    context = {
        "spec": spec,
        "unit": unit,
        "form": form,
        "kind": kind,
        "template_url": _template_url(spec, unit),
        "back_url": back_url,
        "back_label": back_label,
        "max_rows": sheets.MAX_ROWS,
    }
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        parsed = spec["parse"](request, unit, upload.read(sheets.MAX_BYTES + 1))
        sheet_import = services.sheet_import_prepare(
            user=request.user, unit=unit, kind=kind, file_name=upload.name, parsed=parsed
        )
        context.update(
            {
                "parsed": parsed,
                "report": sheets.error_report(
                    parsed.errors,
                    services.sheet_import_refuse(
                        user=request.user, unit=unit, kind=kind, file_name=upload.name, errors=parsed.errors
                    ),
                ),
                "sheet_import": sheet_import,
                "file_name": upload.name,
                "confirm_url": confirm_url(sheet_import) if sheet_import else "",
                "preview": [
                    (row["line"], [row.get(key) or "" for key, _label in spec["columns"]]) for row in parsed.rows
                ],
            }
        )
        status = 200 if sheet_import else 400
    return render(request, "organisation/sheet_import.html", context, status=status)


def _template_url(spec, unit):
    if spec["template"] == "organisation:accounts_template":
        return reverse(spec["template"])
    return reverse(spec["template"], args=[unit.pk])


def import_confirm(request, *, kind, unit, import_id, done_url):
    sheet_import = get_object_or_404(
        SheetImport.objects.exclude(status=SheetImport.Status.REFUSED),
        pk=import_id,
        unit=unit,
        kind=kind,
        uploaded_by=request.user,
    )
    try:
        counts = IMPORTS[kind]["apply"](request, sheet_import)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(done_url)
    if counts is None:
        messages.info(request, _("This list was imported already."))
    else:
        messages.success(request, IMPORTS[kind]["done"] % counts)
    return redirect(done_url)


@login_required
def import_report(request, import_id):
    sheet_import = access.refused_import_get_for_user(user=request.user, import_id=import_id)
    return _xlsx(workbook_bytes(sheets.error_report_workbook(sheet_import)), "bao-cao-loi.xlsx")


@unit_view(manage=True)
def staff_template(request, unit):
    return _xlsx(staff_excel.staff_template(unit=unit, units=selectors.unit_tree(unit=unit)), "danh-sach-cbccvc.xlsx")


@unit_view(manage=True)
def staff_import(request, unit):
    return import_page(
        request,
        kind=SheetImport.Kind.STAFF,
        unit=unit,
        confirm_url=lambda sheet_import: reverse("organisation:staff_import_confirm", args=[unit.pk, sheet_import.pk]),
    )


@require_POST
@unit_view(manage=True)
def staff_import_confirm(request, unit, import_id):
    return import_confirm(
        request,
        kind=SheetImport.Kind.STAFF,
        unit=unit,
        import_id=import_id,
        done_url=reverse("organisation:unit_detail", args=[unit.pk]),
    )


@unit_record_view(manage=True)
def tree_import(request, unit):
    return import_page(
        request,
        kind=SheetImport.Kind.UNITS,
        unit=unit,
        confirm_url=lambda sheet_import: reverse("organisation:tree_import_confirm", args=[unit.pk, sheet_import.pk]),
    )


@require_POST
@unit_record_view(manage=True)
def tree_import_confirm(request, unit, import_id):
    return import_confirm(
        request, kind=SheetImport.Kind.UNITS, unit=unit, import_id=import_id, done_url=reverse("organisation:units")
    )


# Blocs


@login_required
def bloc_list(request):
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else timezone.localdate().year
    return render(
        request,
        "organisation/bloc_list.html",
        {
            "blocs": selectors.bloc_list(blocs=access.blocs_visible_to(request.user), year=year),
            "year": year,
            "can_create": access.viewer_for(request.user).keeps_organisation,
        },
    )


def _bloc_form(request, bloc=None):
    return BlocForm(
        request.POST or None,
        instance=bloc,
        organizers=access.units_kept_by(request.user).filter(is_active=True),
        councils=access.councils_kept_by(request.user),
    )


@office_view
def bloc_new(request):
    form = _bloc_form(request)
    if request.method == "POST" and form.is_valid():
        bloc = services.bloc_save(user=request.user, bloc=form.save(commit=False))
        messages.success(request, _("The bloc was created; add its members for the year."))
        return redirect("organisation:bloc_detail", bloc.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "organisation/object_form.html",
        {"form": form, "title": _("New bloc"), "back_url": reverse("organisation:bloc_list")},
        status=status,
    )


@bloc_view(manage=True)
def bloc_edit(request, bloc):
    form = _bloc_form(request, bloc)
    if request.method == "POST" and form.is_valid():
        services.bloc_save(user=request.user, bloc=form.instance)
        messages.success(request, _("The bloc was saved."))
        return redirect("organisation:bloc_detail", bloc.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "organisation/object_form.html",
        {"form": form, "title": bloc.name, "back_url": reverse("organisation:bloc_detail", args=[bloc.pk])},
        status=status,
    )


def _bloc_page(request, bloc, *, year, form, copy_form=None, status=200):
    members = selectors.bloc_year_members(bloc=bloc, year=year)
    return render(
        request,
        "organisation/bloc_detail.html",
        {
            "bloc": bloc,
            "years": selectors.bloc_years(bloc=bloc),
            "year": year,
            "members": members,
            "campaigns": bloc.campaigns.filter(year=year),
            "form": form,
            "copy_form": copy_form,
            "can_manage": request.can_manage_bloc,
        },
        status=status,
    )


def _bloc_page_url(bloc, year):
    return f"{reverse('organisation:bloc_detail', args=[bloc.pk])}?year={year}"


def _membership_form(request, data=None, **kwargs):
    return BlocMembershipForm(data, units=access.units_kept_by(request.user).filter(is_active=True), **kwargs)


def _copy_form(bloc, year, data=None):
    members = Unit.objects.filter(bloc_memberships__bloc=bloc, bloc_memberships__year=year).order_by("sort_name")
    current = {m.role: m.unit_id for m in BlocMembership.objects.filter(bloc=bloc, year=year)}
    return BlocYearCopyForm(
        data,
        members=members,
        initial={
            "year": year + 1,
            "leader": current.get(BlocMembership.Role.LEADER),
            "vice_leader": current.get(BlocMembership.Role.VICE_LEADER),
        },
    )


@bloc_view()
def bloc_detail(request, bloc):
    year = request.GET.get("year", "")
    if year.isdigit():
        year = int(year)
    else:
        year = next(iter(selectors.bloc_years(bloc=bloc)), timezone.localdate().year)
    form = copy_form = None
    if request.can_manage_bloc:
        form = _membership_form(request, initial={"year": year, "role": BlocMembership.Role.MEMBER})
        if BlocMembership.objects.filter(bloc=bloc, year=year).exists():
            copy_form = _copy_form(bloc, year)
    return _bloc_page(request, bloc, year=year, form=form, copy_form=copy_form)


@require_POST
@bloc_view(manage=True)
def bloc_member_set(request, bloc):
    form = _membership_form(request, request.POST)
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


@require_POST
@bloc_view(manage=True)
def bloc_year_copy(request, bloc, year):
    form = _copy_form(bloc, year, request.POST)
    if form.is_valid():
        try:
            services.bloc_year_copy(
                user=request.user,
                bloc=bloc,
                from_year=year,
                to_year=form.cleaned_data["year"],
                leader=form.cleaned_data["leader"],
                vice_leader=form.cleaned_data["vice_leader"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The bloc's members were carried into %(year)s with their new leader and vice-leader.")
                % {"year": form.cleaned_data["year"]},
            )
            return redirect(_bloc_page_url(bloc, form.cleaned_data["year"]))
    return _bloc_page(
        request, bloc, year=year, form=_membership_form(request, initial={"year": year}), copy_form=form, status=400
    )


# Councils


@login_required
def councils(request):
    viewer = access.viewer_for(request.user)
    return render(
        request,
        "organisation/councils.html",
        {
            "councils": selectors.council_list(councils=access.councils_visible_to(request.user)),
            "can_create": viewer.keeps_organisation,
        },
    )


@office_view
def council_new(request):
    form = CouncilForm(request.POST or None, units=access.units_kept_by(request.user).filter(is_active=True))
    if request.method == "POST" and form.is_valid():
        council = services.council_save(user=request.user, council=form.save(commit=False))
        messages.success(request, _("The council was created; seat its members."))
        return redirect("organisation:council_detail", council.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "organisation/object_form.html",
        {"form": form, "title": _("New council"), "back_url": reverse("organisation:councils")},
        status=status,
    )


@council_view(manage=True)
def council_edit(request, council):
    form = CouncilForm(
        request.POST or None, instance=council, units=access.units_kept_by(request.user).filter(is_active=True)
    )
    if request.method == "POST" and form.is_valid():
        services.council_save(user=request.user, council=form.instance)
        messages.success(request, _("The council was saved."))
        return redirect("organisation:council_detail", council.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "organisation/object_form.html",
        {"form": form, "title": council.name, "back_url": reverse("organisation:council_detail", args=[council.pk])},
        status=status,
    )


def _member_form(request, data=None):
    return CouncilMemberForm(data, accounts=access.accounts_visible_to(request.user).filter(is_active=True))


def _council_page(request, council, *, form=None, status=200):
    return render(
        request,
        "organisation/council_detail.html",
        {
            "council": council,
            "members": selectors.council_members(council=council),
            "can_manage": request.can_manage_council,
            "form": form or (_member_form(request) if request.can_manage_council else None),
            "history": _history(council) if request.can_manage_council else [],
        },
        status=status,
    )


@council_view()
def council_detail(request, council):
    return _council_page(request, council)


@require_POST
@council_view(manage=True)
def council_member_add(request, council):
    form = _member_form(request, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["account"]:
                services.council_member_set(
                    user=request.user,
                    council=council,
                    account=data["account"],
                    position=data["position"],
                    job_title=data["job_title"],
                )
            else:
                services.account_invite(
                    user=request.user,
                    full_name=data["full_name"],
                    email=data["email"],
                    role="council",
                    council=council,
                    position=data["position"],
                    job_title=data["job_title"],
                )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The council's membership was saved."))
            return redirect("organisation:council_detail", council.pk)
    return _council_page(request, council, form=form, status=400)


@require_POST
@council_view(manage=True)
def council_member_remove(request, council, seat_id):
    seat = get_object_or_404(CouncilMember.objects.select_related("user"), pk=seat_id, council=council)
    services.council_member_remove(user=request.user, seat=seat)
    messages.success(request, _("The member was removed from the council."))
    return redirect("organisation:council_detail", council.pk)


# Accounts


def _invitable_units(request):
    viewer = access.viewer_for(request.user)
    units = Unit.objects.filter(is_active=True).order_by("sort_name")
    if viewer.is_admin:
        return units
    return units.filter(id__in=viewer.office_unit_ids | viewer.clerk_unit_ids)


def _role_giver(request):
    viewer = access.viewer_for(request.user)

    def may_give(role, unit):
        if role == RoleAssignment.Role.OFFICE:
            return viewer.keeps_unit(unit.pk)
        return viewer.invites_for(unit.pk)

    return may_give


def _invite_roles(request):
    viewer = access.viewer_for(request.user)
    roles = [RoleAssignment.Role.UNIT_CLERK]
    if viewer.keeps_organisation:
        roles.append(RoleAssignment.Role.OFFICE)
    return roles


@invite_view
def accounts(request):
    query = request.GET.get("q", "").strip()[:100]
    listed = selectors.account_list(accounts=access.accounts_visible_to(request.user), query=query)
    changeable = {account.pk for account in listed if access.account_may_change(user=request.user, account=account)}
    return render(
        request,
        "organisation/accounts.html",
        {
            "accounts": listed,
            "changeable": changeable,
            "query": query,
            "failed_login_days": selectors.FAILED_LOGINS_SHOWN_DAYS,
        },
    )


@invite_view
def account_invite(request):
    unit = request.GET.get("unit", "")
    form = InviteForm(
        request.POST or None,
        units=_invitable_units(request),
        roles=_invite_roles(request),
        initial={"unit": int(unit)} if unit.isdigit() else {},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not _role_giver(request)(data["role"], data["unit"]):
            raise PermissionDenied
        try:
            account = services.account_invite(
                user=request.user,
                full_name=data["full_name"],
                email=data["email"],
                role=data["role"],
                unit=data["unit"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(email)s was invited: an email with a link to set a password is on its way.")
                % {"email": account.email},
            )
            return redirect("organisation:accounts")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "organisation/object_form.html",
        {"form": form, "title": _("Invite a person"), "back_url": reverse("organisation:accounts")},
        status=status,
    )


@invite_view
def accounts_template(request):
    return _xlsx(accounts_excel.accounts_template(units=_invitable_units(request)), "moi-tai-khoan.xlsx")


def _accounts_import_unit(request):
    """The unit an accounts import is filed under: the inviter's office root or their own unit."""
    viewer = access.viewer_for(request.user)
    unit_id = min(viewer.office_root_ids or viewer.clerk_unit_ids or {0})
    unit = Unit.objects.filter(pk=unit_id).first() or _invitable_units(request).first()
    if unit is None:
        raise PermissionDenied
    return unit


@invite_view
def accounts_import(request):
    unit = _accounts_import_unit(request)
    return import_page(
        request,
        kind=SheetImport.Kind.ACCOUNTS,
        unit=unit,
        confirm_url=lambda sheet_import: reverse("organisation:accounts_import_confirm", args=[sheet_import.pk]),
    )


@require_POST
@invite_view
def accounts_import_confirm(request, import_id):
    return import_confirm(
        request,
        kind=SheetImport.Kind.ACCOUNTS,
        unit=_accounts_import_unit(request),
        import_id=import_id,
        done_url=reverse("organisation:accounts"),
    )


@require_POST
@account_view(manage=True)
def account_set_active(request, account):
    active = request.POST.get("active") == "1"
    services.account_set_active(user=request.user, account=account, active=active)
    messages.success(
        request,
        (_("%(email)s can log in again.") if active else _("%(email)s can no longer log in."))
        % {"email": account.email or account.username},
    )
    return redirect("organisation:accounts")


@require_POST
@account_view(manage=True)
def account_resend(request, account):
    try:
        services.account_resend_invitation(user=request.user, account=account)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The invitation was sent again to %(email)s.") % {"email": account.email})
    return redirect("organisation:accounts")


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The link of an invitation: the person chooses their own password, then is logged in."""

    template_name = "registration/invitation_accept.html"
    post_reset_login = True
    success_url = reverse_lazy("dashboard")

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set. Welcome."))
        return super().form_valid(form)
