from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    verbose_name = _("Awards")
    name = "awards"

    def ready(self):
        from awards import receivers  # noqa: F401  (connects them)
