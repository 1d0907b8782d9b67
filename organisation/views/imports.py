"""The one Excel import flow for every kind of list: upload, check the whole file, report line by line, preview, confirm once.

Each kind says how to read the file for a unit and what the preview shows;
each app describes its own kinds (organisation.imports, the `import_kinds` signal).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.access import requires
from core.excel import workbook_bytes
from organisation import access, accounts_excel, council_excel, selectors, services, sheets, staff_excel, tree_excel
from organisation.forms import (
    SheetUploadForm,
)
from organisation.imports import ImportKind, import_kind
from organisation.models import Person, SheetImport, Unit

from .common import xlsx


def organisation_import_kinds():
    """The lists organisation imports: staff, the unit tree, accounts to invite, a council's members."""
    return {
        SheetImport.Kind.STAFF: ImportKind(
            title=gettext_lazy("Import the staff list"),
            parse=lambda request, unit, data: staff_excel.parse_staff_file(
                data=data, units=selectors.unit_tree(unit=unit)
            ),
            template="organisation:staff_template",
            apply=lambda request, sheet_import: services.staff_import_apply(
                user=request.user, staff_import=sheet_import
            ),
            columns=[
                ("full_name", gettext_lazy("Full name")),
                ("gender", gettext_lazy("Gender")),
                ("birth_date", gettext_lazy("Date of birth")),
                ("position", gettext_lazy("Position")),
                ("unit_name", gettext_lazy("Unit")),
            ],
            done=gettext_lazy("Staff list imported: %(created)s added, %(updated)s updated."),
            headings=[label for _key, label in staff_excel.COLUMNS],
            shown={"gender": Person.Gender.choices},
            help=gettext_lazy(
                "Fill in the template: one person per line, the unit named as in the template's guide sheet. "
                "The file is checked as a whole; if any line is wrong, nothing is imported."
            ),
        ),
        SheetImport.Kind.UNITS: ImportKind(
            title=gettext_lazy("Import the unit tree"),
            parse=lambda request, unit, data: tree_excel.parse_tree_file(
                data=data,
                root=unit,
                kept=Unit.objects.filter(id__in=selectors.units_with_descendants(unit_ids={unit.pk})),
            ),
            template="organisation:tree_export",
            apply=lambda request, sheet_import: services.units_import_apply(
                user=request.user, sheet_import=sheet_import
            ),
            columns=[
                ("code", gettext_lazy("Code")),
                ("name", gettext_lazy("Unit")),
                ("short_name", gettext_lazy("Short name")),
                ("kind", gettext_lazy("Kind")),
                ("province", gettext_lazy("Province")),
            ],
            done=gettext_lazy("Unit tree imported: %(created)s added, %(updated)s updated."),
            headings=[label for _key, label in tree_excel.COLUMNS],
            shown={"kind": Unit.Kind.choices},
            help=gettext_lazy(
                "Download the tree as it stands, add or change lines, and upload it. A line with a code updates the "
                "unit with that code; the file is checked as a whole; if any line is wrong, nothing is imported."
            ),
        ),
        SheetImport.Kind.ACCOUNTS: ImportKind(
            title=gettext_lazy("Invite people from Excel"),
            parse=lambda request, unit, data: accounts_excel.parse_accounts_file(
                data=data, units=access.invitable_units(request.user), may_give=access.role_giver(request.user)
            ),
            template="organisation:accounts_template",
            back=lambda unit: (reverse("organisation:accounts"), gettext_lazy("Accounts")),
            apply=lambda request, sheet_import: services.accounts_import_apply(
                user=request.user, sheet_import=sheet_import
            ),
            columns=[
                ("full_name", gettext_lazy("Full name")),
                ("email", gettext_lazy("Email")),
                ("unit_name", gettext_lazy("Unit")),
                ("role_label", gettext_lazy("Role")),
            ],
            done=gettext_lazy("%(invited)s people were invited; each gets an email to set their password."),
            headings=[label for _key, label in accounts_excel.COLUMNS],
            help=gettext_lazy(
                "One person per line: name, email, the unit they act for and their role. The file is checked as a "
                "whole; if any line is wrong, nobody is invited."
            ),
        ),
        SheetImport.Kind.COUNCIL: ImportKind(
            title=gettext_lazy("Seat council members from Excel"),
            parse=lambda request, council, data: council_excel.parse_council_file(
                data=data,
                council=council,
                accounts=access.accounts_visible_to(request.user).filter(is_active=True),
            ),
            template="organisation:council_members_template",
            headings=[label for _key, label in council_excel.COLUMNS],
            back=lambda council: (reverse("organisation:council_detail", args=[council.pk]), council.name),
            # the council the confirmation's page is about (its `requires("council.manage")`)
            apply=lambda request, sheet_import: services.council_members_import_apply(
                user=request.user, council=request.access.subject("council"), sheet_import=sheet_import
            ),
            columns=[
                ("full_name", gettext_lazy("Full name")),
                ("position_label", gettext_lazy("Position")),
                ("job_title", gettext_lazy("Title in the council's decision")),
                ("email", gettext_lazy("Email")),
                ("seat", gettext_lazy("Account")),
            ],
            done=gettext_lazy("%(seated)s members were seated on the council; those new to the app are invited."),
            help=gettext_lazy(
                "One person per line: name, position in the council, title and unit as the council's decision "
                "names them, and the email of whoever has no account yet, who gets an invitation. The file is "
                "checked as a whole; if any line is wrong, nobody is seated."
            ),
        ),
    }


