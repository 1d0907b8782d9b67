"""What later apps add to the year's statistics, asked through a Django signal so that no import runs back up."""

from dataclasses import dataclass, field

from django.dispatch import Signal

statistics_sections = Signal()
"""Sent by the year's statistics page and its Excel file (`honours.views`) with `root` (the office's top unit)
and `year`; each receiver returns a `StatisticsSection`, or None to add nothing."""


@dataclass
class StatisticsSection:
    """A table the page shows (its `template` reads `section.context`) and the Excel file carries as a sheet."""

    title: str
    template: str
    context: dict
    header: list
    rows: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def sections_for(*, root, year):
    return [section for _receiver, section in statistics_sections.send(sender=None, root=root, year=year) if section]
