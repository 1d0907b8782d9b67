"""Totals over the criteria tree: a line with children scores their sum capped at its maximum.

Pure functions over criteria already read (no query), so the ranking of 200
units costs the same queries as that of 5. `unit_total` is the one function
every total goes through (ranking, score forms, exports).
"""

from collections import defaultdict
from decimal import Decimal

ZERO = Decimal("0")


def parent_ids(criteria):
    return {criterion.parent_id for criterion in criteria if criterion.parent_id is not None}


def leaves(criteria):
    """The lines that are scored: those without sub-lines."""
    parents = parent_ids(criteria)
    return [criterion for criterion in criteria if criterion.pk not in parents]


def tree_points(criteria, points):
    """{criterion id: points} for every line that has any: scored lines as given, parts as their children's sum
    capped at their maximum. Deductions stay positive here; `unit_total` subtracts them."""
    by_id = {criterion.pk: criterion for criterion in criteria}
    children = defaultdict(list)
    for criterion in criteria:
        if criterion.parent_id in by_id:
            children[criterion.parent_id].append(criterion.pk)
    result = {}

    def visit(criterion_id):
        if criterion_id in result:
            return result[criterion_id]
        if criterion_id not in children:
            value = points.get(criterion_id)
        else:
            parts = [visit(child) for child in children[criterion_id]]
            given = [part for part in parts if part is not None]
            value = min(sum(given, ZERO), by_id[criterion_id].max_points) if given else None
        result[criterion_id] = value
        return value

    for criterion in criteria:
        visit(criterion.pk)
    return {criterion_id: value for criterion_id, value in result.items() if value is not None}


def roots(criteria):
    ids = {criterion.pk for criterion in criteria}
    return [criterion for criterion in criteria if criterion.parent_id not in ids]


def kind_totals(criteria, points):
    """{kind: points} summed over the top lines of each kind (regular, bonus, deduction), each part capped."""
    tree = tree_points(criteria, points)
    totals = {"regular": ZERO, "bonus": ZERO, "deduction": ZERO}
    for criterion in roots(criteria):
        if criterion.pk in tree:
            totals[criterion.kind] += tree[criterion.pk]
    return totals


def unit_total(criteria, points):
    """A unit's total from its points per scored line ({criterion id: points}): parts capped, deductions subtracted."""
    totals = kind_totals(criteria, points)
    return totals["regular"] + totals["bonus"] - totals["deduction"]


def tree_order(criteria):
    """The lines depth first, each part followed by its lines in position order, each with its `depth` (0 at the top)."""
    ids = {criterion.pk for criterion in criteria}
    children = defaultdict(list)
    for criterion in sorted(criteria, key=lambda line: line.position):
        children[criterion.parent_id if criterion.parent_id in ids else None].append(criterion)
    ordered = []
    stack = [(line, 0) for line in reversed(children[None])]
    while stack:
        criterion, depth = stack.pop()
        criterion.depth = depth
        ordered.append(criterion)
        stack.extend((line, depth + 1) for line in reversed(children[criterion.pk]))
    return ordered


def parts_attribute(criteria):
    """The parts of a table for the score pages' script, "id:maximum:parent id:depth" each, so that it caps them
    while the user types as `tree_points` does on saving. Depth comes from `tree_order`."""
    parents = parent_ids(criteria)
    return " ".join(
        f"{criterion.pk}:{criterion.max_points}:{criterion.parent_id or ''}:{getattr(criterion, 'depth', 0)}"
        for criterion in criteria
        if criterion.pk in parents
    )
