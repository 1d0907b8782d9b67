"""Sections that later apps add to a unit's page, so that organisation never imports them."""

_UNIT_PANELS = []


def register_unit_panel(*, template, context):
    """`context(request=…, unit=…)` returns what `template` shows, as the `panel` variable."""
    _UNIT_PANELS.append((template, context))


def unit_panels(*, request, unit):
    return [(template, context(request=request, unit=unit)) for template, context in _UNIT_PANELS]
