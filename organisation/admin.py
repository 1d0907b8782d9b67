from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from core.text import fold
from organisation.models import (
    Bloc,
    BlocMembership,
    Council,
    CouncilMember,
    Person,
    RoleAssignment,
    SheetImport,
    Unit,
)


class FoldedSearchAdmin(admin.ModelAdmin):
    """Search that ignores diacritics and case: "thi dua" finds "Thi đua"."""

    # `contains` on the folded name, which the trigram index serves on PostgreSQL.
    search_fields = ["search_name__contains"]

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


class ChildUnitInline(admin.TabularInline):
    model = Unit
    fk_name = "parent"
    fields = ["name", "short_name", "kind", "is_active"]
    extra = 0
    show_change_link = True


class PersonInline(admin.TabularInline):
    model = Person
    fields = ["full_name", "gender", "position", "birth_date", "is_active"]
    extra = 0


@admin.register(Unit)
class UnitAdmin(FoldedSearchAdmin):
    list_display = ["name", "kind", "parent", "province", "is_active"]
    list_filter = ["kind", "province", "is_active"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    inlines = [ChildUnitInline, PersonInline]


@admin.register(Person)
class PersonAdmin(FoldedSearchAdmin):
    list_display = ["full_name", "unit", "position", "gender", "is_active"]
    list_filter = ["gender", "is_active", "unit__province"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    fields = ["user", "position", "job_title"]
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Council)
class CouncilAdmin(FoldedSearchAdmin):
    inlines = [CouncilMemberInline]
    list_display = ["name", "level", "unit"]
    list_filter = ["level"]
    autocomplete_fields = ["unit"]


class BlocMembershipInline(admin.TabularInline):
    model = BlocMembership
    fields = ["year", "unit", "role"]
    autocomplete_fields = ["unit"]
    extra = 0


@admin.register(Bloc)
class BlocAdmin(FoldedSearchAdmin):
    list_display = ["name", "full_name", "province", "council"]
    list_filter = ["province"]
    autocomplete_fields = ["council", "organizer"]
    inlines = [BlocMembershipInline]


@admin.register(BlocMembership)
class BlocMembershipAdmin(admin.ModelAdmin):
    list_display = ["bloc", "year", "unit", "role"]
    list_filter = ["year", "role", "bloc"]
    list_select_related = ["bloc", "unit"]
    search_fields = ["unit__search_name", "bloc__search_name"]
    autocomplete_fields = ["bloc", "unit"]

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    list_select_related = ["user", "unit"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__search_name"]
    autocomplete_fields = ["user", "unit"]


@admin.register(CouncilMember)
class CouncilMemberAdmin(admin.ModelAdmin):
    list_display = ["council", "user", "position", "job_title"]
    list_filter = ["position", "council"]
    list_select_related = ["council", "user"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "council__search_name"]
    autocomplete_fields = ["council", "user"]


@admin.register(SheetImport)
class SheetImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "unit", "status", "uploaded_by", "created_at", "applied_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["unit", "uploaded_by"]
    search_fields = ["file_name", "unit__search_name"]
    readonly_fields = ["kind", "unit", "file_name", "rows", "status", "uploaded_by", "applied_at"]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fields = ["role", "unit"]
    autocomplete_fields = ["unit"]
    extra = 0


class CouncilSeatInline(admin.TabularInline):
    model = CouncilMember
    fields = ["council", "position", "job_title"]
    autocomplete_fields = ["council"]
    extra = 0


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserWithRolesAdmin(UserAdmin):
    """Users with the roles they hold, so an administrator grants both in one place."""

    inlines = [RoleAssignmentInline, CouncilSeatInline]
