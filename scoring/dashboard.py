"""How a unit stands on its reports, self-assessment and published results; what waits for its compiler."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from campaigns.dashboard import Step, Task
from campaigns.models import Campaign, Milestone
from campaigns.selectors import campaign_compilers
from organisation.access import viewer_for
from scoring import selectors
from scoring.models import Criterion, MidyearReport, Objection, Ranking, RankingEntry, Score, Scorecard


def report_steps(campaign, unit_ids):
    sent = set(MidyearReport.objects.filter(campaign=campaign, unit_id__in=unit_ids).values_list("unit_id", flat=True))
    deadline = selectors.milestone_deadline(campaign=campaign, kind=Milestone.Kind.MIDYEAR_REPORT)
    return {
        unit_id: Step(
            label=_("Mid-year report"),
            state=pgettext("step", "Sent") if unit_id in sent else _("Not sent"),
            done=unit_id in sent,
            link=reverse("scoring:report", args=[campaign.pk, unit_id]),
            # A campaign that sets no mid-year report never asks for one: the step is no unit's next step.
            action=_("Send the mid-year report") if deadline else "",
            deadline=deadline,
            needs_milestone=True,
        )
        for unit_id in unit_ids
    }


def self_assessment_steps(campaign, unit_ids):
    cards = {card.unit_id: card for card in Scorecard.objects.filter(campaign=campaign, unit_id__in=unit_ids)}
    deadline = selectors.milestone_deadline(campaign=campaign, kind=Milestone.Kind.YEAREND_REPORT)
    steps = {}
    for unit_id in unit_ids:
        card = cards.get(unit_id)
        sent = card is not None and card.status == Scorecard.Status.SUBMITTED
        steps[unit_id] = Step(
            label=_("Year-end self-assessment"),
            state=pgettext("step", "Sent") if sent else (pgettext("step", "Draft") if card else _("Not sent")),
            done=sent,
            link=reverse("scoring:self", args=[campaign.pk, unit_id]),
            action=_("Self-score and send"),
            deadline=deadline,
        )
    return steps


def result_steps(campaign, unit_ids):
    """The published place of each unit; nothing for the unit to do."""
    compilers = campaign_compilers(campaign=campaign)
    published = {
        ranking.compiler_id: ranking
        for ranking in Ranking.objects.filter(campaign=campaign, published_at__isnull=False).annotate(
            units=Count("entries")
        )
    }
    entries = {
        entry.unit_id: entry
        for entry in RankingEntry.objects.filter(ranking__in=published.values(), unit_id__in=unit_ids)
    }
    steps = {}
    for unit_id in unit_ids:
        ranking, entry = published.get(compilers.get(unit_id)), entries.get(unit_id)
        steps[unit_id] = Step(
            label=_("Published result"),
            state=_("Rank %(rank)s of %(units)s") % {"rank": entry.rank, "units": ranking.units}
            if ranking and entry
            else _("Not published yet"),
            done=bool(ranking and entry),
            link=reverse("scoring:results", args=[campaign.pk]),
        )
    return steps


def compiler_work(access):
    campaign, units = access.campaign, access.compiled_unit_ids
    sent = set(
        Scorecard.objects.filter(campaign=campaign, unit_id__in=units, status=Scorecard.Status.SUBMITTED).values_list(
            "unit_id", flat=True
        )
    )
    scored = set(
        Score.objects.filter(criterion__campaign=campaign, unit_id__in=sent, scorer_id=access.compiler_id)
        .values_list("unit_id", flat=True)
        .distinct()
    )
    ranking = selectors.ranking_for(campaign=campaign, compiler_id=access.compiler_id)
    objections = (
        Objection.objects.filter(ranking=ranking, status=Objection.Status.OPEN).count() if ranking is not None else 0
    )
    return [
        Task(
            label=_("Self-assessments received, not scored yet"),
            count=len(sent - scored),
            link=reverse("scoring:hub", args=[campaign.pk]),
        ),
        Task(
            label=_("Objections to answer"),
            count=objections,
            link=reverse("scoring:ranking", args=[campaign.pk]),
        ),
        Task(
            label=_("Final ranking to publish to the members"),
            count=int(ranking is not None and ranking.status == Ranking.Status.FINAL and not ranking.is_published),
            link=reverse("scoring:ranking", args=[campaign.pk]),
        ),
    ]


def office_campaigns_without_table(*, user):
    """The office's bloc campaigns not yet closed that have no scoring table: the blocs cannot score them."""
    viewer = viewer_for(user)
    if not viewer.is_office:
        return []
    return list(
        Campaign.objects.filter(issuer_id__in=viewer.office_unit_ids, blocs__isnull=False)
        .exclude(status=Campaign.Status.CLOSED)
        .exclude(pk__in=Criterion.objects.values("campaign_id"))
        .distinct()
        .order_by("-year", "sort_name")[:20]
    )
