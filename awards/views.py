from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activity.models import ActivityLog
from awards import selectors, services
from awards.checks import rule_set_for
from awards.excel import proposal_list_workbook
from awards.forms import (
    AwardDecisionForm,
    BallotForm,
    BallotOpenForm,
    ForwardForm,
    InitiativeDecisionForm,
    InitiativeForm,
    LineForm,
    ProposalForm,
)
from awards.models import BallotSeat, ProposalLine, Rule
from awards.pdf import DOCUMENTS, RENDERED, CertificatesDocument
from campaigns.access import campaign_view
from campaigns.models import Title
from organisation.models import Unit


def proposal_view(need=None):
    """Resolve the proposal for the user (404 outside their reach) and 403 unless their `ProposalAccess` has `need`."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, proposal_id, *args, **kwargs):
            proposal, access = selectors.proposal_get_for_user(user=request.user, proposal_id=proposal_id)
            if need and not getattr(access, need):
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


def _detail_page(request, proposal, *, form=None, line_form=None, stale_line=None, status=200):
    access = request.proposal_access
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
            "open_form": (
                BallotOpenForm(thresholds=selectors.ballot_title_thresholds(proposal=proposal))
                if access.may_open_ballot
                else None
            ),
            "decision": decision,
            "forwarding": selectors.forwarding_of(user=request.user, proposal=proposal),
            "forward_form": ForwardForm() if access.may_forward else None,
            "forwarded_from_visible": proposal.forwarded_from_id is not None
            and selectors.proposals_visible_to(request.user).filter(pk=proposal.forwarded_from_id).exists(),
            "files": selectors.rendered_files(proposal=proposal) if counted else {},
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
@proposal_view("can_edit")
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
@proposal_view("can_edit")
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


def _line_changes(post):
    """The fields the line's form showed, with what was posted: a field it did not show is left as it is."""
    shown = post.getlist("fields")
    changes = {}
    if "outstanding" in shown:
        changes["outstanding"] = bool(post.get("outstanding"))
    if "achievements" in shown:
        changes["achievements"] = post.get("achievements", "")[:2000]
    return changes


@require_POST
@proposal_view("can_edit")
def line_change(request, proposal, line_id):
    line = get_object_or_404(ProposalLine, pk=line_id, proposal=proposal)
    try:
        if request.POST.get("remove"):
            services.line_remove(user=request.user, line=line)
            messages.success(request, _("The line was removed."))
        else:
            changes = _line_changes(request.POST)
            services.line_update(
                user=request.user, line=line, expected_version=_int(request.POST.get("version")), changes=changes
            )
            messages.success(request, _("Saved."))
    except services.StaleLine as stale:
        return _detail_page(request, proposal, stale_line={"saved": stale.line, "mine": changes}, status=409)
    except ValidationError as error:
        _messages_from(request, error)
    return redirect("awards:detail", proposal.pk)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


@require_POST
@proposal_view("acts_for_proposer")  # a second sending is refused by the service, saying where it went
def submit(request, proposal):
    try:
        services.proposal_submit(user=request.user, proposal=proposal)
    except ValidationError as error:
        _messages_from(request, error)
    else:
        messages.success(request, _("The proposal was sent to %(council)s.") % {"council": proposal.council})
    return redirect("awards:detail", proposal.pk)


@require_POST
@proposal_view("may_recall")
def recall(request, proposal):
    try:
        services.proposal_recall(user=request.user, proposal=proposal)
    except ValidationError as error:
        _messages_from(request, error)
    else:
        messages.success(request, _("The proposal is back with you as a draft; change it and send it again."))
    return redirect("awards:detail", proposal.pk)


