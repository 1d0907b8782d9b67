"""The office's next first step, on the pages where it sets up its tree and on its dashboard."""

from django import template

from organisation.access import viewer_for
from organisation.selectors import office_setup

register = template.Library()


@register.inclusion_tag("organisation/_setup_next.html", takes_context=True)
def setup_next(context, *, full=False):
    """While an office sets up its tree, the next step (`full`: every step, done or not), linked only where the user
    may go and never to the page it is on.

    The council is the last step: once it is there the setup is over, and nothing is said (an agency whose
    sub-units compete without blocs is not asked for blocs forever). The next step is the first one not taken
    after the last one taken: a step skipped on purpose is not asked for again on every page.
    """
    request = context["request"]
    steps = office_setup(viewer=viewer_for(request.user))
    if not steps or steps[-1].done:
        return {}
    taken = max((index for index, step in enumerate(steps) if step.done), default=-1)
    upcoming = next((step for step in steps[taken + 1 :] if request.access.may(*step.need)), None)
    if upcoming is not None and upcoming.url == request.path:
        upcoming = None
    shown = [step for step in steps if request.access.may(*step.need)]
    return {"steps": shown if full else [], "upcoming": upcoming, "full": full}
