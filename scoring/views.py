import logging
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from campaigns.access import campaign_view
from campaigns.hooks import ask
from campaigns.models import Title
from organisation.models import SheetImport, Unit
from organisation.services import sheet_import_refuse
from organisation.sheets import error_report
from registrations.selectors import bloc_overview, targets_measured
from scoring import excel, selectors, services
from scoring.forms import (
    CriterionForm,
    ObjectionAnswerForm,
    ObjectionForm,
    PolicyForm,
    ReopenForm,
    ScoreForm,
    SelfAssessmentForm,
    UploadForm,
    VoteForm,
    shown_points,
)
from scoring.models import MAX_CRITERIA, Criterion, Evidence, MidyearReport, Objection, Scorecard

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
VOTE_TITLE_CODES = ("co-thi-dua-tinh", "bang-khen-tinh")

logger = logging.getLogger(__name__)


def scoring_view(need=None):
    """`campaign_view`, with the campaign's scoring rules on the request."""

    def decorator(view):
        @campaign_view(need)
        @wraps(view)
        def wrapper(request, campaign, *args, **kwargs):
            request.policy = selectors.policy_for(campaign=campaign)
            return view(request, campaign, *args, **kwargs)

        return wrapper

    return decorator


def _errors_to_messages(request, error):
    messages.error(request, " ".join(error.messages))


@scoring_view("take_part")
def hub(request, campaign):
    access = request.access
    cross = request.policy.cross_scoring
    peers = [
        unit
        for unit in access.compilers
        if cross and not access.compiles(unit) and access.scorer_for(unit, cross_scoring=True) is not None
    ]
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
            services.policy_save(user=request.user, policy=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The scoring rules were saved."))
            return redirect("scoring:criteria", campaign.pk)
    return render(request, "scoring/form.html", {"campaign": campaign, "form": form, "title": _("Scoring rules")})


@scoring_view()
def criteria(request, campaign):
    return render(
        request,
        "scoring/criteria.html",
        {
            "campaign": campaign,
            "criteria": Criterion.objects.filter(campaign=campaign).select_related("content_item"),
            "policy": request.policy,
            "can_manage": request.access.may_set_up,
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
            services.criterion_save(user=request.user, criterion=form.instance)
        except ValidationError as error:
            for field, errors in (
                error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
            ):
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Saved."))
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
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("The criterion was deleted."))
    return redirect("scoring:criteria", campaign.pk)


@scoring_view()
def criteria_download(request, campaign):
    content = excel.criteria_workbook(criteria=selectors.criteria_for(campaign=campaign))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="thang-diem.xlsx"'
    return response


@scoring_view("manage")
def criteria_import(request, campaign):
    form = UploadForm(request.POST or None, request.FILES or None)
    errors, kept = [], None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        rows, errors = excel.parse_criteria(upload.read(excel.MAX_BYTES + 1))
        if not errors:
            try:
                services.criteria_import(user=request.user, campaign=campaign, rows=rows)
            except ValidationError as error:
                errors = [(None, message) for message in error.messages]
            else:
                messages.success(
                    request, _("The scoring table was imported: %(count)s criteria.") % {"count": len(rows)}
                )
                return redirect("scoring:criteria", campaign.pk)
        kept = sheet_import_refuse(
            user=request.user,
            unit=campaign.issuer,
            kind=SheetImport.Kind.CRITERIA,
            file_name=upload.name,
            errors=errors,
        )
    refused = errors or (request.method == "POST" and not form.is_valid())
    return render(
        request,
        "scoring/criteria_import.html",
        {"campaign": campaign, "form": form, "report": error_report(errors, kept), "max_rows": MAX_CRITERIA},
        status=400 if refused else 200,
    )


def _own_unit(request, unit_id):
    request.access.require_own(unit_id)
    return get_object_or_404(Unit, pk=unit_id)


@scoring_view("take_part")
def report_upload(request, campaign, unit_id):
    unit = _own_unit(request, unit_id)
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
    request.access.require_read(report.unit_id)
    return _file_response(request, report)


@scoring_view()
def evidence_download(request, campaign, evidence_id):
    evidence = get_object_or_404(
        Evidence.objects.select_related("scorecard"), pk=evidence_id, scorecard__campaign=campaign
    )
    unit_id = evidence.scorecard.unit_id
    scorecard_sent = evidence.scorecard.status == Scorecard.Status.SUBMITTED
    # A draft's evidence stays with its unit; once sent, its compiler and the council read it.
    if not request.access.acts_for(unit_id) and not (scorecard_sent and request.access.may_read(unit_id)):
        raise Http404
    return _file_response(request, evidence)


def _applicable(campaign, criteria, unit):
    allowed = selectors.applicable_criteria(campaign=campaign, criteria=criteria, unit_ids=[unit.pk])[unit.pk]
    return [criterion for criterion in criteria if criterion.pk in allowed]


def _already_sent(request, campaign, unit):
    """A post to a sent self-assessment (a replay, a second tab): show it as it was sent, not as posted."""
    messages.info(request, _("This self-assessment was already sent."))
    return redirect("scoring:self", campaign.pk, unit.pk)


@scoring_view("take_part")
def self_assessment(request, campaign, unit_id):
    unit = _own_unit(request, unit_id)
    criteria = _applicable(campaign, selectors.criteria_for(campaign=campaign), unit)
    scorecard = selectors.scorecard_for(campaign=campaign, unit=unit)
    selfs = {s.criterion_id: s for s in scorecard.self_scores.all()} if scorecard else {}
    form = SelfAssessmentForm(
        request.POST or None,
        request.FILES or None,
        criteria=criteria,
        selfs={pk: score.points for pk, score in selfs.items()},
        comments={pk: score.comment for pk, score in selfs.items()},
        initial={"version": scorecard.version if scorecard else 0},
    )
    status = 200
    if request.method == "POST":
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
            "total_rows": _total_rows(criteria, selectors.sheet_totals(criteria=criteria, points=shown_points(form))),
            "decimal_separator": formats.get_format("DECIMAL_SEPARATOR"),
        },
        status=status,
    )


