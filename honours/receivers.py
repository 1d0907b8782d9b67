"""honours' answers to the signals of the apps below it."""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy

from activity.signals import action_labels
from honours import views
from organisation.panels import Panel
from organisation.signals import import_kinds, unit_panels


@receiver(action_labels, dispatch_uid="honours.action_labels")
def honours_action_labels(**kwargs):
    return {
        "honours.imported": gettext_lazy("imported the award register"),
    }


@receiver(import_kinds, dispatch_uid="honours.import_kinds")
def honours_import_kinds(**kwargs):
    return {views.KIND: views.IMPORT}


@receiver(unit_panels, dispatch_uid="honours.unit_panels")
def honours_unit_panel(*, request, unit, **kwargs):
    return Panel(template="honours/unit_panel.html", context=views.unit_panel(request=request, unit=unit))
