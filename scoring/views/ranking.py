"""The ranking: finalising, reopening, publishing to the members, the results a member sees, objections, and the exports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.views import confirmation_page, confirmed
from organisation.models import Unit
from scoring import excel, selectors, services, ties
from scoring.forms import (
    ObjectionAnswerForm,
    ObjectionForm,
    ReopenForm,
)
from scoring.models import Criterion, Objection

from .common import XLSX, errors_to_messages, own_unit, scoring_view

TOTAL_LABELS = {
    "regular": gettext_lazy("Criteria"),
    "bonus": gettext_lazy("Bonus points"),
    "deduction": gettext_lazy("Deductions"),
    "final": gettext_lazy("Total"),
}


def total_rows(criteria, totals, self_totals=None):
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


def difference(points, self_score):
    """The score less the unit's own, on one line; None where either is missing."""
    return None if points is None or self_score is None else points - self_score.points


def _ranking_context(request, campaign, *, figures=False):
    access = request.access.grant("campaign")
    unit_ids = access.listed_unit_ids
    criteria = selectors.criteria_for(campaign=campaign)
    rows = selectors.ranking_rows(
        campaign=campaign,
        policy=request.policy,
        unit_ids=unit_ids,
        compilers=access.compilers,
        criteria=criteria,
        figures=figures,
    )
    return unit_ids, criteria, rows


@scoring_view("list")
def ranking(request, campaign):
    return ranking_page(request, campaign)


def ranking_page(request, campaign, *, refused_answer=None, status=200):
    """The compiler's ranking; `refused_answer` is an answer to an objection sent back, with what was typed and why."""
    unit_ids, criteria, rows = _ranking_context(request, campaign)
    compiler_id = request.access.grant("campaign").compiler_id
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
            "can_finalise": request.access.may("campaign.act_as_compiler") and campaign.is_open,
            "reopen_form": ReopenForm(),
            "criteria_count": len(criteria),
            "objections": selectors.objections_for(ranking=current),
            "refused_answer": refused_answer,
            "compiled_unit_ids": request.access.grant("campaign").compiled_unit_ids,
            "tie_rules": ties.tie_rules_for(campaign=campaign),
            "has_bands": any(row.band for row in rows) or any(row.band_reason for row in rows),
        },
        status=status,
    )


def _publish_locks(request):
    days = request.policy.objection_days
    return [
        _("The ranking and every unit's scores become visible to all member units."),
        _("Members may object for %(days)s days; scores change after that only through an objection.") % {"days": days}
        if days
        else _("The results are final once published."),
    ]


@scoring_view("compile")
def ranking_publish(request, campaign):
    if not confirmed(request):
        return confirmation_page(
            request,
            question=_("Publish the ranking to the members?"),
            locks=_publish_locks(request),
            told=[_("Every member unit of the ranking, by notification and email.")],
            back_url=reverse("scoring:ranking", args=[campaign.pk]),
            button=_("Publish the results"),
        )
    try:
        services.ranking_publish(
            user=request.user,
            campaign=campaign,
            compiler=request.access.grant("campaign").compiler_unit,
            today=timezone.localdate(),
        )
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("The results are published: every member unit sees the ranking and its scores."))
    return redirect("scoring:ranking", campaign.pk)


@scoring_view("take_part")
def results(request, campaign):
    return results_page(request, campaign)


