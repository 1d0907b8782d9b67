"""Percentages, computed and rounded one way wherever the product shows or judges one."""

from decimal import ROUND_HALF_UP, Decimal


def percent(part, whole, *, places=1):
    """`part` as a percentage of `whole`, rounded half up to `places` decimals; None when `whole` is zero.

    A rule is judged on the figure the page shows, so a reviewer never sees
    "70%" beside a refusal for lacking 70%.
    """
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
