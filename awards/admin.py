from django.contrib import admin

from awards.models import CampaignRules, Initiative, Proposal, ProposalLine, Rule, RuleSet, VoteThreshold
from core.admin import ReadOnlyAdmin, ReadOnlyInline


class RuleInline(admin.TabularInline):
    model = Rule
    fields = ["position", "title", "kind", "other_title", "number", "legal_source", "text"]
    extra = 0


class VoteThresholdInline(admin.TabularInline):
    model = VoteThreshold
    fields = ["title", "percent", "council_sets", "legal_source"]
    extra = 0


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "valid_from", "valid_to", "quorum"]
    inlines = [VoteThresholdInline, RuleInline]


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "other_title", "number", "rule_set", "legal_source"]
    list_filter = ["rule_set", "kind", "title"]
    list_select_related = ["title", "other_title", "rule_set"]
    search_fields = ["text", "legal_source"]


@admin.register(CampaignRules)
class CampaignRulesAdmin(admin.ModelAdmin):
    list_display = ["campaign", "rule_set"]
    list_select_related = ["campaign", "rule_set"]


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    list_display = ["name", "person", "year", "status", "decision"]
    list_filter = ["status", "year"]
    list_select_related = ["person"]
    search_fields = ["name", "person__search_name"]


class ProposalLineInline(ReadOnlyInline):
    model = ProposalLine
    fields = ["position", "title", "unit", "person", "outstanding", "decision", "reason"]
    raw_id_fields = ["person"]
    extra = 0


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["summary", "campaign", "proposer", "council", "status", "created_at"]
    list_filter = ["status", "kind", "campaign__year"]
    list_select_related = ["campaign", "proposer", "council"]
    search_fields = ["summary", "number"]
    inlines = [ProposalLineInline]
