from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline
from core.text import fold
from registrations.models import CollectiveAim, IndividualAim, Registration, RegistrationItem, RegistrationSheet


class RegistrationItemInline(ReadOnlyInline):
    model = RegistrationItem
    extra = 0


class CollectiveAimInline(ReadOnlyInline):
    model = CollectiveAim
    extra = 0


class IndividualAimInline(ReadOnlyInline):
    model = IndividualAim
    raw_id_fields = ["person"]
    extra = 0


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["unit", "campaign", "status", "is_late", "submitted_at", "decided_at"]
    list_filter = ["status", "is_late", "campaign__year"]
    list_select_related = ["unit", "campaign"]
    search_fields = ["unit__search_name", "campaign__search_name"]
    readonly_fields = ["version", "submitted_at", "submitted_by", "decided_at", "decided_by"]
    inlines = [RegistrationItemInline, CollectiveAimInline, IndividualAimInline]

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(RegistrationSheet)
class RegistrationSheetAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "compiled_by_unit", "forwarded_at", "forwarded_by"]
    list_filter = ["campaign__year"]
    list_select_related = ["campaign", "compiled_by_unit", "forwarded_by"]
    filter_horizontal = ["registrations"]
