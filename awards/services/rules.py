"""The rules a campaign is judged by, carried into next year's campaign."""

from awards.models import (
    CampaignRules,
)


def rules_copy(*, source, target, items):
    """A rule set chosen for last year's campaign is chosen for the copy too (called by `campaign_copy`)."""
    chosen = CampaignRules.objects.filter(campaign=source).first()
    if chosen is not None:
        CampaignRules.objects.create(campaign=target, rule_set_id=chosen.rule_set_id)
