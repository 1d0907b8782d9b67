from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    verbose_name = _("Scoring")
    name = "scoring"

    def ready(self):
        from campaigns.copying import register_copier
        from scoring import dashboard, reminders, services

        reminders.register()
        dashboard.register()
        register_copier(services.scoring_copy)
