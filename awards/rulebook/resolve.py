"""Which rule set judges a campaign, and a proposal, said out loud.

A campaign is judged on a day: the one its office sets, else the last day of
its vote or award-proposal milestones, else the last day of its year. On that
day the office's own set in force judges it (the nearest office above the
campaign's issuer, so an agency's own regulation comes before its
province's), else the national set in force, unless the office chose one for
the campaign. When none is in force the answer says so: the product never
falls back silently to a set whose dates do not cover the day. A proposal put
to the council's ballot keeps the version of the set the ballot opened under.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from awards.models import CampaignRules, CouncilBallot, RuleSet, RuleSetAdoption
from campaigns.models import Milestone
from organisation.models import Unit

JUDGING_MILESTONES = (Milestone.Kind.VOTE_MEETING, Milestone.Kind.AWARD_PROPOSAL)


def ancestors(*, unit_id):
    """The unit and every unit above it, nearest first: one query per level (trees are a few levels deep)."""
    chain, seen = [], set()
    while unit_id is not None and unit_id not in seen:
        unit = Unit.objects.only("id", "parent_id", "name").get(pk=unit_id)
        chain.append(unit)
        seen.add(unit_id)
        unit_id = unit.parent_id
    return chain


def judging_day(*, campaign, chosen=None):
    """The day the campaign's awards are decided: set by its office, else its milestones, else 31/12 of its year."""
    if chosen is not None and chosen.judged_on:
        return chosen.judged_on
    days = [milestone.deadline for milestone in campaign.milestones.filter(kind__in=JUDGING_MILESTONES)]
    return max(days, default=date(campaign.year, 12, 31))


def in_force_on(day):
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def national_set_on(day):
    return (
        RuleSet.objects.filter(in_force_on(day), owner__isnull=True, superseded_at__isnull=True)
        .order_by("-valid_from")
        .first()
    )


@dataclass(frozen=True)
class RulesInForce:
    """The set a campaign is judged by, why that one, and whether its office still has to confirm it."""

    judged_on: date
    rule_set: RuleSet | None
    how: str  # "chosen", "office", "national" or "none"
    tree: Unit | None  # the top of the campaign's tree: the office that keeps its rules
    confirmed: bool = True  # False while a national set's figures left to the province are unconfirmed

    @property
    def missing(self):
        return self.rule_set is None

    @property
    def needs_confirmation(self):
        return self.rule_set is not None and not self.confirmed


def rules_in_force(*, campaign):
    chosen = CampaignRules.objects.filter(campaign=campaign).select_related("rule_set").first()
    day = judging_day(campaign=campaign, chosen=chosen)
    chain = ancestors(unit_id=campaign.issuer_id)
    tree = chain[-1] if chain else None
    if chosen is not None and chosen.rule_set_id is not None:
        rule_set, how = chosen.rule_set, "chosen"
    else:
        rule_set, how = _office_set_on(day, chain), "office"
        if rule_set is None:
            rule_set, how = national_set_on(day), "national"
    if rule_set is None:
        return RulesInForce(judged_on=day, rule_set=None, how="none", tree=tree)
    confirmed = (
        not (rule_set.is_national and rule_set.left_to_province)
        or RuleSetAdoption.objects.filter(rule_set=rule_set, unit__in=chain).exists()
    )
    return RulesInForce(judged_on=day, rule_set=rule_set, how=how, tree=tree, confirmed=confirmed)


def _office_set_on(day, chain):
    """The current set in force on the day, of the nearest unit above the issuer that keeps one."""
    found = {
        rule_set.owner_id: rule_set
        for rule_set in RuleSet.objects.filter(
            in_force_on(day), owner_id__in=[unit.pk for unit in chain], superseded_at__isnull=True
        ).order_by("valid_from")
    }
    return next((found[unit.pk] for unit in chain if unit.pk in found), None)


def rule_set_for(*, campaign):
    return rules_in_force(campaign=campaign).rule_set


def rule_set_of_proposal(*, proposal):
    """The version the council's ballot opened under, once it is put to the vote; before that, the one in force."""
    judged = CouncilBallot.objects.filter(proposal=proposal).select_related("rule_set").first()
    if judged is not None and judged.rule_set_id is not None:
        return judged.rule_set
    return rule_set_for(campaign=proposal.campaign)
