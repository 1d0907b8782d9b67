from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data built from the seed plans. It sits above every other app, so only it imports them all."""

    name = "demo"
    verbose_name = _("Demo data")
