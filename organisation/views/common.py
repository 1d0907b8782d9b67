"""What every page of the organisation shares: an Excel response, an object's history."""

from django.http import HttpResponse

from activity.models import ActivityLog

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def history(obj, limit=30):
    return ActivityLog.objects.filter(
        content_type__app_label=obj._meta.app_label, content_type__model=obj._meta.model_name, object_id=obj.pk
    ).select_related("user")[:limit]
