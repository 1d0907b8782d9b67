"""The office's next first step, on the pages where it sets up its tree and on its dashboard."""

from django import template

from organisation.access import viewer_for
from organisation.selectors import office_setup

register = template.Library()


@register.inclusion_tag("organisation/_setup_next.html", takes_context=True)
def setup_next(context, *, full=False):
    """While an office has not taken its first steps, the next one (`full`: every step, done or not), linked only
    where the user may go, and never to the page it is on."""
    request = context["request"]
    steps = [step for step in office_setup(viewer=viewer_for(request.user)) if request.access.may(*step.need)]
    waiting = [step for step in steps if not step.done]
    upcoming = waiting[0] if waiting and waiting[0].url != request.path else None
    return {"steps": steps if full and waiting else [], "upcoming": upcoming, "full": full}
