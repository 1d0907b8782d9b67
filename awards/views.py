from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activity.models import ActivityLog
from awards import selectors, services
from awards.checks import check_proposal, rule_set_for
from awards.excel import proposal_list_workbook
from awards.forms import DecisionForm, InitiativeDecisionForm, InitiativeForm, LineForm, ProposalForm
from awards.models import ProposalLine, Rule
from awards.pdf import DOCUMENTS
from campaigns.access import campaign_view
from campaigns.models import Title
from organisation.models import Unit


def proposal_view(*, edit=False, review=False):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, proposal_id, *args, **kwargs):
            proposal, access = selectors.proposal_get_for_user(user=request.user, proposal_id=proposal_id)
            if (edit and not access.can_edit) or (review and not access.can_review):
                raise PermissionDenied
            request.proposal_access = access
            return view(request, proposal, *args, **kwargs)

        return wrapper

    return decorator


def _messages_from(request, error):
    messages.error(request, " ".join(error.messages))


@login_required
def index(request):
    return render(
        request,
        "awards/index.html",
        {"proposals": selectors.proposals_visible_to(request.user).select_related("campaign", "proposer", "council")},
    )


@campaign_view()
def campaign_proposals(request, campaign):
    access = request.access
    return render(
        request,
        "awards/campaign_proposals.html",
        {
            "campaign": campaign,
            "proposals": selectors.proposals_of_campaign(user=request.user, campaign=campaign),
            "can_propose_bloc": bool(access.compiled_unit_ids) and campaign.blocs.exists() and access.is_open,
            "own_units": access.proposing_units if access.is_open else [],
            "rule_set": rule_set_for(campaign=campaign),
        },
    )


@require_POST
@campaign_view("take_part")
def proposal_create(request, campaign):
    access = request.access
    try:
        if request.POST.get("kind") == "bloc":
            if not access.compiled_unit_ids:
                raise PermissionDenied
            proposal = services.proposal_create_from_vote(
                user=request.user, campaign=campaign, compiler=access.compiler_unit
            )
        else:
            unit = get_object_or_404(Unit, pk=request.POST.get("unit") or 0)
            if not access.may_propose_for(unit.pk):
                raise PermissionDenied
            proposal = services.proposal_create_for_unit(user=request.user, campaign=campaign, unit=unit)
    except ValidationError as error:
        _messages_from(request, error)
        return redirect("awards:campaign", campaign.pk)
    messages.success(request, _("The proposal was drawn up; check it, then send it to the council."))
    return redirect("awards:detail", proposal.pk)


def _detail_page(request, proposal, *, form=None, line_form=None, status=200):
    access = request.proposal_access
    lines = selectors.proposal_lines(proposal=proposal)
    results = check_proposal(proposal=proposal)
    units, people = selectors.nominee_choices(proposal=proposal)
    return render(
        request,
        "awards/detail.html",
        {
            "proposal": proposal,
            "access": access,
            "rows": [(line, results.get(line.pk, [])) for line in lines],
            "form": form or (ProposalForm(instance=proposal) if access.can_edit else None),
            "line_form": line_form or (LineForm(units=units, people=people) if access.can_edit else None),
            "decision_form": DecisionForm(),
            "has_minutes": proposal.kind == proposal.Kind.BLOC,
            "history": ActivityLog.objects.filter(content_type__model="proposal", object_id=proposal.pk).select_related(
                "user"
            )[:50],
        },
        status=status,
    )


@proposal_view()
def detail(request, proposal):
    return _detail_page(request, proposal)


@require_POST
@proposal_view(edit=True)
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
    return _detail_page(request, proposal, form=form, status=400)


@require_POST
@proposal_view(edit=True)
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
    return _detail_page(request, proposal, line_form=form, status=400)


