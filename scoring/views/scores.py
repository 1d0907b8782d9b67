"""The compiler's scores for a unit, typed or read back from the exported score sheet."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organisation.models import Unit
from scoring import excel, selectors, services
from scoring.forms import (
    FigureCorrectionForm,
    ScoreForm,
    shown_points,
)
from scoring.models import Criterion, Scorecard
from scoring.totals import parts_attribute

from .common import errors_to_messages, scoring_view
from .papers import applicable
from .ranking import difference, total_rows


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


@require_POST
@scoring_view("compile")
def agree_with_self(request, campaign):
    """Agree with the self-scores: of one unit (`unit`), or of every unit compiled and not yet scored."""
    access = request.access.grant("campaign")
    unit_id = request.POST.get("unit", "")
    if unit_id.isdigit():
        request.access.require("campaign.compile_unit", int(unit_id))
        unit_ids, only_unscored = {int(unit_id)}, False
    else:
        unit_ids, only_unscored = access.compiled_unit_ids, True
    try:
        agreed = services.scores_agree_with_self(
            user=request.user,
            campaign=campaign,
            unit_ids=unit_ids,
            compilers=access.compilers,
            only_unscored=only_unscored,
        )
    except ValidationError as error:
        errors_to_messages(request, error)
        agreed = None
    if agreed:
        messages.success(
            request,
            _("The self-scores of %(units)s were taken as your scores; change only the lines you dispute.")
            % {"units": ", ".join(unit.name for unit in agreed)},
        )
    elif agreed is not None:
        messages.info(request, _("No unit waits: every unit that sent its self-assessment is scored already."))
    if len(unit_ids) == 1:
        return redirect("scoring:score", campaign.pk, next(iter(unit_ids)))
    rows = selectors.ranking_rows(
        campaign=campaign, policy=request.policy, unit_ids=access.compiled_unit_ids, compilers=access.compilers
    )
    if agreed and all(row.complete for row in rows):
        # Every unit is scored: what the leader does next is check the ranking and finalise it.
        return redirect("scoring:ranking", campaign.pk)
    return redirect("scoring:hub", campaign.pk)


@scoring_view("take_part")
def score_unit(request, campaign, unit_id):
    request.access.require(
        "campaign.score", (unit_id, request.policy.cross_scoring), seen_by=("campaign.read", unit_id)
    )
    access = request.access.grant("campaign")
    scorer_id = access.scorer_for(unit_id, cross_scoring=request.policy.cross_scoring)
    scorer = Unit.objects.get(pk=scorer_id)
    unit = get_object_or_404(Unit, pk=unit_id)
    criteria = applicable(campaign, selectors.criteria_for(campaign=campaign), unit)
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
    if (
        request.method == "POST"
        and request.POST.get("action") == "import"
        and request.access.may("campaign.compile_unit", unit.pk)
        and not locked
    ):
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
    figures = selectors.figures_by_criterion(scorecard=scorecard if sent else None)
    table = selectors.criteria_for(campaign=campaign)
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
                    difference(shown.get(criterion.pk), selfs.get(criterion.pk)),
                    figures.get(criterion.pk),
                )
                for criterion in criteria
            ],
            "prefilled": bool(form.prefilled) and not form.is_bound,
            "total_rows": total_rows(
                criteria,
                selectors.sheet_totals(criteria=table, points=shown),
                selectors.sheet_totals(criteria=table, points={pk: score.points for pk, score in selfs.items()})
                if selfs
                else None,
            ),
            "may_import": request.access.may("campaign.compile_unit", unit.pk) and not locked,
            "may_agree": bool(selfs) and request.access.may("campaign.compile_unit", unit.pk) and not locked,
            "may_correct": request.access.may("campaign.compile_unit", unit.pk) and not locked,
            "decimal_separator": formats.get_format("DECIMAL_SEPARATOR"),
            "parts": parts_attribute(table),
            "stale": status == 409,
            "sheet": sheet,
            "scorecard": scorecard if sent else None,
            "evidence": selectors.evidence_by_criterion(scorecard=scorecard if sent else None),
            "locked": locked,
            # The unit's band as its final scores stand, with why.
            "standing": selectors.ranking_rows(
                campaign=campaign, policy=request.policy, unit_ids=[unit.pk], compilers=access.compilers
            )[0],
            "history": selectors.score_history(campaign=campaign, unit_ids={unit.pk}, page=request.GET.get("history"))
            if request.access.may("campaign.compile_unit", unit_id) or request.access.may("campaign.read_all")
            else [],
        },
        status=status,
    )


@scoring_view("take_part")
def figure_correct(request, campaign, unit_id, criterion_id):
    """The compiler confirms or corrects a figure a unit reported, with the reason; the unit sees both."""
    request.access.require("campaign.compile_unit", unit_id)
    access = request.access.grant("campaign")
    unit = get_object_or_404(Unit, pk=unit_id)
    criterion = get_object_or_404(Criterion, pk=criterion_id, campaign=campaign)
    scorecard = selectors.scorecard_for(campaign=campaign, unit=unit)
    figure = selectors.figures_by_criterion(scorecard=scorecard).get(criterion.pk)
    if figure is None or scorecard.status != Scorecard.Status.SUBMITTED:
        messages.error(request, _("The unit has not sent a figure on this line yet."))
        return redirect("scoring:score", campaign.pk, unit.pk)
    form = FigureCorrectionForm(request.POST or None, criterion=criterion, figure=figure)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.figure_correct(
                    user=request.user,
                    campaign=campaign,
                    unit=unit,
                    criterion=criterion,
                    value=form.cleaned_data["value"],
                    base=form.cleaned_data.get("base"),
                    reason=form.cleaned_data["reason"],
                    compiler_id=access.compilers[unit.pk],
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
                status = 400
            else:
                messages.success(request, _("The figure of %(unit)s was saved.") % {"unit": unit.name})
                return redirect("scoring:score", campaign.pk, unit.pk)
        else:
            status = 400
    return render(
        request,
        "scoring/figure_correct.html",
        {
            "campaign": campaign,
            "unit": unit,
            "criterion": criterion,
            "figure": figure,
            "form": form,
            "changes": selectors.figure_changes(scorecard=scorecard).get(criterion.pk, []),
        },
        status=status,
    )
