from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonoursConfig(AppConfig):
    verbose_name = _("Award register")
    name = "honours"

    def ready(self):
        from honours import views
        from organisation.models import SheetImport
        from organisation.panels import register_unit_panel
        from organisation.views import register_import

        register_import(SheetImport.Kind.HONOURS, **views.IMPORT)
        register_unit_panel(template="honours/unit_panel.html", context=views.unit_panel)
