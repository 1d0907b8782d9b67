"""The members' vote (bình bầu) on the ranking and on whom to propose."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Title
from core.dispatch import responses
from core.views import confirmation_page, confirmed
from organisation.models import Unit
from scoring import selectors, services, ties
from scoring.forms import (
    VoteForm,
)
from scoring.signals import vote_panels

from .common import VOTE_TITLE_CODES, scoring_view


@scoring_view("list")
def vote(request, campaign):
    access = request.access.grant("campaign")
    unit_ids = access.listed_unit_ids
    units = list(Unit.objects.filter(id__in=unit_ids).order_by("sort_name"))
    titles = list(Title.objects.filter(code__in=VOTE_TITLE_CODES).order_by("position"))
    meeting = (
        selectors.vote_meeting_for(campaign=campaign, compiler_id=access.compiler_id) if access.compiler_id else None
    )
    # A first record starts from what the leader usually keeps: every member present, met today; they untick the
    # absent ones.
    initial = {"held_on": timezone.localdate()} | {f"present_{unit.pk}": True for unit in units}
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
        request.access.require("campaign.act_as_compiler")
        if form.is_valid() and not confirmed(request):
            return confirmation_page(
                request,
                question=_("Record the vote?"),
                locks=[
                    _("The units present and every ballot are kept as the minutes of the meeting."),
                    _("The units the vote proposes go into the bloc's proposal to the council."),
                ],
                told=[_("Every member unit of the ranking, by notification and email.")],
                back_url=reverse("scoring:vote", args=[campaign.pk]),
                button=_("Record the vote"),
            )
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
            "can_record": request.access.may("campaign.act_as_compiler") and campaign.is_open,
            "threshold": meeting.threshold if meeting else request.policy.vote_threshold,
            "panels": responses(vote_panels, request=request, campaign=campaign, meeting=meeting),
            "tied": ties.tied_for_the_vote(
                selectors.ranking_rows(
                    campaign=campaign, policy=request.policy, unit_ids=unit_ids, compilers=access.compilers
                )
            ),
        },
        status=status,
    )
