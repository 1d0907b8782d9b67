from django.contrib import admin

from activity.models import ActivityLog


@admin.register(ActivityLog)
class ActivityLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "action", "content_type", "object_id"]
    list_filter = ["action", "content_type"]
    list_select_related = ["user", "content_type"]
    search_fields = ["action", "user__username"]
    date_hierarchy = "created_at"

    # The log is evidence: nobody edits or deletes it, administrators included.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
