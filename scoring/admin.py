from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline
from core.text import fold
from scoring.models import (
    Ballot,
    Criterion,
    Evidence,
    Figure,
    MidyearReport,
    Ranking,
    RankingEntry,
    Score,
    Scorecard,
    ScoringPolicy,
    SelfScore,
    VoteMeeting,
)


class FoldedUnitSearch(ReadOnlyAdmin):
    search_fields = ["unit__search_name"]

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(ScoringPolicy)
class ScoringPolicyAdmin(admin.ModelAdmin):
    list_display = ["campaign", "final_rule", "cross_scoring", "vote_threshold"]
    list_filter = ["final_rule", "cross_scoring"]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["label", "text", "group", "kind", "method", "max_points", "campaign"]
    list_filter = ["kind", "method", "campaign__year"]
    # A table may have a thousand lines: the part a line belongs to is chosen by its id, not from a list of all.
    raw_id_fields = ["parent"]
    list_select_related = ["campaign"]
    search_fields = ["text", "group"]


@admin.register(MidyearReport)
class MidyearReportAdmin(FoldedUnitSearch):
    list_display = ["unit", "campaign", "original_name", "uploaded_at", "is_late"]
    list_filter = ["is_late", "campaign__year"]
    list_select_related = ["unit", "campaign"]


class SelfScoreInline(ReadOnlyInline):
    model = SelfScore
    extra = 0


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    extra = 0


class FigureInline(ReadOnlyInline):
    model = Figure
    extra = 0


@admin.register(Scorecard)
class ScorecardAdmin(FoldedUnitSearch):
    list_display = ["unit", "campaign", "status", "submitted_at", "is_late"]
    list_filter = ["status", "is_late", "campaign__year"]
    list_select_related = ["unit", "campaign"]
    inlines = [SelfScoreInline, FigureInline, EvidenceInline]


@admin.register(Score)
class ScoreAdmin(FoldedUnitSearch):
    list_display = ["unit", "criterion", "scorer", "points", "updated_by", "updated_at"]
    list_filter = ["criterion__campaign__year"]
    list_select_related = ["unit", "criterion", "scorer", "updated_by"]


class RankingEntryInline(ReadOnlyInline):
    model = RankingEntry
    extra = 0


@admin.register(Ranking)
class RankingAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "compiler", "status", "finalised_at", "finalised_by"]
    list_filter = ["status"]
    list_select_related = ["campaign", "compiler", "finalised_by"]
    inlines = [RankingEntryInline]


class BallotInline(ReadOnlyInline):
    model = Ballot
    extra = 0


@admin.register(VoteMeeting)
class VoteMeetingAdmin(ReadOnlyAdmin):
    list_display = ["campaign", "compiler", "held_on", "threshold"]
    list_select_related = ["campaign", "compiler"]
    filter_horizontal = ["present"]
    inlines = [BallotInline]
