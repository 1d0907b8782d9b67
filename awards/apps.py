from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    verbose_name = _("Awards")
    name = "awards"

    def ready(self):
        from awards import dashboard
        from awards.services import rules_copy
        from campaigns.copying import register_copier

        register_copier(rules_copy)
        dashboard.register()
