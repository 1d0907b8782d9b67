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


def _chains(unit_ids):
    """{unit id: [its id and those above it, nearest first]} for many units, one query per level."""
    parents, frontier = {}, set(unit_ids)
    while frontier:
        rows = dict(Unit.objects.filter(pk__in=frontier).values_list("id", "parent_id"))
        parents |= rows
        frontier = {parent for parent in rows.values() if parent is not None and parent not in parents}
    chains = {}
    for unit_id in unit_ids:
        chain, current = [], unit_id
        while current is not None and current not in chain:
            chain.append(current)
            current = parents.get(current)
        chains[unit_id] = chain
    return chains


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
    return rules_in_force_many(campaigns=[campaign])[campaign.pk]


def rules_in_force_many(*, campaigns):
    """{campaign id: RulesInForce} for many campaigns in a fixed number of queries (and one per tree level)."""
    campaigns = list(campaigns)
    chosen = {
        row.campaign_id: row for row in CampaignRules.objects.filter(campaign__in=campaigns).select_related("rule_set")
    }
    milestones = {}
    for campaign_id, due_on, window_ends_on in Milestone.objects.filter(
        campaign__in=campaigns, kind__in=JUDGING_MILESTONES
    ).values_list("campaign_id", "due_on", "window_ends_on"):
        milestones.setdefault(campaign_id, []).append(due_on or window_ends_on)
    chains = _chains({campaign.issuer_id for campaign in campaigns})
    above = set().union(*chains.values()) if chains else set()
    sets = list(
        RuleSet.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=above), superseded_at__isnull=True).order_by(
            "-valid_from"
        )
    )
    adopted = set(RuleSetAdoption.objects.filter(unit_id__in=above).values_list("rule_set_id", "unit_id"))
    tops = Unit.objects.in_bulk({chain[-1] for chain in chains.values() if chain})
    answers = {}
    for campaign in campaigns:
        choice = chosen.get(campaign.pk)
        day = (choice.judged_on if choice and choice.judged_on else None) or max(
            milestones.get(campaign.pk, []), default=date(campaign.year, 12, 31)
        )
        chain = chains.get(campaign.issuer_id, [])
        tree = tops.get(chain[-1]) if chain else None
        if choice is not None and choice.rule_set_id is not None:
            rule_set, how = choice.rule_set, "chosen"
        else:
            rule_set, how = _office_set_on(day, chain, sets), "office"
            if rule_set is None:
                rule_set, how = _national_on(day, sets), "national"
        if rule_set is None:
            answers[campaign.pk] = RulesInForce(judged_on=day, rule_set=None, how="none", tree=tree)
            continue
        confirmed = not (rule_set.is_national and rule_set.left_to_province) or any(
            (rule_set.pk, unit_id) in adopted for unit_id in chain
        )
        answers[campaign.pk] = RulesInForce(judged_on=day, rule_set=rule_set, how=how, tree=tree, confirmed=confirmed)
    return answers


def _office_set_on(day, chain, sets):
    """The current set in force on the day, of the nearest unit above the issuer that keeps one."""
    for unit_id in chain:
        for rule_set in sets:
            if rule_set.owner_id == unit_id and rule_set.in_force_on(day):
                return rule_set
    return None


def _national_on(day, sets):
    return next((rule_set for rule_set in sets if rule_set.is_national and rule_set.in_force_on(day)), None)


def rule_set_for(*, campaign):
    return rules_in_force(campaign=campaign).rule_set


def rules_of_proposal(*, proposal):
    """What the council's review shows: the version its ballot opened under, or the rules in force before that."""
    judged = CouncilBallot.objects.filter(proposal=proposal, rule_set__isnull=False).select_related("rule_set").first()
    if judged is not None:
        return RulesInForce(judged_on=judged.held_on, rule_set=judged.rule_set, how="ballot", tree=None)
    return rules_in_force(campaign=proposal.campaign)


def rule_set_of_proposal(*, proposal):
    """The version the council's ballot opened under, once it is put to the vote; before that, the one in force."""
    judged = CouncilBallot.objects.filter(proposal=proposal).select_related("rule_set").first()
    if judged is not None and judged.rule_set_id is not None:
        return judged.rule_set
    return rule_set_for(campaign=proposal.campaign)
