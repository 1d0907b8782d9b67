"""The scoring table read from the campaign's plan: upload or paste the plan, preview the draft table, confirm once."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from campaigns import plan_reader
from campaigns.forms import PlanUploadForm
from scoring import excel, services
from scoring.plan_table import read_scoring_table

from .common import scoring_view


@scoring_view("manage")
def criteria_from_plan(request, campaign):
    """Propose the table a plan's text holds; nothing is saved until the office confirms the preview
    (the confirmation is the Excel import's)."""
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    draft, preview, sheet_import, read = None, [], None, False
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload:
                text = plan_reader.read_text(data=upload.read(plan_reader.MAX_BYTES + 1), name=upload.name)
            else:
                text = form.cleaned_data["text"]
        except plan_reader.PlanError as error:
            form.add_error(None, str(error))
        else:
            read = True
            draft = read_scoring_table(text)
            if draft.rows:
                sheet_import = services.criteria_import_prepare(
                    user=request.user,
                    campaign=campaign,
                    file_name=upload.name if upload else _("the pasted text of the plan"),
                    rows=draft.rows,
                )
                preview = excel.preview_lines(draft.rows)
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
        },
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )
