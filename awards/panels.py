"""What awards adds to the campaign's page and the office's dashboard: the rules a campaign is judged by, and
campaigns that no rule set in force can judge (drawn for `campaigns.signals`, see `awards.receivers`)."""

from awards.models import Proposal
from awards.rulebook.resolve import rules_in_force, rules_in_force_many
from awards.selectors import council_waiting
from campaigns.models import Campaign
from organisation.access import viewer_for
from organisation.panels import Panel


def campaign_rules_panel(*, campaign, access):
    return Panel(
        "awards/rulebook/_campaign_panel.html",
        {"rules": rules_in_force(campaign=campaign), "campaign": campaign, "keeps": access.kept_by_office},
    )


def council_work_panel(*, request):
    """What waits for the user on the councils they sit on, each with the link that opens the next action."""
    if not viewer_for(request.user).is_council:
        return None
    waiting = council_waiting(user=request.user)
    return Panel("awards/_council_work_panel.html", {"waiting": waiting}) if waiting else None


def office_rules_panel(*, request):
    """The office's campaigns not yet closed that no rule set can judge, or whose national set waits for it."""
    viewer = viewer_for(request.user)
    if not viewer.is_office:
        return None
    campaigns = list(
        Campaign.objects.filter(issuer_id__in=viewer.office_unit_ids)
        .exclude(status=Campaign.Status.CLOSED)
        .order_by("-year", "sort_name")
    )
    rules = rules_in_force_many(campaigns=campaigns)
    waiting = [
        (campaign, rules[campaign.pk])
        for campaign in campaigns
        if rules[campaign.pk].missing or rules[campaign.pk].needs_confirmation
    ]
    if not waiting:
        return None
    return Panel("awards/rulebook/_dashboard_panel.html", {"waiting": waiting})


def vote_proposal_panel(*, request, campaign, meeting):
    """Under a recorded vote, for the compiler who may propose: the bloc's proposal drawn from it, or the one that was."""
    if meeting is None or campaign.council_id is None or not campaign.is_open:
        return None
    if not request.access.may("campaign.act_as_compiler"):
        return None
    proposal = (
        Proposal.objects.filter(campaign=campaign, kind=Proposal.Kind.BLOC, proposer=meeting.compiler_id)
        .order_by("-pk")
        .first()
    )
    return Panel("awards/_vote_proposal_panel.html", {"campaign": campaign, "proposal": proposal})