def _score_form(*, criteria, given, prefill, data=None, version):
    return ScoreForm(
        data,
        criteria=criteria,
        given={pk: score.points for pk, score in given.items()},
        comments={pk: score.comment for pk, score in given.items()},
        prefill=prefill,
        initial={"version": version},
    )


def _imported(request, form, *, campaign, criteria, unit, given):
    """The form filled from an uploaded score sheet, to be checked and saved; None when the file is refused."""
    upload = request.FILES.get("sheet")
    values, errors = excel.parse_unit_scores(
        upload.read(excel.MAX_BYTES + 1) if upload else b"", unit=unit, criteria=criteria
    )
    if errors:
        messages.error(request, " ".join(errors))
        return None
    data = {"version": form.initial["version"]}
    for criterion in criteria:
        value = values.get(criterion.pk)
        data[f"points_{criterion.pk}"] = "" if value is None else formats.localize_input(value)
        data[f"comment_{criterion.pk}"] = given[criterion.pk].comment if criterion.pk in given else ""
    messages.info(
        request,
        _("The points of %(unit)s were read from the file: check them and save; nothing is saved yet.")
        % {"unit": unit.name},
    )
    return data


@scoring_view("take_part")
def score_unit(request, campaign, unit_id):
    access = request.access
    scorer_id = access.scorer_for(unit_id, cross_scoring=request.policy.cross_scoring)
    if scorer_id is None:
        access.require_read(unit_id)
        raise PermissionDenied
    scorer = Unit.objects.get(pk=scorer_id)
    unit = get_object_or_404(Unit, pk=unit_id)
    criteria = _applicable(campaign, selectors.criteria_for(campaign=campaign), unit)
    sheet = selectors.score_sheet_for(campaign=campaign, unit=unit, scorer=scorer)
    given = selectors.scores_by_scorer(campaign=campaign, unit=unit, scorer=scorer)
    scorecard = selectors.scorecard_for(campaign=campaign, unit=unit)
    # Draft self-scores and draft evidence stay with their unit until it sends them.
    sent = scorecard is not None and scorecard.status == Scorecard.Status.SUBMITTED
    selfs = {s.criterion_id: s for s in scorecard.self_scores.all()} if sent else {}
    # Its compiler starts from the unit's own points and types only where it disagrees.
    prefill = {pk: score.points for pk, score in selfs.items()} if scorer_id == access.compilers[unit.pk] else {}
    version = sheet.version if sheet else 0
    locked = selectors.is_locked(campaign=campaign, compiler_id=access.compilers[unit.pk])
    form = _score_form(criteria=criteria, given=given, prefill=prefill, version=version)
    status = 200
    saved_by_other = {}
    if request.method == "POST" and request.POST.get("action") == "import" and access.compiles(unit.pk) and not locked:
        data = _imported(request, form, campaign=campaign, criteria=criteria, unit=unit, given=given)
        if data is not None:
            form = _score_form(criteria=criteria, given=given, prefill=prefill, data=data, version=version)
            form.is_valid()  # show at once what the file holds that cannot be saved
        else:
            status = 400
    elif request.method == "POST":
        form = _score_form(criteria=criteria, given=given, prefill=prefill, data=request.POST, version=version)
        if form.is_valid():
            try:
                services.scores_set(
                    user=request.user,
                    campaign=campaign,
                    scorer=scorer,
                    unit=unit,
                    expected_version=form.cleaned_data["version"],
                    points=form.points(),
                    comments=form.comments(),
                    compilers=access.compilers,
                )
            except services.StaleScores as stale:
                # Keep what this user typed; show beside it what the other person saved.
                form.add_error(
                    None,
                    _(
                        "Someone else saved the scores for this unit while you were editing. Their points are shown "
                        "beside yours, which are kept: check them and save again."
                    ),
                )
                sheet = stale.sheet
                form.data = form.data.copy()
                form.data["version"] = sheet.version if sheet else 0
                saved_by_other = {
                    pk: score.points
                    for pk, score in selectors.scores_by_scorer(campaign=campaign, unit=unit, scorer=scorer).items()
                }
                status = 409
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
                status = 400
            else:
                messages.success(request, _("The scores for %(unit)s were saved.") % {"unit": unit})
                return redirect("scoring:score", campaign.pk, unit.pk)
        else:
            status = 400
    shown = shown_points(form)
    return render(
        request,
        "scoring/score_unit.html",
        {
            "campaign": campaign,
            "unit": unit,
            "scorer": scorer,
            "form": form,
            "rows": [
                (
                    criterion,
                    form[f"points_{criterion.pk}"],
                    selfs.get(criterion.pk),
                    saved_by_other.get(criterion.pk),
                    form[f"comment_{criterion.pk}"],
                    _difference(shown.get(criterion.pk), selfs.get(criterion.pk)),
                )
                for criterion in criteria
            ],
            "prefilled": bool(form.prefilled) and not form.is_bound,
            "total_rows": _total_rows(
                criteria,
                selectors.sheet_totals(criteria=criteria, points=shown),
                selectors.sheet_totals(criteria=criteria, points={pk: score.points for pk, score in selfs.items()})
                if selfs
                else None,
            ),
            "may_import": access.compiles(unit.pk) and not locked,
            "decimal_separator": formats.get_format("DECIMAL_SEPARATOR"),
            "stale": status == 409,
            "sheet": sheet,
            "scorecard": scorecard if sent else None,
            "evidence": selectors.evidence_by_criterion(scorecard=scorecard if sent else None),
            "locked": locked,
            "history": selectors.score_history(campaign=campaign, unit_ids={unit.pk})
            if access.compiles(unit_id) or access.reads_all
            else [],
        },
        status=status,
    )


