"""The tie cascade: units on equal totals are ordered by the campaign's tie rules, in their order.

The first rule that tells two neighbours apart decides, and the ranking says
which and with what figures; units no rule tells apart share a rank, and when
the cascade ends with the vote, the vote page asks for it. A fixed number of
queries whatever the number of units.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from organisation.models import Person
from scoring.models import Ballot, Criterion, Figure, Scorecard, TieRule
from scoring.models.classification import figure_name


def figure_choices(*, campaign):
    """[(key, label)] of the figures units report in the campaign that a tie rule may name: one per line scored
    from a figure, keyed by the line's id."""
    return [
        (str(criterion.pk), figure_name(criterion))
        for criterion in Criterion.objects.filter(campaign=campaign).order_by("position")
        if criterion.needs_figure
    ]


def unit_figures(*, campaign, unit_ids, keys=None):
    """{figure key: {unit id: value}}: the figure each unit sent on the line, as its compiler kept it (confirmed or
    corrected), else as reported. Only the figures of sent self-assessments count; `keys` limits the lines read.
    One query."""
    figures = Figure.objects.filter(
        scorecard__campaign=campaign, scorecard__unit_id__in=unit_ids, scorecard__status=Scorecard.Status.SUBMITTED
    ).select_related("scorecard")
    if keys is not None:
        figures = figures.filter(criterion_id__in=[int(key) for key in keys])
    result = defaultdict(dict)
    for figure in figures:
        result[str(figure.criterion_id)][figure.scorecard.unit_id] = figure.kept[0]
    return dict(result)


def tie_rules_for(*, campaign):
    return list(TieRule.objects.filter(campaign=campaign).select_related("criterion").order_by("position"))


def mostly_women(*, unit_ids):
    """Units whose active staff are at least 70% women."""
    counts = defaultdict(lambda: [0, 0])
    for unit_id, gender, n in (
        Person.objects.filter(unit_id__in=unit_ids, is_active=True)
        .values("unit_id", "gender")
        .annotate(n=Count("id"))
        .values_list("unit_id", "gender", "n")
    ):
        counts[unit_id][1] += n
        if gender == Person.Gender.FEMALE:
            counts[unit_id][0] += n
    return {unit_id for unit_id, (women, total) in counts.items() if total and women * 100 >= 70 * total}


def _votes(*, campaign, unit_ids):
    """{unit id: votes received at the members' meeting}."""
    return dict(
        Ballot.objects.filter(meeting__campaign=campaign, candidate_id__in=unit_ids)
        .values("candidate_id")
        .annotate(n=Count("id"))
        .values_list("candidate_id", "n")
    )


def _facts(*, campaign, rules, unit_ids):
    kinds = {rule.kind for rule in rules}
    return {
        "women": mostly_women(unit_ids=unit_ids) if TieRule.Kind.WOMEN in kinds else set(),
        "votes": _votes(campaign=campaign, unit_ids=unit_ids) if TieRule.Kind.VOTE in kinds else {},
        "figures": unit_figures(
            campaign=campaign,
            unit_ids=unit_ids,
            keys={rule.figure for rule in rules if rule.kind in TieRule.FIGURE_KINDS},
        )
        if kinds & set(TieRule.FIGURE_KINDS)
        else {},
    }


def _value(rule, row, facts):
    """The unit's figure under the rule, the larger ranking higher (a "less of" figure is negated)."""
    Kind = TieRule.Kind
    if rule.kind == Kind.CRITERION:
        return row.finals.get(rule.criterion_id, Decimal("0"))
    if rule.kind == Kind.FIRST_GROUP:
        return row.first_group
    if rule.kind == Kind.FEWER_DEDUCTIONS:
        return -row.deductions
    if rule.kind == Kind.WOMEN:
        return Decimal(int(row.unit.pk in facts["women"]))
    if rule.kind == Kind.VOTE:
        return Decimal(facts["votes"].get(row.unit.pk, 0))
    value = facts["figures"].get(rule.figure, {}).get(row.unit.pk, Decimal("0"))
    return value if rule.kind == Kind.MORE_OF_FIGURE else -value


def _shown(rule, value):
    """The figure as the ranking shows it: a count, points, or yes/no."""
    if rule.kind == TieRule.Kind.WOMEN:
        return _("yes") if value else _("no")
    if rule.kind in (TieRule.Kind.FEWER_DEDUCTIONS, TieRule.Kind.FEWER_OF_FIGURE):
        value = -value
    return number_format(format(Decimal(value).normalize(), "f"))


def rank_rows(*, campaign, rows):
    """Order rows by total, then by the cascade; competition ranking ("1, 2, 2, 4").

    Each row tied on points with the row above it carries `tie_reason`: the
    rule that separated them and both figures, or that none did. The gap is
    what separates a unit from the one ranked just above it.
    """
    rules = tie_rules_for(campaign=campaign)
    facts = _facts(campaign=campaign, rules=rules, unit_ids=[row.unit.pk for row in rows]) if rules else {}
    for row in rows:
        row.tie_values = [_value(rule, row, facts) for rule in rules]
    ordered = sorted(rows, key=lambda row: (-row.total, [-value for value in row.tie_values], row.unit.sort_name))
    has_vote = any(rule.kind == TieRule.Kind.VOTE for rule in rules)
    for index, row in enumerate(ordered):
        if index == 0:
            row.rank = 1
            continue
        above = ordered[index - 1]
        row.gap = above.total - row.total
        if row.total != above.total:
            row.rank = index + 1
            continue
        decided = next(
            (
                i
                for i, (mine, theirs) in enumerate(zip(row.tie_values, above.tie_values, strict=True))
                if mine != theirs
            ),
            None,
        )
        if decided is None:
            row.rank = above.rank
            row.needs_vote = above.needs_vote = has_vote
            row.tie_reason = _(
                "Equal with %(other)s on %(total)s points and on every tie rule: they share the rank."
            ) % {
                "other": above.unit.name,
                "total": number_format(row.total),
            }
            continue
        rule = rules[decided]
        row.rank = index + 1
        row.tie_broken = above.tie_broken = True
        row.tie_rule = rule
        row.tie_reason = _(
            "Equal with %(other)s on %(total)s points; rule %(n)s, “%(rule)s”, put %(other)s first: %(theirs)s "
            "against %(mine)s."
        ) % {
            "other": above.unit.name,
            "total": number_format(row.total),
            "n": decided + 1,
            "rule": rule,
            "theirs": _shown(rule, above.tie_values[decided]),
            "mine": _shown(rule, row.tie_values[decided]),
        }
    return ordered


def tied_for_the_vote(rows):
    """[[unit, …]] of the units no rule before the vote told apart, each group in the ranking's order."""
    groups = defaultdict(list)
    for row in rows:
        if row.needs_vote:
            groups[(row.total, row.rank)].append(row.unit)
    return list(groups.values())
