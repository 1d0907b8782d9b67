"""Links to the pages the apps built on campaigns keep for a campaign, gathered through signals."""

from dataclasses import dataclass

from campaigns.signals import campaign_pages, unit_pages
from core.dispatch import responses


@dataclass(frozen=True)
class Link:
    position: int
    label: str
    url: str


def _ordered(answers):
    return sorted((link for links in answers for link in links), key=lambda link: link.position)


def campaign_links(*, campaign):
    """The campaign's own pages in the later apps: registrations, scoring, awards."""
    return _ordered(responses(campaign_pages, campaign=campaign))


def unit_links(*, campaign, unit):
    """A unit's own forms in the campaign: its registration, reports, self-assessment, results."""
    return _ordered(responses(unit_pages, campaign=campaign, unit=unit))