@require_POST
@proposal_view("may_return")
def give_back(request, proposal):
    try:
        services.proposal_return(user=request.user, proposal=proposal, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        _messages_from(request, error)
    else:
        messages.success(
            request, _("The proposal went back to %(unit)s with your reason.") % {"unit": proposal.proposer}
        )
    return redirect("awards:detail", proposal.pk)


@require_POST
@proposal_view("may_forward")
def forward(request, proposal):
    form = ForwardForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
        return redirect("awards:detail", proposal.pk)
    try:
        forwarded = services.proposal_forward(user=request.user, proposal=proposal, **form.cleaned_data)
    except ValidationError as error:
        _messages_from(request, error)
        return redirect("awards:detail", proposal.pk)
    messages.success(request, _("The lines were forwarded to %(council)s.") % {"council": forwarded.council})
    return redirect("awards:detail", forwarded.pk)


# The council's secret ballot


@require_POST
@proposal_view("may_open_ballot")
def ballot_open(request, proposal):
    form = BallotOpenForm(request.POST, thresholds=selectors.ballot_title_thresholds(proposal=proposal))
    if not form.is_valid():
        messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
        return redirect("awards:detail", proposal.pk)
    try:
        services.ballot_open(
            user=request.user,
            proposal=proposal,
            held_on=form.cleaned_data["held_on"],
            council_figures=form.council_figures(),
        )
    except ValidationError as error:
        _messages_from(request, error)
        return redirect("awards:detail", proposal.pk)
    messages.success(request, _("The ballot is open: each member now casts their own, secret ballot."))
    return redirect("awards:ballot", proposal.pk)


def _seat_for(request, seat_id):
    """The seat a ballot is cast for: the user's own, or for the secretary any member's paper ballot."""
    access = request.proposal_access
    seat = get_object_or_404(BallotSeat, pk=seat_id, ballot=access.ballot) if seat_id else access.seat
    if seat is None or not access.may_record_for(seat):
        raise PermissionDenied
    return seat


@proposal_view()
def ballot(request, proposal):
    access = request.proposal_access
    if access.ballot is None:
        raise Http404
    ballot = access.ballot
    page = selectors.proposal_lines_page(proposal=proposal, page=request.GET.get("page"))
    line_ids = [line.pk for line in page]
    context = {"proposal": proposal, "access": access, "ballot": ballot, "page": page}
    if ballot.is_open:
        seat_id = request.GET.get("seat")
        seat = _seat_for(request, seat_id) if seat_id or access.may_vote else None
        # A member sees their own ballot; the secretary sees a paper ballot they recorded, never one cast in person.
        if seat is not None and (seat == access.seat or seat.recorded_by_id != seat.user_id):
            votes = selectors.own_votes(seat=seat, line_ids=line_ids)
        else:
            votes = {}
        form = (
            BallotForm(
                lines=list(page),
                initial={"version": seat.version}
                | {f"line_{line_id}": "agree" if agree else "disagree" for line_id, agree in votes.items()},
            )
            if seat
            else None
        )
        context |= {
            "seat": seat,
            "seat_param": seat.pk if seat and seat != access.seat else "",
            "form": form,
            "rows": [(line, form[f"line_{line.pk}"]) for line in page] if form else [],
        }
        if access.runs_ballot:
            progress = selectors.seat_progress(ballot=ballot)
            context["seats"] = [(seat, progress.get(seat.pk, 0)) for seat in selectors.ballot_seats(ballot=ballot)]
    else:
        tallies = selectors.ballot_tallies(ballot=ballot, line_ids=line_ids)
        context |= {
            "rows": [(line, *tallies.get(line.pk, (0, 0))) for line in page],
            "seats": [(seat, None) for seat in selectors.ballot_seats(ballot=ballot)],
        }
    context["thresholds"] = ballot.thresholds.select_related("title")
    return render(request, "awards/ballot.html", context)


@require_POST
@proposal_view("may_vote_or_record")
def ballot_cast(request, proposal):
    seat = _seat_for(request, request.POST.get("seat"))
    page = selectors.proposal_lines_page(proposal=proposal, page=request.POST.get("page"))
    form = BallotForm(request.POST, lines=list(page))
    target = f"{reverse('awards:ballot', args=[proposal.pk])}?page={page.number}"
    if seat != request.proposal_access.seat:
        target += f"&seat={seat.pk}"
    if not form.is_valid():
        messages.error(request, _("The ballot could not be read; reload the page and vote again."))
        return redirect(target)
    try:
        services.ballot_cast(
            user=request.user,
            seat=seat,
            choices=form.choices(),
            expected_version=form.cleaned_data["version"],
            present=form.cleaned_data["present"] is not False,
        )
    except ValidationError as error:
        _messages_from(request, error)
    else:
        messages.success(request, _("The ballot was recorded; it can change until the council counts it."))
    return redirect(target)


@require_POST
@proposal_view("runs_ballot")
def ballot_close(request, proposal):
    try:
        services.ballot_close(user=request.user, ballot=request.proposal_access.ballot)
    except ValidationError as error:
        _messages_from(request, error)
    else:
        messages.success(request, _("The ballot was counted and every line decided."))
    return redirect("awards:ballot", proposal.pk)


# The decision and its papers


@proposal_view("may_issue")
def decision(request, proposal):
    if request.method != "POST":
        try:
            services.decision_require_possible(proposal=proposal)
        except ValidationError as error:
            _messages_from(request, error)
            return redirect("awards:detail", proposal.pk)
    instance = selectors.decision_of(proposal=proposal) or selectors.decision_draft(proposal=proposal)
    form = AwardDecisionForm(request.POST or None, instance=instance)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.decision_save(
                    user=request.user,
                    proposal=proposal,
                    decision=form.save(commit=False),
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The decision was saved; its papers are being printed."))
                return redirect("awards:detail", proposal.pk)
        status = 400
    return render(request, "awards/decision.html", {"proposal": proposal, "form": form}, status=status)


@proposal_view()
def rendered_file(request, proposal, kind):
    """A kept paper: the file when it is ready, else a page that shows the rendering's progress and polls for it."""
    version = selectors.document_version(proposal=proposal, kind=kind)
    if version is None:
        raise Http404
    file = services.rendered_file_request(proposal=proposal, kind=kind, version=version, retry="retry" in request.GET)
    polling = request.headers.get("HX-Request") == "true"
    if file.status == file.Status.DONE:
        if polling:
            response = HttpResponse()
            response["HX-Redirect"] = request.path
            return response
        return FileResponse(file.file.open("rb"), content_type="application/pdf", filename=RENDERED[kind].filename)
    template = "awards/_file_progress.html" if polling else "awards/file_progress.html"
    return render(request, template, {"proposal": proposal, "file": file})


@proposal_view()
def certificate(request, proposal, line_id):
    line = selectors.awarded_line(proposal=proposal, line_id=line_id)
    if line is None or selectors.decision_of(proposal=proposal) is None:
        raise Http404
    filename, mime, content = CertificatesDocument(proposal, lines=[line]).generate()
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


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
            "thresholds": selectors.vote_thresholds(),
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
