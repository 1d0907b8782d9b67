from notifications.services import unread_count
from organisation.access import viewer_for
from organisation.models import Unit


def navigation(request):
    """What the navigation bar shows depends on the roles the user holds."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    viewer = viewer_for(user)
    return {
        "nav_viewer": viewer,
        "nav_units": Unit.objects.filter(id__in=viewer.clerk_unit_ids) if viewer.clerk_unit_ids else [],
        "nav_unread": unread_count(user=user),
    }
