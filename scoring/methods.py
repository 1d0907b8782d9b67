"""How a criterion turns what a unit reports into points: the scoring methods, their checks and their formulas.

Pure functions over a criterion's fields, no database: the services call them
when a figure is saved or corrected, the selectors when totals are summed.
Points are Decimal throughout, rounded once per criterion as the table states
(`Rounding`: two decimals half up unless it says otherwise), so 0.925 × 40 is
37.00 exactly.
"""

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

CENT = Decimal("0.01")
HUNDRED = Decimal("100")
ZERO = Decimal("0")

TYPED = "typed"
RATIO = "ratio"
TARGET = "target"
TWO_LEVELS = "two_levels"
TIERS = "tiers"
ALL_OR_NOTHING = "all_or_nothing"
PER_OCCURRENCE = "per_occurrence"

# Methods whose points come from a figure over a base (a share).
SHARE_METHODS = {RATIO, TARGET, TWO_LEVELS}

GATE_NONE = ""
GATE_EVIDENCE = "evidence"
GATE_REPORT = "report"
GATE_FLOOR = "floor"

TIERS_OF_FIGURE = "figure"
TIERS_OF_SHARE = "share"


HALF_UP = "half_up"
DOWN = "down"
UP = "up"
# Points are never negative (a deduction's kind subtracts them), so "down" and "up" are towards and away from zero.
ROUNDING_MODES = {HALF_UP: ROUND_HALF_UP, DOWN: ROUND_DOWN, UP: ROUND_UP}
# Points are stored with two decimals: a table rounds to at most as many.
MAX_PLACES = 2


@dataclass(frozen=True)
class Rounding:
    """How a table rounds the points it computes: to `places` decimals (0 to 2), half up, down or up."""

    places: int = MAX_PLACES
    mode: str = HALF_UP

    def __call__(self, value):
        step = Decimal(1).scaleb(-self.places)
        return Decimal(value).quantize(step, rounding=ROUNDING_MODES[self.mode]).quantize(CENT)


TWO_DECIMALS_HALF_UP = Rounding()


def shown(value):
    """A number as the tables print it: "37", "0,4" (localised, no trailing zeros)."""
    return floatformat(value, "-2")


def needs_figure(criterion):
    return criterion.method != TYPED or criterion.gate == GATE_FLOOR


def needs_base(criterion):
    """Whether the unit reports a base beside its figure (a share with no base fixed by the table)."""
    uses_share = criterion.method in SHARE_METHODS or (
        criterion.method == TIERS and criterion.tiers_of == TIERS_OF_SHARE
    )
    return uses_share and criterion.fixed_base is None


def is_computed(criterion):
    """Points computed on the server from figures, never typed."""
    return criterion.method != TYPED


def tier_list(criterion):
    """[(lower, upper or None, points)] as Decimals, in the order stored."""
    return [
        (Decimal(lower), None if upper in (None, "") else Decimal(upper), Decimal(points))
        for lower, upper, points in (criterion.tiers or [])
    ]


def parse_tiers(text):
    """Tiers typed one per line as "88; 90; 2" (from; under; points), an empty "under" for the last.

    Returns the list stored on the criterion ([["88", "90", "2"], ...]);
    raises ValidationError naming the line that cannot be read.
    """
    tiers = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.replace("|", ";").split(";")]
        if len(parts) != 3:
            raise ValidationError(
                _("Tier line %(line)s: write “from; under; points”, e.g. “88; 90; 2”.") % {"line": number}
            )
        try:
            values = [
                None if part == "" and index == 1 else Decimal(part.replace(",", "."))
                for index, part in enumerate(parts)
            ]
        except InvalidOperation:
            raise ValidationError(
                _("Tier line %(line)s: “%(text)s” holds something that is not a number.")
                % {"line": number, "text": line.strip()}
            ) from None
        tiers.append([str(value) if value is not None else None for value in values])
    return tiers


def tiers_text(tiers):
    return "\n".join(f"{lower}; {upper or ''}; {points}".replace(".", ",") for lower, upper, points in tiers or [])


