from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from campaigns.selectors import campaign_list, campaigns_of_unit_q
        from organisation.panels import register_unit_panel

        def campaigns_of_unit(*, request, unit):
            return campaign_list(user=request.user).filter(campaigns_of_unit_q(unit_ids=[unit.pk])).distinct()

        register_unit_panel(template="campaigns/unit_panel.html", context=campaigns_of_unit)
