"""The scoring table read from the campaign's plan: upload or paste the plan, preview the draft table, confirm once."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns import plan_reader
from campaigns.forms import PlanUploadForm
from scoring import services
from scoring.models import MAX_CRITERIA, Band
from scoring.plan_forms import PlanBandFormSet
from scoring.plan_table import read_scoring_table
from scoring.policy_forms import ImportReasonForm
from scoring.table_excel import criteria as criteria_sheet

from .common import errors_to_messages, scoring_view

BANDS_PREFIX = "bands"


@scoring_view("manage")
def criteria_from_plan(request, campaign):
    """Propose the table a plan's text holds; nothing is saved until the office confirms the preview
    (the confirmation is the Excel import's). Simple bands are offered for the office to keep or correct."""
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    draft, preview, sheet_import, read, bands = None, [], None, False, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload:
                text = plan_reader.read_text(data=upload.read(plan_reader.MAX_BYTES + 1), name=upload.name)
            else:
                text = form.cleaned_data["text"]
            draft = read_scoring_table(text)
            if len(draft.rows) > MAX_CRITERIA:
                raise plan_reader.PlanError(
                    _("A scoring table has at most %(max)s lines.")
                    % {"max": number_format(MAX_CRITERIA, force_grouping=True)}
                )
        except plan_reader.PlanError as error:
            draft = None
            form.add_error(None, str(error))
        else:
            read = True
            if draft.rows:
                sheet_import = services.criteria_import_prepare(
                    user=request.user,
                    campaign=campaign,
                    file_name=upload.name if upload else _("the pasted text of the plan"),
                    rows=draft.rows,
                )
                preview = criteria_sheet.preview_lines(draft.rows)
            simple = [band for band in draft.bands if band["name"]][: PlanBandFormSet.max_num]
            if simple and not Band.objects.filter(campaign=campaign).exists():
                bands = PlanBandFormSet(
                    initial=[{"keep": True, "name": b["name"], "min_total": b["min_total"]} for b in simple],
                    prefix=BANDS_PREFIX,
                )
    return render(
        request,
        "scoring/criteria_from_plan.html",
        {
            "campaign": campaign,
            "form": form,
            "draft": draft,
            "read": read,
            "preview": preview,
            "sheet_import": sheet_import,
            "bands": bands,
            "reason_form": ImportReasonForm(),
        },
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )


@require_POST
@scoring_view("manage")
def bands_from_plan(request, campaign):
    """Save the bands the office kept from the plan, in the plan's order, best first."""
    formset = PlanBandFormSet(request.POST, prefix=BANDS_PREFIX)
    if not formset.is_valid():
        problems = [*formset.non_form_errors()] + [
            message for errors in formset.errors for field in errors.values() for message in field
        ]
        messages.error(request, _("The bands were not saved: %(errors)s") % {"errors": " ".join(problems)})
        return redirect("scoring:classification", campaign.pk)
    kept = [
        {"name": row.cleaned_data["name"], "min_total": row.cleaned_data["min_total"]}
        for row in formset.forms
        if row.cleaned_data.get("keep")
    ]
    if not kept:
        messages.info(request, _("No band was kept; nothing was saved."))
        return redirect("scoring:classification", campaign.pk)
    try:
        saved = services.bands_from_plan(user=request.user, campaign=campaign, bands=kept)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(
            request,
            _("%(count)s bands were saved from the plan; add their conditions here.") % {"count": len(saved)},
        )
    return redirect("scoring:classification", campaign.pk)