def check_table_line(criterion):
    """Refuse parameters that cannot be met: {field: message}. Called by Criterion.clean()."""
    errors = {}
    method, maximum = criterion.method, criterion.max_points
    if method in (TARGET, TWO_LEVELS):
        if criterion.target is None:
            errors["target"] = _("Give the target, in percent of the base.")
        elif not ZERO < criterion.target <= HUNDRED:
            errors["target"] = _("The target is a share between 0 and 100 %.")
    if method == TWO_LEVELS:
        if criterion.second_level is None:
            errors["second_level"] = _("Give the second level, where full marks start.")
        elif criterion.second_level > HUNDRED:
            errors["second_level"] = _("The second level is a share of at most 100 %.")
        elif criterion.target is not None and criterion.second_level <= criterion.target:
            errors["second_level"] = _("The second level (full marks) must lie above the target (half marks).")
    if criterion.fixed_base is not None and criterion.fixed_base <= 0:
        errors["fixed_base"] = _("The base must be above zero.")
    if method == PER_OCCURRENCE:
        if not criterion.per_occurrence:
            errors["per_occurrence"] = _("Give the points for each occurrence.")
        elif maximum is not None and abs(criterion.per_occurrence) > maximum:
            errors["per_occurrence"] = _(
                "One occurrence is worth more than the cap (the maximum): the cap cannot lie below a single one."
            )
        elif criterion.per_occurrence < 0 and criterion.kind != "deduction":
            errors["per_occurrence"] = _(
                "Negative points per occurrence are a deduction: choose the kind “Deduction”, which subtracts them."
            )
    if method == TIERS:
        message = _tier_problem(tier_list(criterion), maximum, criterion.tiers_of)
        if message:
            errors["tiers"] = message
    if criterion.gate == GATE_FLOOR and criterion.gate_floor is None:
        errors["gate_floor"] = _("Give the floor the figure must reach.")
    if criterion.gate == GATE_FLOOR and criterion.gate_floor is not None and criterion.gate_floor < 0:
        errors["gate_floor"] = _("The floor cannot be negative.")
    return errors


def _tier_problem(tiers, maximum, tiers_of):
    if not tiers:
        return _("Give at least one tier: “from; under; points”.")
    ordered = sorted(tiers, key=lambda tier: tier[0])
    for index, (lower, upper, points) in enumerate(ordered):
        if lower < 0 or (tiers_of == TIERS_OF_SHARE and lower > HUNDRED):
            return _("The tier from %(lower)s lies outside 0–100 %%.") % {"lower": shown(lower)}
        if upper is not None and upper <= lower:
            return _("The tier from %(lower)s ends at or below where it starts.") % {"lower": shown(lower)}
        if points < 0 or (maximum is not None and points > maximum):
            return _("The tier from %(lower)s gives %(points)s points, outside 0 to the maximum.") % {
                "lower": shown(lower),
                "points": shown(points),
            }
        if index + 1 < len(ordered):
            following = ordered[index + 1][0]
            if upper is None or following < upper:
                return _("The tiers from %(a)s and from %(b)s overlap: each starts where the one before ends.") % {
                    "a": shown(lower),
                    "b": shown(following),
                }
            if following > upper:
                return _("There is a gap between %(upper)s and %(b)s: each tier starts where the one before ends.") % {
                    "upper": shown(upper),
                    "b": shown(following),
                }
    return None


def check_figure(criterion, value, base):
    """Refuse a figure the table cannot score: negative, above its base, a share over 100 %. Messages name the line."""
    name = str(criterion)
    if value is None:
        return
    if value < 0:
        raise ValidationError(_("%(criterion)s: the figure cannot be negative.") % {"criterion": name})
    if criterion.method == ALL_OR_NOTHING and value not in (0, 1):
        raise ValidationError(_("%(criterion)s: answer met or not met.") % {"criterion": name})
    if criterion.method == PER_OCCURRENCE and value != value.to_integral_value():
        raise ValidationError(_("%(criterion)s: the number of occurrences is a whole number.") % {"criterion": name})
    if not needs_base(criterion) and criterion.fixed_base is None:
        return
    base = criterion.fixed_base if criterion.fixed_base is not None else base
    if base is None:
        raise ValidationError(_("%(criterion)s: give the base beside the figure.") % {"criterion": name})
    if base <= 0:
        raise ValidationError(_("%(criterion)s: the base must be above zero.") % {"criterion": name})
    if value > base:
        raise ValidationError(
            _("%(criterion)s: the figure (%(value)s) is above its base (%(base)s): a share over 100 %% is impossible.")
            % {"criterion": name, "value": shown(value), "base": shown(base)}
        )


def gate_holds(criterion, *, value, evidence, report):
    """Whether the criterion's gate lets points through: evidence attached, the mid-year report sent, a floor met."""
    if criterion.gate == GATE_EVIDENCE:
        return evidence
    if criterion.gate == GATE_REPORT:
        return report
    if criterion.gate == GATE_FLOOR:
        return value is not None and value >= criterion.gate_floor
    return True


