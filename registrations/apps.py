from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    verbose_name = _("Registrations")
    name = "registrations"

    def ready(self):
        from organisation.signals import unit_merged
        from registrations import dashboard, merges, reminders

        reminders.register()
        dashboard.register()
        unit_merged.connect(merges.move_open_registrations, dispatch_uid="registrations.move_open_registrations")
