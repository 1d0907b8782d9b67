"""What campaigns asks of the apps built on it, so that it never imports them.

`campaign_copied`: sent inside `campaign_copy`'s transaction, with `source`
and `target` (campaigns) and `items` ({source content item id: target
content item id}). Each receiver carries its own data into the new year.

`unit_steps`: sent to draw where units stand in a campaign (dashboards, the
campaign's page), with `campaign` and `unit_ids`. A receiver answers a list
of (position, {unit id: Step}); the steps show in the order of positions.

`compiler_tasks`: sent with `access` (a CampaignAccess whose compiler is
chosen). A receiver answers the Tasks waiting for that compiler.

`campaign_pages`: sent to draw the buttons of a campaign's page, with
`campaign`. A receiver answers the Links (campaigns.navigation) to its pages
of that campaign.

`unit_pages`: sent to link a unit's own forms in a campaign (on the unit's
page), with `campaign` and `unit`. A receiver answers the Links to them.

`campaign_panels`: sent when a campaign's page is drawn, with `request`,
`campaign` and `access` (its CampaignAccess). A receiver answers a `Panel`
(organisation.panels) or None.

`dashboard_panels`: sent when a user's dashboard is drawn, with `request` and
`today`. A receiver answers a `Panel` or None.

`deadline_moved`: sent inside the transaction that moves a milestone of an
open campaign, with `milestone`, `old` (its former deadline), `reason`,
`actor` and `logged` (the log entry). notifications tells the units.

`campaign_opened`: sent inside the transaction that opens a draft campaign,
with `campaign`, `actor` and `logged` (the log entry). registrations tells
each competing unit's clerks to register, with the link to its form.
"""

from django.dispatch import Signal

campaign_copied = Signal()
unit_steps = Signal()
compiler_tasks = Signal()
campaign_pages = Signal()
unit_pages = Signal()
campaign_panels = Signal()
dashboard_panels = Signal()
deadline_moved = Signal()
campaign_opened = Signal()
