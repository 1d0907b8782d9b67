import re
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from activity.signals import action_labels, action_sentences
from core.dispatch import merged
from core.text import display_name

register = template.Library()

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
NUMBER = re.compile(r"^-?\d+\.\d+$")


@register.filter
def action_label(action):
    """What an activity log code means, in words: each app names the codes it logs."""
    return merged(action_labels).get(action, _("made a change"))


def _shown(value):
    """A detail as the page shows it: dates as dd/mm/yyyy, points as 8,5; nothing at all as —."""
    if value is None or value == "":
        return "—"
    text = str(value)
    if match := ISO_DATE.match(text):
        return f"{match[3]}/{match[2]}/{match[1]}"
    if NUMBER.match(text):
        try:
            return formats.number_format(Decimal(text).normalize())
        except InvalidOperation:
            return text
    return text


@register.filter
def sentence(entry):
    """An entry read as a sentence: "Lê Văn An changed the score of criterion 3 of Sở Y tế: 8 → 9"."""
    text = merged(action_sentences).get(entry.action)
    details = {key: _shown(value) for key, value in (entry.data or {}).items()}
    try:
        said = str(text) % details if text else None
    except (KeyError, TypeError, ValueError):
        said = None
    who = display_name(entry.user) if entry.user_id else _("The system")
    return f"{who} {said or action_label(entry.action)}"
