from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from campaigns.models import (
    ActivityLog,
    Bloc,
    BlocMembership,
    Campaign,
    ContentItem,
    Council,
    Milestone,
    Person,
    Phase,
    Reminder,
    RoleAssignment,
    StaffImport,
    Target,
    Title,
    Unit,
)
from thidua.text import fold


class FoldedSearchAdmin(admin.ModelAdmin):
    """Search that ignores diacritics and case: "thi dua" finds "Thi đua"."""

    search_fields = ["search_name"]

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


@admin.register(Council)
class CouncilAdmin(FoldedSearchAdmin):
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


@admin.register(Title)
class TitleAdmin(admin.ModelAdmin):
    list_display = ["name", "subject", "kind", "level", "is_active"]
    list_filter = ["subject", "kind", "level", "is_active"]
    search_fields = ["name", "code"]


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class ContentItemInline(admin.TabularInline):
    model = ContentItem
    extra = 0


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(FoldedSearchAdmin):
    list_display = ["name", "year", "issuer", "issuing_bloc", "status"]
    list_filter = ["year", "status"]
    list_select_related = ["issuer", "issuing_bloc"]
    autocomplete_fields = ["issuer", "issuing_bloc", "council"]
    filter_horizontal = ["blocs"]
    inlines = [PhaseInline, MilestoneInline, ContentItemInline, TargetInline]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "campaign", "starts_on", "ends_on"]
    list_filter = ["campaign__year"]
    list_select_related = ["campaign"]
    search_fields = ["name", "campaign__search_name"]


@admin.register(ContentItem)
class ContentItemAdmin(admin.ModelAdmin):
    list_display = ["label", "text", "campaign", "is_mandatory"]
    list_filter = ["is_mandatory", "campaign__year"]
    list_select_related = ["campaign"]
    search_fields = ["text", "campaign__search_name"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["text", "campaign", "title", "comparison", "percentage"]
    list_filter = ["title", "campaign__year"]
    list_select_related = ["campaign", "title"]
    search_fields = ["text", "campaign__search_name"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["name", "campaign", "kind", "actor", "due_on", "window_starts_on", "window_ends_on"]
    list_filter = ["kind", "actor", "campaign__year"]
    list_select_related = ["campaign"]
    search_fields = ["name", "campaign__search_name"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "council"]
    list_filter = ["role"]
    list_select_related = ["user", "unit", "council"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__search_name"]
    autocomplete_fields = ["user", "unit", "council"]


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


@admin.register(StaffImport)
class StaffImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "unit", "status", "uploaded_by", "created_at", "applied_at"]
    list_filter = ["status"]
    list_select_related = ["unit", "uploaded_by"]
    search_fields = ["file_name", "unit__search_name"]
    readonly_fields = ["unit", "file_name", "rows", "status", "uploaded_by", "applied_at"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """Failed and waiting reminder emails are found here, with the error and the next attempt."""

    list_display = ["subject", "recipient", "unit", "deadline", "offset", "email_status", "attempts", "sent_at"]
    list_filter = ["email_status", "offset", "milestone__kind"]
    list_select_related = ["recipient", "unit"]
    search_fields = ["subject", "recipient__username", "unit__search_name"]
    readonly_fields = [f.name for f in Reminder._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send again the selected failed emails"))
    def retry(self, request, queryset):
        queryset.filter(email_status=Reminder.EmailStatus.FAILED).update(
            email_status=Reminder.EmailStatus.PENDING, attempts=0, next_attempt_at=None
        )


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fields = ["role", "unit", "council"]
    autocomplete_fields = ["unit", "council"]
    extra = 0


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserWithRolesAdmin(UserAdmin):
    """Users with the roles they hold, so an administrator grants both in one place."""

    inlines = [RoleAssignmentInline]
