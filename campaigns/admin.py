from django.contrib import admin

from campaigns.models import Campaign, ContentItem, Milestone, Phase, Target, Title
from organisation.admin import FoldedSearchAdmin


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
    # Opening and closing go through the campaign's page, which records who did it and why.
    readonly_fields = ["status"]


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
