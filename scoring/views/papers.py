"""A unit's papers: the mid-year report, the year-end self-assessment with its evidence, and their downloads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from scoring import excel, selectors, services
from scoring.forms import (
    SelfAssessmentForm,
    UploadForm,
    shown_points,
)
from scoring.models import Evidence, MidyearReport, Scorecard
from scoring.totals import parts_attribute

from .common import XLSX, logger, own_unit, scoring_view
from .ranking import total_rows


@scoring_view("take_part")
def report_upload(request, campaign, unit_id):
    unit = own_unit(request, unit_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.midyear_report_upload(
                user=request.user,
                campaign=campaign,
                unit=unit,
                upload=form.cleaned_data["file"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            form.add_error("file", error)
            status = 400
        else:
            messages.success(request, _("The mid-year report was sent."))
            return redirect("scoring:hub", campaign.pk)
    return render(
        request,
        "scoring/report_upload.html",
        {
            "campaign": campaign,
            "unit": unit,
            "form": form,
            "report": MidyearReport.objects.filter(campaign=campaign, unit=unit).first(),
            "deadline": selectors.milestone_deadline(campaign=campaign, kind="midyear_report"),
        },
        status=status,
    )


def _file_response(request, stored):
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        # The row outlived its file (a restore without the files, a disk
        # cleaned by hand): say so, and leave a trace for the administrator.
        logger.error("%s %s: file %s is missing from storage", type(stored).__name__, stored.pk, stored.file.name)
        message = _(
            "The file “%(name)s” was not found on the server. Ask the unit to send it again, or tell the administrator."
        ) % {"name": stored.original_name}
        return render(request, "404.html", {"message": message}, status=404)
    return FileResponse(handle, as_attachment=True, filename=stored.original_name)


@scoring_view()
def report_download(request, campaign, report_id):
    report = get_object_or_404(MidyearReport, pk=report_id, campaign=campaign)
    request.access.require("campaign.read", report.unit_id)
    return _file_response(request, report)


@scoring_view()
def evidence_download(request, campaign, evidence_id):
    evidence = get_object_or_404(
        Evidence.objects.select_related("scorecard"), pk=evidence_id, scorecard__campaign=campaign
    )
    request.access.require("campaign.read_paper", evidence.scorecard)
    return _file_response(request, evidence)


def applicable(campaign, criteria, unit):
    allowed = selectors.applicable_criteria(campaign=campaign, criteria=criteria, unit_ids=[unit.pk])[unit.pk]
    return [criterion for criterion in criteria if criterion.pk in allowed]


def _already_sent(request, campaign, unit):
    """A post to a sent self-assessment (a replay, a second tab): show it as it was sent, not as posted."""
    messages.info(request, _("This self-assessment was already sent."))
    return redirect("scoring:self", campaign.pk, unit.pk)


def _figures_read(request, posted, *, criteria, figures, selfs):
    """The self-assessment as saved, its figures read from an uploaded sheet, to check and save; nothing saved yet."""
    saved = SelfAssessmentForm(
        criteria=criteria,
        selfs={pk: score.points for pk, score in selfs.items()},
        comments={pk: score.comment for pk, score in selfs.items()},
        figures=figures,
        initial={"version": posted["version"].value()},
    )
    upload = request.FILES.get("figures_sheet")
    values, errors = excel.parse_figures(upload.read(excel.MAX_BYTES + 1) if upload else b"", criteria=criteria)
    if errors:
        messages.error(request, " ".join(errors))
        return saved, 400
    data = {
        name: formats.localize_input(saved[name].value()) if saved[name].value() is not None else ""
        for name in saved.fields
        if not name.startswith("evidence_")
    }
    for criterion_id, (value, base) in values.items():
        data[f"figure_{criterion_id}"] = "" if value is None else formats.localize_input(value)
        if f"base_{criterion_id}" in saved.fields:
            data[f"base_{criterion_id}"] = "" if base is None else formats.localize_input(base)
    form = SelfAssessmentForm(
        data,
        criteria=criteria,
        selfs={pk: score.points for pk, score in selfs.items()},
        comments={pk: score.comment for pk, score in selfs.items()},
        figures=figures,
    )
    form.is_valid()  # show at once what the file holds that cannot be saved
    messages.info(request, _("The figures were read from the file: check them and save; nothing is saved yet."))
    return form, 200


@scoring_view("take_part")
def figures_download(request, campaign, unit_id):
    unit = own_unit(request, unit_id)
    criteria = applicable(campaign, selectors.criteria_for(campaign=campaign), unit)
    figures = selectors.figures_by_criterion(scorecard=selectors.scorecard_for(campaign=campaign, unit=unit))
    response = HttpResponse(excel.figures_workbook(unit=unit, criteria=criteria, figures=figures), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="so-lieu.xlsx"'
    return response


@scoring_view("take_part")
def self_assessment(request, campaign, unit_id):
    unit = own_unit(request, unit_id)
    table = selectors.criteria_for(campaign=campaign)
    criteria = applicable(campaign, table, unit)
    scorecard = selectors.scorecard_for(campaign=campaign, unit=unit)
    selfs = {s.criterion_id: s for s in scorecard.self_scores.all()} if scorecard else {}
    figures = selectors.figures_by_criterion(scorecard=scorecard)
    form = SelfAssessmentForm(
        request.POST or None,
        request.FILES or None,
        criteria=criteria,
        selfs={pk: score.points for pk, score in selfs.items()},
        comments={pk: score.comment for pk, score in selfs.items()},
        figures=figures,
        initial={"version": scorecard.version if scorecard else 0},
    )
    status = 200
    if request.method == "POST" and request.POST.get("action") == "import_figures":
        form, status = _figures_read(request, form, criteria=criteria, figures=figures, selfs=selfs)
    elif request.method == "POST":
        if form.is_valid():
            submit = request.POST.get("action") == "submit"
            try:
                scorecard = services.scorecard_save(
                    user=request.user,
                    campaign=campaign,
                    unit=unit,
                    expected_version=form.cleaned_data["version"],
                    scores=form.scores(),
                    evidence=form.evidence(),
                    figures=form.figures(),
                )
                if submit:
                    services.scorecard_submit(
                        user=request.user,
                        scorecard=scorecard,
                        expected_version=scorecard.version,
                        today=timezone.localdate(),
                    )
            except services.StaleScorecard as stale:
                if stale.scorecard and stale.scorecard.status == Scorecard.Status.SUBMITTED:
                    return _already_sent(request, campaign, unit)
                form.add_error(
                    None,
                    _(
                        "Someone else saved this self-assessment while you were editing; your entries are kept. "
                        "Check them against the saved ones and save again."
                    ),
                )
                form.data = form.data.copy()
                form.data["version"] = stale.scorecard.version if stale.scorecard else 0
                status = 409
            except ValidationError as error:
                current = selectors.scorecard_for(campaign=campaign, unit=unit)
                if current and current.status == Scorecard.Status.SUBMITTED:
                    return _already_sent(request, campaign, unit)
                for message in error.messages:
                    form.add_error(None, message)
                if current:
                    form.data = form.data.copy()
                    form.data["version"] = current.version
                status = 400
            else:
                messages.success(request, _("The self-assessment was sent.") if submit else _("Saved."))
                return (
                    redirect("scoring:self", campaign.pk, unit.pk)
                    if not submit
                    else redirect("scoring:hub", campaign.pk)
                )
        else:
            status = 400
    return render(
        request,
        "scoring/self_assessment.html",
        {
            "campaign": campaign,
            "unit": unit,
            "form": form,
            "scorecard": scorecard,
            "evidence": selectors.evidence_by_criterion(scorecard=scorecard),
            "deadline": selectors.milestone_deadline(campaign=campaign, kind="yearend_report"),
            "read_only": scorecard is not None and scorecard.status == Scorecard.Status.SUBMITTED,
            "total_rows": total_rows(criteria, selectors.sheet_totals(criteria=table, points=shown_points(form))),
            "figures": figures,
            "corrections": selectors.figure_changes(scorecard=scorecard),
            "has_figures": any(criterion.needs_figure for criterion in criteria),
            "decimal_separator": formats.get_format("DECIMAL_SEPARATOR"),
            "parts": parts_attribute(table),
        },
        status=status,
    )
