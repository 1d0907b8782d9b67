"""What later apps add to a campaign's pages, asked through Django signals so that no import runs back up.

Each receiver returns a `(template name, context)` pair the page includes,
or None to add nothing; `panels_from` gathers them in the order the apps
connected.
"""

from django.dispatch import Signal

campaign_panels = Signal()
"""Sent by the campaign's page (`campaigns.views.campaign_detail`) with `request`, `campaign` and `access`
(its `CampaignAccess`)."""

dashboard_panels = Signal()
"""Sent by the dashboard (`campaigns.views.dashboard`) with `request` and `today`."""


def panels_from(signal, **kwargs):
    return [response for _receiver, response in signal.send(sender=None, **kwargs) if response]