@require_POST
@proposal_view(edit=True)
def line_change(request, proposal, line_id):
    line = get_object_or_404(ProposalLine, pk=line_id, proposal=proposal)
    try:
        if request.POST.get("remove"):
            services.line_remove(user=request.user, line=line)
            messages.success(request, _("The line was removed."))
        else:
            services.line_update(
                user=request.user,
                line=line,
                outstanding=bool(request.POST.get("outstanding")),
                achievements=request.POST.get("achievements", "")[:2000],
            )
            messages.success(request, _("Saved."))
    except ValidationError as error:
        _messages_from(request, error)
    return redirect("awards:detail", proposal.pk)


@require_POST
@proposal_view(edit=True)
def submit(request, proposal):
    try:
        services.proposal_submit(user=request.user, proposal=proposal)
    except ValidationError as error:
        _messages_from(request, error)
    else:
        messages.success(request, _("The proposal was sent to %(council)s.") % {"council": proposal.council})
    return redirect("awards:detail", proposal.pk)


@require_POST
@proposal_view(review=True)
def decide(request, proposal, line_id):
    line = get_object_or_404(ProposalLine, pk=line_id, proposal=proposal)
    form = DecisionForm(request.POST)
    form.is_valid()
    try:
        services.line_decide(
            user=request.user,
            line=line,
            approve=request.POST.get("decision") == "approve",
            reason=form.cleaned_data.get("reason", ""),
        )
    except ValidationError as error:
        _messages_from(request, error)
    return redirect(f"{reverse('awards:detail', args=[proposal.pk])}#line-{line.pk}")


@require_POST
@proposal_view(review=True)
def approve(request, proposal):
    try:
        services.proposal_approve(user=request.user, proposal=proposal)
    except ValidationError as error:
        _messages_from(request, error)
    else:
        messages.success(request, _("The council approved the proposal."))
    return redirect("awards:detail", proposal.pk)


@proposal_view()
def document(request, proposal, name):
    if name not in DOCUMENTS or (name == "minutes" and proposal.kind != proposal.Kind.BLOC):
        raise Http404
    filename, mime, content = DOCUMENTS[name](proposal).generate()
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@proposal_view()
def list_download(request, proposal):
    content = proposal_list_workbook(proposal=proposal, lines=selectors.proposal_lines(proposal=proposal))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="danh-sach-de-nghi.xlsx"'
    return response


@login_required
def titles(request):
    return render(
        request,
        "awards/titles.html",
        {
            "titles": Title.objects.filter(is_active=True),
            "rules": Rule.objects.select_related("rule_set", "title", "other_title").order_by(
                "-rule_set__valid_from", "title__position", "position"
            ),
        },
    )


@login_required
def initiatives(request):
    people = selectors.initiative_people(user=request.user)
    form = InitiativeForm(request.POST or None, people=people)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.initiative_register(user=request.user, **form.cleaned_data)
            messages.success(request, _("The initiative was registered; it waits for the initiative council."))
            return redirect("awards:initiatives")
        status = 400
    items = list(selectors.initiatives_list(user=request.user))
    decider_units = selectors.initiative_decider_unit_ids(user=request.user)
    deciding = {
        item.pk
        for item in items
        if selectors.initiative_can_decide(user=request.user, initiative=item, decider_unit_ids=decider_units)
    }
    return render(
        request,
        "awards/initiatives.html",
        {
            "items": items,
            "form": form if people.exists() else None,
            "deciding": deciding,
            "decision_form": InitiativeDecisionForm(),
        },
        status=status,
    )


@require_POST
@login_required
def initiative_decide(request, initiative_id):
    initiative = get_object_or_404(
        selectors.initiatives_visible_to(request.user).select_related("person__unit"), pk=initiative_id
    )
    if not selectors.initiative_can_decide(user=request.user, initiative=initiative):
        raise PermissionDenied
    form = InitiativeDecisionForm(request.POST)
    form.is_valid()
    try:
        services.initiative_decide(
            user=request.user,
            initiative=initiative,
            recognise=request.POST.get("verdict") == "recognise",
            recognised_by=form.cleaned_data.get("recognised_by", ""),
            decision=form.cleaned_data.get("decision", ""),
        )
    except ValidationError as error:
        _messages_from(request, error)
    else:
        messages.success(request, _("The decision on the initiative was recorded."))
    return redirect("awards:initiatives")
