"""The rules a campaign is judged by, carried into next year's campaign."""

from awards.models import CampaignRules
from awards.rulebook.resolve import judging_day
from campaigns.services import shift_years


def rules_copy(*, source, target, items):
    """The copy is judged on the same day of its own year, by the chosen set only if it is still in force then.

    Called by `campaign_copy`; a set chosen for a 2020 campaign must not judge
    its 2026 copy.
    """
    chosen = CampaignRules.objects.filter(campaign=source).select_related("rule_set").first()
    if chosen is None:
        return
    judged_on = shift_years(chosen.judged_on, target.year - source.year) if chosen.judged_on else None
    day = judged_on or judging_day(campaign=target)
    rule_set = chosen.rule_set if chosen.rule_set and chosen.rule_set.in_force_on(day) else None
    if judged_on or rule_set:
        CampaignRules.objects.create(campaign=target, rule_set=rule_set, judged_on=judged_on)
