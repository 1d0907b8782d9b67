"""Sections that the apps built on organisation add to a unit's page (the `unit_panels` signal)."""

from dataclasses import dataclass

from core.dispatch import responses
from organisation.signals import bloc_panels, unit_panels


@dataclass(frozen=True)
class Panel:
    """`template` is drawn on the unit's page with `context` as its `panel` variable."""

    template: str
    context: object


def panels_of_unit(*, request, unit):
    return responses(unit_panels, request=request, unit=unit)


def panels_of_bloc(*, request, bloc, year):
    return responses(bloc_panels, request=request, bloc=bloc, year=year)
