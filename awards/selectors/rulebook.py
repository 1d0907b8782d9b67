"""Reads of the rule book: an office's sets beside the national ones, one set with its titles, versions and history,
and the rules a campaign is judged by."""

from dataclasses import dataclass, field

from django.db.models import Q

from activity.models import ActivityLog
from awards.models import (
    AwardTerms,
    BaseSalary,
    CampaignRules,
    CouncilBallot,
    Rule,
    RuleSet,
    RuleSetAdoption,
    VoteThreshold,
)
from awards.rulebook.resolve import ancestors, in_force_on, national_set_on, rules_in_force
from campaigns.models import Title


@dataclass
class TreeRules:
    """One office's tree: its own sets (current and superseded versions) and what judges it today."""

    root: object
    sets: list = field(default_factory=list)
    earlier: list = field(default_factory=list)
    today: RuleSet | None = None
    adopted: set = field(default_factory=set)  # national set ids whose defaults the office confirmed


def rule_book(*, roots, today):
    national = list(RuleSet.objects.filter(owner__isnull=True, superseded_at__isnull=True).order_by("-valid_from"))
    national_today = national_set_on(today)
    owned = RuleSet.objects.filter(owner__in=roots).order_by("valid_from")
    adoptions = RuleSetAdoption.objects.filter(unit__in=roots).values_list("unit_id", "rule_set_id")
    trees = {root.pk: TreeRules(root=root) for root in roots}
    for unit_id, rule_set_id in adoptions:
        trees[unit_id].adopted.add(rule_set_id)
    for rule_set in owned:
        tree = trees[rule_set.owner_id]
        (tree.sets if rule_set.is_current else tree.earlier).append(rule_set)
        if rule_set.is_current and rule_set.in_force_on(today):
            tree.today = rule_set
    return {
        "national": national,
        "national_today": national_today,
        "trees": list(trees.values()),
        "today": today,
    }


def copy_sources(*, roots):
    """What a new set may start from: the national sets and the office's own, current versions only."""
    return RuleSet.objects.filter(Q(owner__isnull=True) | Q(owner__in=roots), superseded_at__isnull=True).order_by(
        "owner_id", "-valid_from"
    )


def default_threshold(*, rule_set):
    return VoteThreshold.objects.filter(rule_set=rule_set, title__isnull=True).first()


def title_terms(*, rule_set, title):
    return (
        VoteThreshold.objects.filter(rule_set=rule_set, title=title).first(),
        AwardTerms.objects.filter(rule_set=rule_set, title=title).first(),
        list(Rule.objects.filter(rule_set=rule_set, title=title).select_related("other_title").order_by("position")),
    )


@dataclass(frozen=True)
class TitleRow:
    title: Title
    threshold: VoteThreshold | None
    terms: AwardTerms | None
    rules: list


def versions(*, rule_set):
    """The set's versions, oldest first: those before it and the one after it, if any."""
    chain, current = [], rule_set
    while current is not None:
        chain.insert(0, current)
        current = current.previous
    later = RuleSet.objects.filter(previous=rule_set).first()
    while later is not None:
        chain.append(later)
        later = RuleSet.objects.filter(previous=later).first()
    return chain


def rule_set_page(*, rule_set, roots):
    thresholds = {row.title_id: row for row in VoteThreshold.objects.filter(rule_set=rule_set)}
    terms = {row.title_id: row for row in AwardTerms.objects.filter(rule_set=rule_set)}
    rules = {}
    for rule in Rule.objects.filter(rule_set=rule_set).select_related("other_title").order_by("position"):
        rules.setdefault(rule.title_id, []).append(rule)
    titles = Title.objects.filter(Q(is_active=True) | Q(pk__in=set(terms) | set(rules)))
    adopted = set(RuleSetAdoption.objects.filter(rule_set=rule_set, unit__in=roots).values_list("unit_id", flat=True))
    return {
        "rule_set": rule_set,
        "default": thresholds.get(None),
        "rows": [
            TitleRow(title, thresholds.get(title.pk), terms.get(title.pk), rules.get(title.pk, [])) for title in titles
        ],
        "versions": versions(rule_set=rule_set),
        "ballots": CouncilBallot.objects.filter(rule_set=rule_set).count(),
        "roots": [(root, root.pk in adopted) for root in roots],
        "history": ActivityLog.objects.filter(content_type__model="ruleset", object_id=rule_set.pk)
        .select_related("user")
        .order_by("-created_at")[:50],
    }


def base_salaries():
    return list(BaseSalary.objects.order_by("-valid_from"))


def campaign_choice(*, campaign):
    return CampaignRules.objects.filter(campaign=campaign).first()


def choosable_sets(*, campaign):
    """The current national sets and those of the offices above the campaign's issuer."""
    chain = [unit.pk for unit in ancestors(unit_id=campaign.issuer_id)]
    return RuleSet.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=chain), superseded_at__isnull=True).order_by(
        "owner_id", "-valid_from"
    )


def rules_shown(*, campaign):
    """The rules in force for the campaign, and the versions its councils' ballots were opened under."""
    rules = rules_in_force(campaign=campaign)
    judged = RuleSet.objects.filter(ballots__proposal__campaign=campaign).exclude(
        pk=getattr(rules.rule_set, "pk", None)
    )
    return {"in_force": rules, "judged_by": list(judged.distinct()), "any_on_day": _any_on_day(rules)}


def _any_on_day(rules):
    """Whether any current set at all covers the judging day (to say whether choosing one could help)."""
    return RuleSet.objects.filter(in_force_on(rules.judged_on), superseded_at__isnull=True).exists()
