"""The scoring table: its rules, its criteria, and the table in and out of Excel."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import apply_errors
from core.xlsx import MAX_FILE_BYTES
from organisation.forms import SheetUploadForm
from organisation.models import SheetImport, Unit
from organisation.services import sheet_import_refuse
from organisation.sheets import error_report
from scoring import selectors, services, table_excel
from scoring.forms import CriterionForm
from scoring.models import MAX_CRITERIA, Criterion
from scoring.policy_forms import ImportReasonForm, PolicyForm
from scoring.services.table_import import CRITERIA_IMPORT, kept_rows
from scoring.table_excel import criteria as criteria_sheet
from scoring.totals import parent_ids

from .common import XLSX, errors_to_messages, scoring_view


@scoring_view("take_part")
def hub(request, campaign):
    access = request.access.grant("campaign")
    peers = access.peers_to_score(cross_scoring=request.policy.cross_scoring)
    return render(
        request,
        "scoring/hub.html",
        {
            "campaign": campaign,
            "policy": request.policy,
            "access": access,
            "rows": selectors.unit_status(
                campaign=campaign,
                unit_ids=access.listed_unit_ids,
                compilers=access.compilers,
                today=timezone.localdate(),
            ),
            "own": selectors.unit_status(
                campaign=campaign, unit_ids=access.own_unit_ids, compilers=access.compilers, today=timezone.localdate()
            ),
            "peers": Unit.objects.filter(id__in=peers).order_by("sort_name") if peers else [],
            "criteria_count": Criterion.objects.filter(campaign=campaign).count(),
        },
    )


@scoring_view("manage")
def policy_edit(request, campaign):
    form = PolicyForm(request.POST or None, instance=request.policy)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.policy_save(user=request.user, policy=form.instance, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The scoring rules were saved."))
            _tell_recomputed(request, changed)
            return redirect("scoring:criteria", campaign.pk)
    return render(request, "scoring/form.html", {"campaign": campaign, "form": form, "title": _("Scoring rules")})


def _tell_recomputed(request, units):
    if units:
        messages.info(request, _("Points computed again for: %(units)s.") % {"units": "; ".join(units)})


@scoring_view()
def criteria(request, campaign):
    lines = selectors.table_lines(campaign=campaign)
    return render(
        request,
        "scoring/criteria.html",
        {
            "campaign": campaign,
            "criteria": lines,
            "parents": parent_ids(lines),
            "policy": request.policy,
            "can_manage": request.access.may("campaign.set_up"),
        },
    )


@scoring_view("manage")
def criterion_edit(request, campaign, criterion_id=None):
    if criterion_id:
        criterion = get_object_or_404(Criterion, pk=criterion_id, campaign=campaign)
    else:
        criterion = Criterion(campaign=campaign)
    form = CriterionForm(request.POST or None, instance=criterion, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.criterion_save(
                user=request.user, criterion=form.instance, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            _tell_recomputed(request, changed)
            return redirect("scoring:criteria", campaign.pk)
    title = _("Edit criterion") if criterion_id else _("New criterion")
    return render(request, "scoring/form.html", {"campaign": campaign, "form": form, "title": title})


@require_POST
@scoring_view("manage")
def criterion_delete(request, campaign, criterion_id):
    criterion = get_object_or_404(Criterion, pk=criterion_id, campaign=campaign)
    try:
        services.criterion_delete(user=request.user, criterion=criterion)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("The criterion was deleted."))
    return redirect("scoring:criteria", campaign.pk)


@scoring_view()
def criteria_download(request, campaign):
    content = table_excel.table_workbook(campaign=campaign, criteria=selectors.criteria_for(campaign=campaign))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="thang-diem.xlsx"'
    return response


@scoring_view("manage")
def criteria_import(request, campaign):
    """Upload or paste, check every sheet of the file, report line by line, preview; the table is replaced on
    confirmation only."""
    form = _upload_form(request.POST or None, request.FILES or None)
    errors, kept, checked, sheet_import = [], None, None, None
    if request.method == "POST" and form.is_valid():
        file_name, data = form.content(MAX_FILE_BYTES)
        checked, errors = table_excel.read_file(data, campaign=campaign)
        if errors:
            kept = sheet_import_refuse(
                user=request.user, unit=campaign.issuer, kind=CRITERIA_IMPORT, file_name=file_name, errors=errors
            )
        else:
            sheet_import = services.criteria_import_prepare(
                user=request.user, campaign=campaign, file_name=file_name, rows=checked.criteria, parts=checked.parts
            )
    refused = errors or (request.method == "POST" and not form.is_valid())
    return _import_page(
        request,
        campaign,
        form=form,
        report=error_report(errors, kept),
        sheet_import=sheet_import,
        rows=(checked.criteria, checked.parts) if sheet_import else None,
        status=400 if refused else 200,
    )


def _upload_form(data=None, files=None):
    """The table's file, or its criteria lines pasted from Excel (read under the first sheet's headings)."""
    return SheetUploadForm(
        data, files, headings=[label for _key, label in criteria_sheet.COLUMNS], max_rows=MAX_CRITERIA
    )


def _import_page(request, campaign, *, form, report, sheet_import, rows, reason_form=None, status=200):
    """The import page: the upload form, the refused file's report, or the preview of `rows` ((criteria, parts)) to
    confirm, with the reason the confirmation asks once units have scored."""
    criteria, parts = rows or ([], {})
    return render(
        request,
        "scoring/criteria_import.html",
        {
            "campaign": campaign,
            "form": form,
            "report": report,
            "max_rows": MAX_CRITERIA,
            "preview": criteria_sheet.preview_lines(criteria),
            "parts": table_excel.preview(parts),
            "sheet_import": sheet_import,
            "reason_form": reason_form or ImportReasonForm(),
        },
        status=status,
    )


@require_POST
@scoring_view("manage")
def criteria_import_confirm(request, campaign, import_id):
    """Replace the table with the previewed file once; a refusal shows the preview again with why, the reason typed
    kept."""
    sheet_import = get_object_or_404(
        SheetImport.objects.exclude(status=SheetImport.Status.REFUSED),
        pk=import_id,
        unit=campaign.issuer,
        kind=CRITERIA_IMPORT,
        uploaded_by=request.user,
    )
    reason_form = ImportReasonForm(request.POST)
    if reason_form.is_valid():
        try:
            criteria = services.criteria_import_apply(
                user=request.user,
                campaign=campaign,
                sheet_import=sheet_import,
                reason=reason_form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_errors(reason_form, error)
        else:
            if criteria is None:
                messages.info(request, _("This list was imported already."))
            else:
                messages.success(
                    request, _("The scoring table was imported: %(count)s criteria.") % {"count": len(criteria)}
                )
            return redirect("scoring:criteria", campaign.pk)
    return _import_page(
        request,
        campaign,
        form=_upload_form(),
        report=error_report([], None),
        sheet_import=sheet_import,
        rows=kept_rows(sheet_import),
        reason_form=reason_form,
        status=400,
    )
