"""What a rule set says of each title beyond its conditions: the level that decides it, who signs it."""

from awards.models import AwardTerms
from campaigns.models import Title


def title_levels(*, rule_set):
    """{title id: the level that decides it}: the rule set's word where it has one, else the title's own level."""
    levels = dict(Title.objects.values_list("id", "level"))
    if rule_set is not None:
        levels |= dict(AwardTerms.objects.filter(rule_set=rule_set).values_list("title_id", "level"))
    return levels


def decided_title_ids(*, rule_set, levels):
    """The titles decided at one of these levels under the rule set."""
    return [title_id for title_id, level in title_levels(rule_set=rule_set).items() if level in levels]
