from django import template
from django.utils.translation import gettext as _

from activity.signals import action_labels
from core.dispatch import merged

register = template.Library()


@register.filter
def action_label(action):
    """What an activity log code means, in words: each app names the codes it logs."""
    return merged(action_labels).get(action, _("made a change"))