TOTAL_LABELS = {
    "regular": gettext_lazy("Criteria"),
    "bonus": gettext_lazy("Bonus points"),
    "deduction": gettext_lazy("Deductions"),
    "final": gettext_lazy("Total"),
}


def _total_rows(criteria, totals, self_totals=None):
    """(key, label, self total, total, difference) under a score table; a bonus or deduction row only where the
    table has such lines."""
    kinds = {criterion.kind for criterion in criteria}
    rows = []
    for key in ("regular", "bonus", "deduction", "final"):
        if key in ("bonus", "deduction") and key not in kinds:
            continue
        value = getattr(totals, key)
        own = getattr(self_totals, key) if self_totals is not None else None
        rows.append((key, TOTAL_LABELS[key], own, value, None if own is None else value - own))
    return rows


def _difference(points, self_score):
    """The score less the unit's own, on one line; None where either is missing."""
    return None if points is None or self_score is None else points - self_score.points


def _ranking_context(request, campaign):
    access = request.access
    unit_ids = access.listed_unit_ids
    criteria = selectors.criteria_for(campaign=campaign)
    rows = selectors.ranking_rows(
        campaign=campaign, policy=request.policy, unit_ids=unit_ids, compilers=access.compilers, criteria=criteria
    )
    return unit_ids, criteria, rows


@scoring_view("list")
def ranking(request, campaign):
    unit_ids, criteria, rows = _ranking_context(request, campaign)
    compiler_id = request.access.compiler_id
    current = selectors.ranking_for(campaign=campaign, compiler_id=compiler_id) if compiler_id else None
    return render(
        request,
        "scoring/ranking.html",
        {
            "campaign": campaign,
            "rows": rows,
            "policy": request.policy,
            "ranking": current,
            "entries": selectors.final_entries(ranking=current) if current and current.status == "final" else [],
            "can_finalise": bool(request.access.compiled_unit_ids) and request.access.is_open,
            "reopen_form": ReopenForm(),
            "criteria_count": len(criteria),
            "objections": selectors.objections_for(ranking=current),
            "answer_form": ObjectionAnswerForm(),
        },
    )


