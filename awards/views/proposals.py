"""Proposals: the lists, drawing one up, its page, its lines, sending, recalling, returning and forwarding it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activity.models import ActivityLog
from awards import access as awards_access
from awards import selectors, services
from awards.achievement import lines_without_report
from awards.forms import (
    BallotOpenForm,
    ForwardForm,
    LineForm,
    ProposalForm,
    ReturnForm,
)
from awards.models import ProposalLine, SignedDecision
from awards.rulebook.resolve import rules_in_force, rules_of_proposal
from awards.signing import signed_copy_of
from core.access import requires
from core.views import confirmation_page, confirmed
from organisation.models import Unit

from .common import messages_from


@requires("site.enter")
def index(request):
    return render(
        request,
        "awards/index.html",
        {
            "proposals": awards_access.proposals_visible_to(request.user).select_related(
                "campaign", "proposer", "council"
            )
        },
    )


@requires("campaign.see")
def campaign_proposals(request, campaign):
    access = request.access.grant("campaign")
    return render(
        request,
        "awards/campaign_proposals.html",
        {
            "campaign": campaign,
            "proposals": selectors.proposals_of_campaign(user=request.user, campaign=campaign),
            "can_propose_bloc": bool(access.compiled_unit_ids) and campaign.blocs.exists() and access.is_open,
            "own_units": access.proposing_units if access.is_open else [],
            "rules": rules_in_force(campaign=campaign),
        },
    )


@require_POST
@requires("campaign.take_part")
def proposal_create(request, campaign):
    access = request.access.grant("campaign")
    try:
        if request.POST.get("kind") == "bloc":
            request.access.require("campaign.act_as_compiler")
            proposal = services.proposal_create_from_vote(
                user=request.user, campaign=campaign, compiler=access.compiler_unit
            )
        else:
            unit = get_object_or_404(Unit, pk=request.POST.get("unit") or 0)
            request.access.require("campaign.propose_for", unit.pk)
            proposal = services.proposal_create_for_unit(user=request.user, campaign=campaign, unit=unit)
    except ValidationError as error:
        messages_from(request, error)
        return redirect("awards:campaign", campaign.pk)
    messages.success(request, _("The proposal was drawn up; check it, then send it to the council."))
    return redirect("awards:detail", proposal.pk)


def detail_page(
    request,
    proposal,
    *,
    form=None,
    line_form=None,
    stale_line=None,
    open_form=None,
    forward_form=None,
    return_reason="",
    status=200,
):
    """The proposal's page; a refused form comes back bound, with what was typed and why it was refused."""
    access = request.access.grant("proposal")
    page = selectors.proposal_lines_page(proposal=proposal, page=request.GET.get("page"))
    results = selectors.checks_for(proposal=proposal, lines=page.object_list)
    ballot = access.ballot
    counted = ballot is not None and not ballot.is_open
    tallies = selectors.ballot_tallies(ballot=ballot, line_ids=[line.pk for line in page]) if counted else {}
    decision = selectors.decision_of(proposal=proposal)
    if access.can_edit and line_form is None:
        units, people = selectors.nominee_choices(proposal=proposal)
        line_form = LineForm(units=units, people=people)
    return render(
        request,
        "awards/detail.html",
        {
            "proposal": proposal,
            "access": access,
            "page": page,
            "rows": [(line, results.get(line.pk, []), tallies.get(line.pk, (0, 0))) for line in page],
            "form": form or (ProposalForm(instance=proposal) if access.can_edit else None),
            "line_form": line_form,
            "stale_line": stale_line,
            "ballot": ballot,
            "counted": counted,
            "open_form": open_form
            or (
                BallotOpenForm(thresholds=selectors.ballot_title_thresholds(proposal=proposal))
                if access.may_open_ballot
                else None
            ),
            "decision": decision,
            "forwarding": selectors.forwarding_of(user=request.user, proposal=proposal),
            "rules": rules_of_proposal(proposal=proposal),
            "forward_form": forward_form or (ForwardForm() if access.may_forward else None),
            "return_reason": return_reason,
            "forwarded_from_visible": proposal.forwarded_from_id is not None
            and awards_access.proposals_visible_to(request.user).filter(pk=proposal.forwarded_from_id).exists(),
            "files": selectors.rendered_files(proposal=proposal) if counted else {},
            "signed": signed_copy_of(decision=decision),
            "signed_version": SignedDecision.objects.filter(decision=decision).values_list("version", flat=True).first()
            or 0,
            "missing_reports": lines_without_report(proposal=proposal) if access.may_open_ballot else 0,
            "has_minutes": proposal.kind == proposal.Kind.BLOC,
            "history": ActivityLog.objects.filter(content_type__model="proposal", object_id=proposal.pk).select_related(
                "user"
            )[:50],
        },
        status=status,
    )