def import_page(request, *, kind, unit, confirm_url, subject=None):
    """The flow's page for a list filed under `unit`, imported into `subject` (the unit itself, or its council)."""
    subject = unit if subject is None else subject
    spec = import_kind(kind)
    form = SheetUploadForm(
        request.POST or None, request.FILES or None, headings=spec.headings, max_rows=sheets.MAX_ROWS
    )
    back_url, back_label = (
        spec.back(subject) if spec.back else (reverse("organisation:unit_detail", args=[unit.pk]), unit.name)
    )
    context = {
        "spec": spec,
        "unit": unit,
        "form": form,
        "kind": kind,
        "template_url": _template_url(spec, subject),
        "back_url": back_url,
        "back_label": back_label,
        "max_rows": sheets.MAX_ROWS,
    }
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    if request.method == "POST" and form.is_valid():
        file_name, data = form.content(sheets.MAX_BYTES)
        parsed = spec.parse(request, subject, data)
        sheet_import = services.sheet_import_prepare(
            user=request.user, unit=unit, kind=kind, file_name=file_name, parsed=parsed
        )
        context.update(
            {
                "parsed": parsed,
                "report": sheets.error_report(
                    parsed.errors,
                    services.sheet_import_refuse(
                        user=request.user, unit=unit, kind=kind, file_name=file_name, errors=parsed.errors
                    ),
                ),
                "sheet_import": sheet_import,
                "file_name": file_name,
                "confirm_url": confirm_url(sheet_import) if sheet_import else "",
                "preview": [(row["line"], spec.preview(row)) for row in parsed.rows],
            }
        )
        status = 200 if sheet_import else 400
    return render(request, "organisation/sheet_import.html", context, status=status)


def _template_url(spec, subject):
    if spec.template == "organisation:accounts_template":
        return reverse(spec.template)
    return reverse(spec.template, args=[subject.pk])


def import_confirm(request, *, kind, unit, import_id, done_url):
    sheet_import = get_object_or_404(
        SheetImport.objects.exclude(status=SheetImport.Status.REFUSED),
        pk=import_id,
        unit=unit,
        kind=kind,
        uploaded_by=request.user,
    )
    try:
        counts = import_kind(kind).apply(request, sheet_import)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(done_url)
    if counts is None:
        messages.info(request, _("This list was imported already."))
    else:
        messages.success(request, import_kind(kind).done % counts)
    return redirect(done_url)


@requires("refused_import.download")
def import_report(request, sheet_import):
    """A refused file's whole report, for the one who uploaded it."""
    return xlsx(workbook_bytes(sheets.error_report_workbook(sheet_import)), "bao-cao-loi.xlsx")


@requires("unit.manage_staff")
def staff_template(request, unit):
    return xlsx(staff_excel.staff_template(unit=unit, units=selectors.unit_tree(unit=unit)), "danh-sach-cbccvc.xlsx")


@requires("unit.manage_staff")
def staff_import(request, unit):
    return import_page(
        request,
        kind=SheetImport.Kind.STAFF,
        unit=unit,
        confirm_url=lambda sheet_import: reverse("organisation:staff_import_confirm", args=[unit.pk, sheet_import.pk]),
    )


@require_POST
@requires("unit.manage_staff")
def staff_import_confirm(request, unit, import_id):
    return import_confirm(
        request,
        kind=SheetImport.Kind.STAFF,
        unit=unit,
        import_id=import_id,
        done_url=reverse("organisation:unit_detail", args=[unit.pk]),
    )


@requires("unit.manage")
def tree_import(request, unit):
    return import_page(
        request,
        kind=SheetImport.Kind.UNITS,
        unit=unit,
        confirm_url=lambda sheet_import: reverse("organisation:tree_import_confirm", args=[unit.pk, sheet_import.pk]),
    )


@require_POST
@requires("unit.manage")
def tree_import_confirm(request, unit, import_id):
    return import_confirm(
        request, kind=SheetImport.Kind.UNITS, unit=unit, import_id=import_id, done_url=reverse("organisation:units")
    )