@require_POST
@scoring_view("compile")
def ranking_publish(request, campaign):
    try:
        services.ranking_publish(
            user=request.user, campaign=campaign, compiler=request.access.compiler_unit, today=timezone.localdate()
        )
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("The results are published: every member unit sees the ranking and its scores."))
    return redirect("scoring:ranking", campaign.pk)


@scoring_view("take_part")
def results(request, campaign):
    """The published results of the rankings the user's units compete in: the ranking, and each own unit's lines."""
    access = request.access
    today = timezone.localdate()
    groups = []
    for compiler_id in access.member_compiler_ids:
        ranking = selectors.ranking_for(campaign=campaign, compiler_id=compiler_id)
        compiler = Unit.objects.get(pk=compiler_id)
        if ranking is None or not access.may_see_results(ranking):
            groups.append({"compiler": compiler, "ranking": None})
            continue
        entries = selectors.final_entries(ranking=ranking)
        by_unit = {entry.unit_id: entry for entry in entries}
        own = sorted((entry.unit for entry in entries if access.acts_for(entry.unit_id)), key=lambda u: u.sort_name)
        groups.append(
            {
                "compiler": compiler,
                "ranking": ranking,
                "entries": entries,
                "units": [
                    {
                        "unit": unit,
                        "entry": by_unit[unit.pk],
                        "lines": selectors.unit_results(
                            campaign=campaign, policy=request.policy, unit=unit, ranking=ranking
                        ),
                    }
                    for unit in own
                ],
                "may_object": access.is_open
                and ranking.objections_until is not None
                and today <= ranking.objections_until,
                "votes": selectors.vote_results(
                    meeting=selectors.vote_meeting_for(campaign=campaign, compiler_id=compiler_id)
                ),
            }
        )
    return render(
        request,
        "scoring/results.html",
        {"campaign": campaign, "groups": groups, "objection_form": ObjectionForm()},
    )


@require_POST
@scoring_view("take_part")
def objection_send(request, campaign, unit_id):
    unit = _own_unit(request, unit_id)
    form = ObjectionForm(request.POST)
    form.is_valid()
    try:
        services.objection_send(
            user=request.user,
            campaign=campaign,
            compiler_id=request.access.compilers[unit.pk],
            unit=unit,
            criterion=Criterion.objects.filter(campaign=campaign, pk=form.cleaned_data.get("criterion") or 0).first(),
            text=form.cleaned_data.get("text", ""),
            today=timezone.localdate(),
        )
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("Your objection was sent to the compiler."))
    return redirect("scoring:results", campaign.pk)


@require_POST
@scoring_view("compile")
def objection_answer(request, campaign, objection_id):
    objection = get_object_or_404(
        Objection.objects.select_related("ranking"), pk=objection_id, ranking__campaign=campaign
    )
    if not request.access.compiles(objection.unit_id):
        raise PermissionDenied
    form = ObjectionAnswerForm(request.POST)
    correct = request.POST.get("action") == "correct"
    try:
        if not form.is_valid():
            raise ValidationError(_("Write the answer to the objection."))
        services.objection_answer(
            user=request.user, objection=objection, answer=form.cleaned_data["answer"], correct=correct
        )
    except ValidationError as error:
        _errors_to_messages(request, error)
        return redirect("scoring:ranking", campaign.pk)
    if correct:
        messages.success(
            request, _("The answer was recorded and the ranking reopened: correct the score, then finalise again.")
        )
        return redirect("scoring:score", campaign.pk, objection.unit_id)
    messages.success(request, _("The answer was recorded."))
    return redirect("scoring:ranking", campaign.pk)


@require_POST
@scoring_view("compile")
def ranking_finalise(request, campaign):
    access = request.access
    try:
        services.ranking_finalise(
            user=request.user,
            campaign=campaign,
            compiler=access.compiler_unit,
            unit_ids=access.compiled_unit_ids,
            compilers=access.compilers,
        )
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("The ranking is final; scores are locked."))
    return redirect("scoring:ranking", campaign.pk)


