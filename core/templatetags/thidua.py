from django import template
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import text

register = template.Library()


@register.filter
def days_left(days):
    """ "in 5 days", "today", "3 days ago", as a deadline reads on a dashboard."""
    if days is None:
        return ""
    if days == 0:
        return _("due today")
    if days > 0:
        return ngettext("%(days)s day left", "%(days)s days left", days) % {"days": days}
    return ngettext("%(days)s day overdue", "%(days)s days overdue", -days) % {"days": -days}


@register.filter
def days_until(day):
    """Days from today to `day`, for `days_left`; None without a day."""
    return None if day is None else (day - timezone.localdate()).days


@register.filter
def days_left_class(days):
    if days is None:
        return ""
    if days < 0:
        return "overdue"
    return "soon" if days <= 7 else ""


@register.filter
def document_date(value):
    """A date as official documents write it: "ngày 05 tháng 02 năm 2020"."""
    if not value:
        return ""
    return _("day %(day)02d month %(month)02d year %(year)s") % {
        "day": value.day,
        "month": value.month,
        "year": value.year,
    }


@register.filter
def display_name(user):
    return text.display_name(user)


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, or an empty list when absent."""
    return mapping.get(key, []) if mapping else []


@register.filter
def signed(value):
    """A difference as every page and the score sheet's script write it: "+0,25", "-1,50", "0,00"; "—" without one."""
    if value is None or value == "":
        return "—"
    number = floatformat(abs(value), 2)
    return f"+{number}" if value > 0 else f"-{number}" if value < 0 else number


@register.filter
def campaign_crumb(campaign):
    """A campaign's name short enough for a breadcrumb, its year kept: two years of one campaign must not read alike.

    "Tổ chức và phát động phong trào thi đua năm 2020" → "Tổ chức và phát động phong trào … năm 2020".
    """
    words = campaign.name.split()
    if len(words) <= 9:
        return campaign.name
    year = str(campaign.year)
    if year in words[-1]:
        return f"{' '.join(words[:7])} … {' '.join(words[-2:])}"
    return f"{' '.join(words[:7])} … ({year})"
