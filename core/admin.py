"""What the Django admin may do: repair reference data, and only look at the year's work."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Registrations, scores, rankings, votes and proposal decisions change only through the app's services,
    which check state, lock and log who did what; the admin shows them and never writes around that."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