@require_POST
@scoring_view("compile")
def ranking_reopen(request, campaign):
    current = selectors.ranking_for(campaign=campaign, compiler_id=request.access.compiler_id)
    form = ReopenForm(request.POST)
    if current is None or not form.is_valid():
        messages.error(request, _("Give the reason for reopening the ranking."))
        return redirect("scoring:ranking", campaign.pk)
    try:
        services.ranking_reopen(user=request.user, ranking=current, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("The ranking was reopened; scores can change again."))
    return redirect("scoring:ranking", campaign.pk)


@scoring_view("list")
def ranking_download(request, campaign):
    _unit_ids, _criteria, rows = _ranking_context(request, campaign)
    response = HttpResponse(excel.ranking_workbook(campaign=campaign, rows=rows), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="xep-hang.xlsx"'
    return response


@scoring_view("list")
def scores_download(request, campaign):
    _unit_ids, criteria, rows = _ranking_context(request, campaign)
    response = HttpResponse(excel.scores_workbook(campaign=campaign, criteria=criteria, rows=rows), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="bang-diem.xlsx"'
    return response


@scoring_view("list")
def vote(request, campaign):
    access = request.access
    unit_ids = access.listed_unit_ids
    units = list(Unit.objects.filter(id__in=unit_ids).order_by("sort_name"))
    titles = list(Title.objects.filter(code__in=VOTE_TITLE_CODES).order_by("position"))
    meeting = (
        selectors.vote_meeting_for(campaign=campaign, compiler_id=access.compiler_id) if access.compiler_id else None
    )
    initial = {}
    if meeting:
        initial = {"held_on": meeting.held_on, "place": meeting.place, "notes": meeting.notes}
        initial.update({f"present_{pk}": True for pk in meeting.present.values_list("pk", flat=True)})
        initial.update(
            {
                f"ballot_{t}_{v}_{c}": True
                for v, c, t in meeting.ballots.values_list("voter_id", "candidate_id", "title_id")
            }
        )
    form = VoteForm(request.POST or None, units=units, titles=titles, initial=initial)
    status = 200
    if request.method == "POST":
        if not access.compiled_unit_ids:
            raise PermissionDenied
        if form.is_valid():
            try:
                meeting = services.vote_meeting_save(
                    user=request.user,
                    campaign=campaign,
                    compiler=access.compiler_unit,
                    unit_ids=unit_ids,
                    held_on=form.cleaned_data["held_on"],
                    place=form.cleaned_data["place"],
                    notes=form.cleaned_data["notes"],
                    present=form.present(),
                    ballots=form.ballots(),
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
                status = 400
            else:
                messages.success(request, _("The vote was recorded."))
                return redirect("scoring:vote", campaign.pk)
        else:
            status = 400
    return render(
        request,
        "scoring/vote.html",
        {
            "campaign": campaign,
            "form": form,
            "meeting": meeting,
            "results": selectors.vote_results(meeting=meeting),
            "can_record": bool(access.compiled_unit_ids) and access.is_open,
            "threshold": meeting.threshold if meeting else request.policy.vote_threshold,
        },
        status=status,
    )


@scoring_view("list")
def progress(request, campaign):
    unit_ids = request.access.listed_unit_ids
    targets = bloc_overview(campaign=campaign, unit_ids=unit_ids, today=timezone.localdate())["targets"]
    reached = {
        row["target"].pk: row
        for row in targets_measured(
            campaign=campaign,
            targets=[row["target"] for row in targets],
            unit_ids=unit_ids,
            counts=ask("approved_counts", default={}, campaign=campaign, unit_ids=unit_ids),
        )
    }
    for row in targets:
        measured = reached[row["target"].pk]
        row.update(reached=measured["count"], reached_whole=measured["whole"], reached_percent=measured["percent"])
    counts = selectors.progress_counts(campaign=campaign, unit_ids=unit_ids)
    chart_data = {
        "papers": {
            "labels": [_("Registrations"), _("Mid-year reports"), _("Self-assessments"), _("Scored")],
            "received": [counts["registrations"], counts["reports"], counts["scorecards"], counts["scored"]],
            "total": counts["total"],
            "receivedLabel": _("Received"),
            "missingLabel": _("Missing"),
        },
        "targets": {
            "labels": [row["target"].title.name for row in targets],
            "registered": [float(row["percent"] or 0) for row in targets],
            "reached": [float(row["reached_percent"] or 0) for row in targets],
            "reachedLabel": _("Reached: approved by the council (%)"),
            "target": [float(row["target"].percentage) for row in targets],
            "registeredLabel": _("Registered (%)"),
            "targetLabel": _("Target (%)"),
        },
    }
    return render(
        request,
        "scoring/progress.html",
        {"campaign": campaign, "counts": counts, "targets": targets, "chart_data": chart_data},
    )
