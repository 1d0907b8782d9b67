"""What every page of the organisation shares: an Excel response, an object's form, an object's history."""

from django.http import HttpResponse
from django.shortcuts import render

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


def form_page(request, form, *, title, back_url, submit_label=None, more=None, more_title=""):
    """The page of one object's form; input it refuses answers 400 and keeps what was typed.

    `submit_label` names what the button does when "Lưu" (save) would not say it (an invitation is sent); `more`
    is a second form sent with it, under `more_title` (a new bloc's members)."""
    return render(
        request,
        "organisation/object_form.html",
        {
            "form": form,
            "title": title,
            "back_url": back_url,
            "submit_label": submit_label,
            "more": more,
            "more_title": more_title,
        },
        status=400 if request.method == "POST" else 200,
    )
