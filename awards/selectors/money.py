"""Reward money: each awarded line's amount, a decision's total, the year's totals per fund.

The amount is the title's multiple of the base salary (the rule set the
proposal was judged by says the multiple) in force on the decision's date,
rounded up to the next 10,000 đồng (Decree 152/2025 art. 49; Decree 91/2017
art. 68.2). The PDF list, the Word papers and the statistics read it here.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from awards.models import AwardDecision, AwardTerms, BaseSalary, CouncilBallot, ProposalLine, RuleSet
from awards.rulebook.resolve import rule_set_of_proposal, rules_in_force_many
from awards.rulebook.terms import title_levels
from organisation.selectors import units_with_descendants

from .way_up import DECIDED_AT

STEP = Decimal(10_000)
ROUNDING_SOURCE = "Nghị định 152/2025/NĐ-CP, Điều 49 (Nghị định 91/2017/NĐ-CP, Điều 68 khoản 2)"


def rounded_up(amount):
    """Up to the next 10,000 đồng: 702,000 becomes 710,000; 700,000 stays."""
    return int((Decimal(amount) / STEP).to_integral_value(rounding=ROUND_CEILING) * STEP)


def reward_amount(*, multiple, base_salary):
    if multiple is None or base_salary is None:
        return None
    return rounded_up(Decimal(multiple) * base_salary)


def base_salary_on(day, salaries=None):
    """The base salary in force on the day: the latest one from that day or before."""
    if salaries is None:
        return BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    return next(
        (salary for salary in sorted(salaries, key=lambda s: s.valid_from, reverse=True) if salary.valid_from <= day),
        None,
    )


@dataclass(frozen=True)
class LineMoney:
    multiple: Decimal | None
    amount: int | None
    source: str


@dataclass(frozen=True)
class DecisionMoney:
    """The decision's lines' amounts, their total, and the base salary and sources they were counted on."""

    lines: dict  # line id -> LineMoney
    total: int
    base_salary: BaseSalary | None
    unpriced: int  # lines whose title the rule set names no reward for

    @property
    def any(self):
        return self.total > 0 or self.unpriced > 0


def decision_money(*, proposal, lines, decision):
    """Each line's amount under the set the proposal was judged by and the base salary of the decision's date."""
    rule_set = rule_set_of_proposal(proposal=proposal)
    terms = {row.title_id: row for row in AwardTerms.objects.filter(rule_set=rule_set)} if rule_set else {}
    base = base_salary_on(decision.dated) if decision else None
    money = {}
    for line in lines:
        row = terms.get(line.title_id)
        multiple = row.reward_multiple if row else None
        money[line.pk] = LineMoney(
            multiple=multiple,
            amount=reward_amount(multiple=multiple, base_salary=base.amount if base else None),
            source=row.reward_source if row else "",
        )
    return DecisionMoney(
        lines=money,
        total=sum(item.amount or 0 for item in money.values()),
        base_salary=base,
        unpriced=sum(1 for item in money.values() if item.amount is None),
    )


@dataclass
class FundTotal:
    """The reward money of a year's decisions paid from one authority's emulation fund."""

    fund: str
    decisions: int = 0
    awards: int = 0
    total: int = 0
    unpriced: int = 0


def year_totals(*, root, year):
    """Per fund (the issuing authority's Quỹ thi đua, khen thưởng), the year's decisions of the tree: a fixed
    number of queries whatever the number of decisions and lines."""
    tree = units_with_descendants(unit_ids={root.pk})
    decisions = list(
        AwardDecision.objects.filter(authority_id__in=tree, dated__year=year).select_related(
            "authority", "proposal__council", "proposal__campaign"
        )
    )
    if not decisions:
        return []
    proposals = [decision.proposal for decision in decisions]
    judged = dict(CouncilBallot.objects.filter(proposal__in=proposals).values_list("proposal_id", "rule_set_id"))
    # A decision without a ballot's version (none recorded) is counted by its campaign's rules in force.
    unjudged = [proposal for proposal in proposals if not judged.get(proposal.pk)]
    if unjudged:
        in_force = rules_in_force_many(campaigns={proposal.campaign for proposal in unjudged})
        for proposal in unjudged:
            rule_set = in_force[proposal.campaign_id].rule_set
            judged[proposal.pk] = rule_set.pk if rule_set else None
    rule_set_ids = {rule_set_id for rule_set_id in judged.values() if rule_set_id}
    multiples = {
        (row.rule_set_id, row.title_id): row.reward_multiple
        for row in AwardTerms.objects.filter(rule_set_id__in=rule_set_ids)
    }
    levels = {rule_set.pk: title_levels(rule_set=rule_set) for rule_set in RuleSet.objects.filter(pk__in=rule_set_ids)}
    levels[None] = title_levels(rule_set=None)
    salaries = list(BaseSalary.objects.all())
    lines = defaultdict(list)
    for line in ProposalLine.objects.filter(proposal__in=proposals, decision=ProposalLine.Decision.APPROVED).only(
        "id", "proposal_id", "title_id"
    ):
        lines[line.proposal_id].append(line)
    funds = {}
    for decision in decisions:
        proposal = decision.proposal
        rule_set_id = judged.get(proposal.pk)
        allowed = DECIDED_AT[proposal.council.level]
        fund = funds.setdefault(decision.authority_id, FundTotal(fund=decision.authority.name))
        fund.decisions += 1
        base = base_salary_on(decision.dated, salaries)
        for line in lines[proposal.pk]:
            if levels.get(rule_set_id, levels[None]).get(line.title_id) not in allowed:
                continue
            fund.awards += 1
            amount = reward_amount(
                multiple=multiples.get((rule_set_id, line.title_id)), base_salary=base.amount if base else None
            )
            if amount is None:
                fund.unpriced += 1
            else:
                fund.total += amount
    return sorted(funds.values(), key=lambda fund: -fund.total)
