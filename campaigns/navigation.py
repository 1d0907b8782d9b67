"""Links to the pages the apps built on campaigns keep for a campaign, gathered through signals."""

from dataclasses import dataclass

from campaigns.signals import campaign_pages, unit_pages
from core.access import allows
from core.dispatch import responses


@dataclass(frozen=True)
class Link:
    position: int
    label: str
    url: str
    # what the page requires of the campaign's grant ("campaign.take_part"): a link is shown only to whom it opens
    need: str = "campaign.see"


def _ordered(answers):
    return sorted((link for links in answers for link in links), key=lambda link: link.position)


def campaign_links(*, campaign, grant):
    """The campaign's own pages in the later apps that the user may open: registrations, scoring, awards.

    `grant` is the user's CampaignAccess to the campaign; each page's need is
    asked of it, so nobody is linked to a page that would refuse them.
    """
    return [
        link for link in _ordered(responses(campaign_pages, campaign=campaign)) if allows(grant, link.need, campaign)
    ]


def unit_links(*, campaign, unit):
    """A unit's own forms in the campaign: its registration, reports, self-assessment, results."""
    return _ordered(responses(unit_pages, campaign=campaign, unit=unit))
