from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    verbose_name = _("Awards")
    name = "awards"

    def ready(self):
        from django.db.models.signals import post_save

        from awards import dashboard
        from awards.certificates import on_decision_saved
        from awards.checks import title_quotas
        from awards.models import AwardDecision
        from awards.selectors import approved_counts
        from awards.services import rules_copy
        from campaigns.copying import register_copier
        from campaigns.hooks import provide

        register_copier(rules_copy)
        provide("title_quotas", title_quotas)
        provide("approved_counts", approved_counts)
        dashboard.register()
        post_save.connect(on_decision_saved, sender=AwardDecision, dispatch_uid="awards.certificate_codes")
