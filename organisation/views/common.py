"""What every page of the organisation shares: resolving a unit, bloc, council or account for the user, the office's and the inviters' pages, an Excel response, an object's history."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from activity.models import ActivityLog
from core.views import object_view
from organisation import access

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


unit_view = object_view(
    "unit", access.unit_get_for_user, lambda *, user, unit: access.viewer_for(user).keeps_staff_of(unit.pk)
)


unit_record_view = object_view(
    "unit", access.unit_get_for_user, lambda *, user, unit: access.viewer_for(user).keeps_unit(unit.pk)
)


bloc_view = object_view(
    "bloc", access.bloc_get_for_user, lambda *, user, bloc: access.viewer_for(user).keeps_bloc(bloc)
)


council_view = object_view(
    "council", access.council_get_for_user, lambda *, user, council: access.viewer_for(user).keeps_council(council)
)


account_view = object_view("account", access.account_get_for_user, access.account_may_change)


def office_view(view):
    """Pages of the emulation office (and administrators); 403 for everyone else."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not access.viewer_for(request.user).keeps_organisation:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def invite_view(view):
    """Pages of those who invite people: the office for its tree, a clerk for their own unit."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        viewer = access.viewer_for(request.user)
        if not (viewer.keeps_organisation or viewer.is_clerk):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def xlsx(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def history(obj, limit=30):
    return ActivityLog.objects.filter(
        content_type__app_label=obj._meta.app_label, content_type__model=obj._meta.model_name, object_id=obj.pk
    ).select_related("user")[:limit]
