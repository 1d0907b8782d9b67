from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Organisation")

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from organisation.services import login_failure_record

        # Every failed sign-in (the site's page, the admin's) goes into the log the office reads.
        user_login_failed.connect(login_failure_record, dispatch_uid="organisation.login_failure_record")