def criterion_points(
    criterion, *, value=None, base=None, typed=None, evidence=False, report=False, rounding=TWO_DECIMALS_HALF_UP
):
    """The points of one line from its figure (and base) or its typed points, behind its gate, capped at its maximum.

    None while the line has nothing to score yet (no figure reported, no
    points typed). Deductions come out positive: their kind subtracts them.
    Points computed from a figure are rounded as the table states; typed
    points stay as typed.
    """
    if criterion.method == TYPED:
        if typed is None:
            return None
        points = typed
    else:
        if value is None:
            return None
        points = rounding(min(_from_figure(criterion, value, base), criterion.max_points))
    if needs_figure(criterion) and criterion.gate == GATE_FLOOR and value is None:
        return None
    if not gate_holds(criterion, value=value, evidence=evidence, report=report):
        return ZERO.quantize(CENT)
    return min(points, criterion.max_points).quantize(CENT)


def _from_figure(criterion, value, base):
    maximum = criterion.max_points
    base = criterion.fixed_base if criterion.fixed_base is not None else base
    method = criterion.method
    if method == ALL_OR_NOTHING:
        return maximum if value >= 1 else ZERO
    if method == PER_OCCURRENCE:
        return value * abs(criterion.per_occurrence)
    if method == TIERS:
        measure = value * HUNDRED / base if criterion.tiers_of == TIERS_OF_SHARE else value
        for lower, upper, points in tier_list(criterion):
            if measure >= lower and (upper is None or measure < upper):
                return points
        return ZERO
    # Shares: multiply before dividing, so that no intermediate rounding creeps in.
    if method == RATIO:
        return maximum * value / base
    share = value * HUNDRED / base
    if method == TARGET:
        return maximum if share >= criterion.target else maximum * share / criterion.target
    # Two levels: proportional up to half marks at the target, half marks from it, full marks from the second level.
    if share >= criterion.second_level:
        return maximum
    half = maximum / 2
    return half if share >= criterion.target else half * share / criterion.target


def formula(criterion):
    """The line's rule in words, as every reader sees it beside the points."""
    maximum = shown(criterion.max_points)
    figure = criterion.figure_label or _("the figure")
    base = shown(criterion.fixed_base) if criterion.fixed_base is not None else (criterion.base_label or _("the base"))
    method = criterion.method
    if method == TYPED:
        text = _("Points typed, 0 to %(max)s.") % {"max": maximum}
    elif method == RATIO:
        text = _("%(figure)s ÷ %(base)s × %(max)s points.") % {"figure": figure, "base": base, "max": maximum}
    elif method == TARGET:
        text = _("Full %(max)s points when %(figure)s ÷ %(base)s reaches %(target)s %%; below it, in proportion.") % {
            "figure": figure,
            "base": base,
            "max": maximum,
            "target": shown(criterion.target),
        }
    elif method == TWO_LEVELS:
        text = _(
            "Half the points (%(half)s) when %(figure)s ÷ %(base)s reaches %(target)s %%, full %(max)s points from "
            "%(second)s %%; below the target, in proportion."
        ) % {
            "half": shown(criterion.max_points / 2),
            "figure": figure,
            "base": base,
            "max": maximum,
            "target": shown(criterion.target),
            "second": shown(criterion.second_level),
        }
    elif method == TIERS:
        unit = " %" if criterion.tiers_of == TIERS_OF_SHARE else ""
        bands = "; ".join(
            (f"{shown(lower)}–<{shown(upper)}{unit}" if upper is not None else f"≥ {shown(lower)}{unit}")
            + f": {shown(points)}"
            for lower, upper, points in tier_list(criterion)
        )
        measure = _("%(figure)s ÷ %(base)s") % {"figure": figure, "base": base} if unit else figure
        text = _("By tiers of %(measure)s (from inclusive, under exclusive): %(bands)s.") % {
            "measure": measure,
            "bands": bands,
        }
    elif method == ALL_OR_NOTHING:
        text = _("%(max)s points when met, otherwise 0.") % {"max": maximum}
    else:
        sign = "−" if criterion.kind == "deduction" else ""
        text = _("%(sign)s%(each)s per occurrence of %(figure)s, at most %(sign)s%(max)s.") % {
            "sign": sign,
            "each": shown(abs(criterion.per_occurrence or 0)),
            "figure": figure,
            "max": maximum,
        }
    gate = {
        GATE_EVIDENCE: _("0 points unless evidence is attached."),
        GATE_REPORT: _("0 points unless the mid-year report was sent."),
        GATE_FLOOR: _("0 points unless %(figure)s reaches %(floor)s.")
        % {"figure": figure, "floor": shown(criterion.gate_floor or 0)},
    }.get(criterion.gate)
    return f"{text} {gate}" if gate else text
