from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    verbose_name = _("Awards")
    name = "awards"

    def ready(self):
        from awards import dashboard, panels, statistics
        from awards.checks import title_quotas
        from awards.selectors import approved_counts
        from awards.services import rules_copy
        from campaigns.copying import register_copier
        from campaigns.hooks import provide
        from campaigns.signals import campaign_panels, dashboard_panels
        from honours.signals import statistics_sections

        register_copier(rules_copy)
        provide("title_quotas", title_quotas)
        provide("approved_counts", approved_counts)
        dashboard.register()
        campaign_panels.connect(panels.campaign_rules_panel, dispatch_uid="awards.campaign_rules_panel")
        dashboard_panels.connect(panels.office_rules_panel, dispatch_uid="awards.office_rules_panel")
        statistics_sections.connect(statistics.money_section, dispatch_uid="awards.money_section")
