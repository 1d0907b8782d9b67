"""Sections that the apps built on organisation add to a unit's page (the `unit_panels` signal)."""

from dataclasses import dataclass

from core.signals import responses
from organisation.signals import unit_panels


@dataclass(frozen=True)
class Panel:
    """`template` is drawn on the unit's page with `context` as its `panel` variable."""

    template: str
    context: object


def panels_of_unit(*, request, unit):
    return responses(unit_panels, request=request, unit=unit)
