from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from campaigns.selectors import campaign_compilers, campaign_list, campaigns_of_unit_q
        from organisation.access import viewer_for
        from organisation.panels import register_unit_panel

        def campaigns_of_unit(*, request, unit):
            """The unit's campaigns; where the user acts for it and it competes, with links to its own forms."""
            campaigns = campaign_list(user=request.user).filter(campaigns_of_unit_q(unit_ids=[unit.pk])).distinct()
            acts = unit.pk in viewer_for(request.user).own_unit_ids
            return [(campaign, acts and unit.pk in campaign_compilers(campaign=campaign)) for campaign in campaigns]

        register_unit_panel(template="campaigns/unit_panel.html", context=campaigns_of_unit)
