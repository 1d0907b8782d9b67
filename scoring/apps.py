from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    verbose_name = _("Scoring")
    name = "scoring"

    def ready(self):
        from scoring import receivers  # noqa: F401  (connects them)
