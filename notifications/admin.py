from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Failed and waiting emails, reminders and the others, are found here, with the error and the next attempt."""

    list_display = ["subject", "event", "recipient", "unit", "email_status", "attempts", "created_at", "sent_at"]
    list_filter = ["email_status", "event", "offset", "milestone__kind"]
    list_select_related = ["recipient", "unit"]
    search_fields = ["subject", "recipient__username", "unit__search_name"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send again the selected failed emails"))
    def retry(self, request, queryset):
        queryset.filter(email_status=Notification.EmailStatus.FAILED).update(
            email_status=Notification.EmailStatus.PENDING, attempts=0, next_attempt_at=None
        )
