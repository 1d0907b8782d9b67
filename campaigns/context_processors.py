from campaigns.reminders import unread_count
from organisation.models import Unit
from organisation.selectors import viewer_for


def navigation(request):
    """What the navigation bar shows depends on the roles the user holds."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    viewer = viewer_for(user)
    unit_ids = viewer.clerk_unit_ids | viewer.leader_unit_ids
    return {
        "nav_viewer": viewer,
        "nav_units": Unit.objects.filter(id__in=unit_ids) if unit_ids else [],
        "nav_unread": unread_count(user=user),
    }
