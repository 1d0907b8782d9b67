from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonoursConfig(AppConfig):
    verbose_name = _("Award register")
    name = "honours"

    def ready(self):
        from honours import receivers  # noqa: F401  (connects them)
