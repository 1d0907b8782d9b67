"""Money as Vietnamese documents write it: 2.530.000 (đồng, dots between thousands)."""

from django import template

register = template.Library()


@register.filter
def dong(amount):
    """2530000 → "2.530.000"; nothing for None."""
    if amount is None or amount == "":
        return ""
    return f"{int(amount):,}".replace(",", ".")