@requires("proposal.see")
def detail(request, proposal):
    return detail_page(request, proposal)


@require_POST
@requires("proposal.edit")
def update(request, proposal):
    form = ProposalForm(request.POST, instance=proposal)
    if form.is_valid():
        try:
            services.proposal_update(
                user=request.user, proposal=form.instance, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("awards:detail", proposal.pk)
    return detail_page(request, proposal, form=form, status=400)


@require_POST
@requires("proposal.edit")
def line_add(request, proposal):
    units, people = selectors.nominee_choices(proposal=proposal)
    form = LineForm(request.POST, units=units, people=people)
    if form.is_valid():
        try:
            services.line_add(user=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The line was added."))
            return redirect("awards:detail", proposal.pk)
    return detail_page(request, proposal, line_form=form, status=400)


def _line_changes(post):
    """The fields the line's form showed, with what was posted: a field it did not show is left as it is."""
    shown = post.getlist("fields")
    changes = {}
    if "outstanding" in shown:
        changes["outstanding"] = bool(post.get("outstanding"))
    if "achievements" in shown:
        changes["achievements"] = post.get("achievements", "")[:2000]
    return changes


def _version(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


@require_POST
@requires("proposal.edit")
def line_change(request, proposal, line_id):
    line = get_object_or_404(ProposalLine, pk=line_id, proposal=proposal)
    try:
        if request.POST.get("remove"):
            services.line_remove(user=request.user, line=line)
            messages.success(request, _("The line was removed."))
        else:
            changes = _line_changes(request.POST)
            services.line_update(
                user=request.user, line=line, expected_version=_version(request.POST.get("version")), changes=changes
            )
            messages.success(request, _("Saved."))
    except services.StaleLine as stale:
        return detail_page(request, proposal, stale_line={"saved": stale.line, "mine": changes}, status=409)
    except ValidationError as error:
        messages_from(request, error)
    return redirect("awards:detail", proposal.pk)


@requires("proposal.act_for_proposer")  # a second sending is refused by the service, saying where it went
def submit(request, proposal):
    if not confirmed(request):
        return confirmation_page(
            request,
            question=_("Send the proposal to %(council)s?") % {"council": proposal.council},
            locks=[_("The proposal and its lines can no longer be changed, unless you recall it before the ballot.")],
            told=[_("The secretary of %(council)s, by notification and email.") % {"council": proposal.council}],
            back_url=reverse("awards:detail", args=[proposal.pk]),
            button=_("Send to the council"),
        )
    try:
        services.proposal_submit(user=request.user, proposal=proposal)
    except ValidationError as error:
        messages_from(request, error)
    else:
        messages.success(request, _("The proposal was sent to %(council)s.") % {"council": proposal.council})
    return redirect("awards:detail", proposal.pk)


@require_POST
@requires("proposal.recall")
def recall(request, proposal):
    try:
        services.proposal_recall(user=request.user, proposal=proposal)
    except ValidationError as error:
        messages_from(request, error)
    else:
        messages.success(request, _("The proposal is back with you as a draft; change it and send it again."))
    return redirect("awards:detail", proposal.pk)


@require_POST
@requires("proposal.give_back")
def give_back(request, proposal):
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["reason"])
        services.proposal_return(user=request.user, proposal=proposal, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages_from(request, error)
        return detail_page(request, proposal, return_reason=request.POST.get("reason", ""), status=400)
    messages.success(request, _("The proposal went back to %(unit)s with your reason.") % {"unit": proposal.proposer})
    return redirect("awards:detail", proposal.pk)


@require_POST
@requires("proposal.forward")
def forward(request, proposal):
    form = ForwardForm(request.POST)
    if not form.is_valid():
        return detail_page(request, proposal, forward_form=form, status=400)
    try:
        forwarded = services.proposal_forward(user=request.user, proposal=proposal, **form.cleaned_data)
    except ValidationError as error:
        messages_from(request, error)
        return detail_page(request, proposal, forward_form=form, status=400)
    messages.success(request, _("The lines were forwarded to %(council)s.") % {"council": forwarded.council})
    return redirect("awards:detail", forwarded.pk)
