from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    verbose_name = _("Registrations")
    name = "registrations"

    def ready(self):
        from registrations import receivers  # noqa: F401  (connects them)
