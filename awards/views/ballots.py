"""The council's secret ballot: opening it, each member's ballot, written votes, the count."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import selectors, services
from awards.forms import (
    BallotForm,
    BallotOpenForm,
)
from awards.models import BallotSeat
from core.access import requires
from core.views import confirmation_page, confirmed, or_404

from .common import messages_from
from .proposals import detail_page


@require_POST
@requires("proposal.open_ballot")
def ballot_open(request, proposal):
    form = BallotOpenForm(request.POST, thresholds=selectors.ballot_title_thresholds(proposal=proposal))
    if not form.is_valid():
        return detail_page(request, proposal, open_form=form, status=400)
    if not confirmed(request):
        return confirmation_page(
            request,
            question=_("Open the council's ballot on this proposal?"),
            locks=[
                _("The proposal can no longer be recalled or changed by its unit."),
                _("The council's members and the thresholds are fixed for this ballot."),
            ],
            told=[_("Every member of %(council)s, by notification and email.") % {"council": proposal.council}],
            back_url=reverse("awards:detail", args=[proposal.pk]),
            button=_("Open the ballot"),
        )
    try:
        services.ballot_open(
            user=request.user,
            proposal=proposal,
            held_on=form.cleaned_data["held_on"],
            council_figures=form.council_figures(),
        )
    except ValidationError as error:
        messages_from(request, error)
        return detail_page(request, proposal, open_form=form, status=400)
    messages.success(request, _("The ballot is open: each member now casts their own, secret ballot."))
    return redirect("awards:ballot", proposal.pk)


def _seat_for(request, seat_id):
    """The seat a ballot is cast for: the user's own, or for the secretary any member's paper ballot."""
    access = request.access.grant("proposal")
    seat = get_object_or_404(BallotSeat, pk=seat_id, ballot=access.ballot) if seat_id else access.seat
    request.access.require("proposal.record_for", seat)
    return seat


@requires("proposal.see")
def ballot(request, proposal):
    access = request.access.grant("proposal")
    ballot = or_404(access.ballot)
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
@requires("proposal.vote_or_record")
def ballot_cast(request, proposal):
    seat = _seat_for(request, request.POST.get("seat"))
    page = selectors.proposal_lines_page(proposal=proposal, page=request.POST.get("page"))
    form = BallotForm(request.POST, lines=list(page))
    target = f"{reverse('awards:ballot', args=[proposal.pk])}?page={page.number}"
    if seat != request.access.grant("proposal").seat:
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
        messages_from(request, error)
    else:
        messages.success(request, _("The ballot was recorded; it can change until the council counts it."))
    return redirect(target)


@requires("proposal.run_ballot")
def ballot_close(request, proposal):
    if not confirmed(request):
        return confirmation_page(
            request,
            question=_("Count the ballot and decide every line?"),
            locks=[
                _("No member can cast or change a ballot after the count."),
                _("Each line is approved or refused by the count; the decision is drawn up from it."),
            ],
            told=[
                _("%(unit)s, which sent the proposal.") % {"unit": proposal.proposer},
                _("Every member of %(council)s, by notification and email.") % {"council": proposal.council},
            ],
            back_url=reverse("awards:ballot", args=[proposal.pk]),
            button=_("Count the ballot"),
        )
    try:
        services.ballot_close(user=request.user, ballot=request.access.grant("proposal").ballot)
    except ValidationError as error:
        messages_from(request, error)
    else:
        messages.success(request, _("The ballot was counted and every line decided."))
    return redirect("awards:ballot", proposal.pk)
