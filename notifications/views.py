from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.access import requires
from notifications import services
from notifications.forms import NotificationSettingsForm


@requires("site.enter")
def notifications(request):
    items = list(services.notifications_for_user(user=request.user)[:100])
    response = render(request, "notifications/list.html", {"items": items})
    # Opening the list reads what it shows.
    services.notifications_mark_read(user=request.user, ids=[item.pk for item in items])
    return response


@requires("site.enter")
def notification_settings(request):
    current = services.settings_for(user=request.user)
    # An unticked box posts nothing, so the form is bound by the method, not by what came.
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None, initial={"email": current.email}
    )
    if request.method == "POST" and form.is_valid():
        services.settings_save(user=request.user, email=form.cleaned_data["email"])
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form, "address": request.user.email})