def results_page(request, campaign, *, refused=None, status=200):
    """The published results of the rankings the user's units compete in: the ranking, and each own unit's lines.

    `refused` is an objection sent back: its unit, criterion, text and why,
    shown open on its line with what was typed.
    """
    access = request.access.grant("campaign")
    today = timezone.localdate()
    groups = []
    for compiler_id in access.member_compiler_ids:
        ranking = selectors.ranking_for(campaign=campaign, compiler_id=compiler_id)
        compiler = Unit.objects.get(pk=compiler_id)
        if ranking is None or not request.access.may("campaign.see_results", ranking):
            groups.append({"compiler": compiler, "ranking": None})
            continue
        entries = selectors.final_entries(ranking=ranking)
        by_unit = {entry.unit_id: entry for entry in entries}
        own = sorted(
            (entry.unit for entry in entries if request.access.may("campaign.act_for", entry.unit_id)),
            key=lambda unit: unit.sort_name,
        )
        groups.append(
            {
                "compiler": compiler,
                "ranking": ranking,
                "entries": entries,
                "has_bands": any(entry.band or entry.band_reason for entry in entries),
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
        {"campaign": campaign, "groups": groups, "refused": refused, "own_unit_ids": access.own_unit_ids},
        status=status,
    )


@require_POST
@scoring_view("take_part")
def objection_send(request, campaign, unit_id):
    unit = own_unit(request, unit_id)
    form = ObjectionForm(request.POST)
    refused = {"unit": unit.pk, "criterion": None, "text": request.POST.get("text", ""), "errors": []}
    if not form.is_valid():
        # What was typed goes back to its line, with why, inline.
        refused |= {
            "criterion": form.cleaned_data.get("criterion"),
            "errors": [message for field_errors in form.errors.values() for message in field_errors],
        }
        if refused["criterion"] is None:
            messages.error(request, " ".join(refused["errors"]))
        return results_page(request, campaign, refused=refused, status=400)
    try:
        services.objection_send(
            user=request.user,
            campaign=campaign,
            compiler_id=request.access.grant("campaign").compilers[unit.pk],
            unit=unit,
            criterion=Criterion.objects.filter(campaign=campaign, pk=form.cleaned_data["criterion"]).first(),
            text=form.cleaned_data["text"],
            today=timezone.localdate(),
        )
    except ValidationError as error:
        # The state refuses it (the window closed, the campaign too): said at the top, the text kept on its line.
        errors_to_messages(request, error)
        refused["criterion"] = form.cleaned_data["criterion"]
        return results_page(request, campaign, refused=refused, status=400)
    messages.success(request, _("Your objection was sent to the compiler."))
    return redirect("scoring:results", campaign.pk)


@require_POST
@scoring_view("compile")
def objection_answer(request, campaign, objection_id):
    objection = get_object_or_404(
        Objection.objects.select_related("ranking"), pk=objection_id, ranking__campaign=campaign
    )
    request.access.require("campaign.compile_unit", objection.unit_id)
    form = ObjectionAnswerForm(request.POST)
    correct = request.POST.get("action") == "correct"
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["answer"])
        services.objection_answer(
            user=request.user, objection=objection, answer=form.cleaned_data["answer"], correct=correct
        )
    except ValidationError as error:
        errors_to_messages(request, error)
        refused = {"objection": objection.pk, "text": request.POST.get("answer", "")}
        return ranking_page(request, campaign, refused_answer=refused, status=400)
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
    """Finalise the ranking; with `publish`, publish it at once, as the leader does next (asked once for both)."""
    access = request.access.grant("campaign")
    publish = request.POST.get("publish") == "1"
    if publish and not confirmed(request):
        return confirmation_page(
            request,
            question=_("Finalise the ranking and publish it to the members?"),
            locks=[_("Every unit's scores are locked as they stand."), *_publish_locks(request)],
            told=[_("Every member unit of the ranking, by notification and email.")],
            back_url=reverse("scoring:ranking", args=[campaign.pk]),
            button=_("Finalise and publish"),
        )
    arguments = {
        "user": request.user,
        "campaign": campaign,
        "compiler": access.compiler_unit,
        "unit_ids": access.compiled_unit_ids,
        "compilers": access.compilers,
    }
    try:
        if publish:
            services.ranking_finalise_and_publish(**arguments, today=timezone.localdate())
        else:
            services.ranking_finalise(**arguments)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(
            request,
            _("The ranking is final and published: every member unit sees it and its scores.")
            if publish
            else _("The ranking is final; scores are locked."),
        )
    return redirect("scoring:ranking", campaign.pk)


@require_POST
@scoring_view("compile")
def ranking_reopen(request, campaign):
    current = selectors.ranking_for(campaign=campaign, compiler_id=request.access.grant("campaign").compiler_id)
    form = ReopenForm(request.POST)
    if current is None or not form.is_valid():
        messages.error(request, _("Give the reason for reopening the ranking."))
        return redirect("scoring:ranking", campaign.pk)
    try:
        services.ranking_reopen(user=request.user, ranking=current, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("The ranking was reopened; scores can change again."))
    return redirect("scoring:ranking", campaign.pk)


@scoring_view("list")
def ranking_download(request, campaign):
    _unit_ids, _criteria, rows = _ranking_context(request, campaign, figures=True)
    response = HttpResponse(excel.ranking_workbook(campaign=campaign, rows=rows), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="xep-hang.xlsx"'
    return response


@scoring_view("list")
def scores_download(request, campaign):
    _unit_ids, criteria, rows = _ranking_context(request, campaign, figures=True)
    response = HttpResponse(excel.scores_workbook(campaign=campaign, criteria=criteria, rows=rows), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="bang-diem.xlsx"'
    return response
