from django.urls import path

from scoring import views

app_name = "scoring"

prefix = "campaigns/<int:campaign_id>/scoring/"
urlpatterns = [
    path(prefix, views.hub, name="hub"),
    path(prefix + "rules/", views.policy_edit, name="policy"),
    path(prefix + "criteria/", views.criteria, name="criteria"),
    path(prefix + "criteria/new/", views.criterion_edit, name="criterion_new"),
    path(prefix + "criteria/<int:criterion_id>/", views.criterion_edit, name="criterion_edit"),
    path(prefix + "criteria/<int:criterion_id>/delete/", views.criterion_delete, name="criterion_delete"),
    path(prefix + "criteria/table.xlsx", views.criteria_download, name="criteria_download"),
    path(prefix + "criteria/import/", views.criteria_import, name="criteria_import"),
    path(prefix + "criteria/import/<int:import_id>/", views.criteria_import_confirm, name="criteria_import_confirm"),
    path(prefix + "classification/", views.classification_page, name="classification"),
    path(prefix + "classification/bands/new/", views.band_edit, name="band_new"),
    path(prefix + "classification/bands/<int:band_id>/", views.band_edit, name="band_edit"),
    path(prefix + "classification/bands/<int:band_id>/delete/", views.band_delete, name="band_delete"),
    path(prefix + "classification/events/new/", views.event_kind_edit, name="event_kind_new"),
    path(prefix + "classification/events/<int:kind_id>/", views.event_kind_edit, name="event_kind_edit"),
    path(prefix + "classification/events/<int:kind_id>/delete/", views.event_kind_delete, name="event_kind_delete"),
    path(prefix + "classification/records/", views.unit_event_record, name="unit_event_record"),
    path(prefix + "classification/records/<int:event_id>/remove/", views.unit_event_remove, name="unit_event_remove"),
    path(prefix + "ties/new/", views.tie_rule_edit, name="tie_rule_new"),
    path(prefix + "ties/<int:rule_id>/", views.tie_rule_edit, name="tie_rule_edit"),
    path(prefix + "ties/<int:rule_id>/delete/", views.tie_rule_delete, name="tie_rule_delete"),
    path(prefix + "units/<int:unit_id>/report/", views.report_upload, name="report"),
    path(prefix + "reports/<int:report_id>/file", views.report_download, name="report_download"),
    path(prefix + "units/<int:unit_id>/self/", views.self_assessment, name="self"),
    path(prefix + "units/<int:unit_id>/figures.xlsx", views.figures_download, name="figures_download"),
    path(prefix + "evidence/<int:evidence_id>/file", views.evidence_download, name="evidence_download"),
    path(prefix + "units/<int:unit_id>/score/", views.score_unit, name="score"),
    path(prefix + "agree/", views.agree_with_self, name="agree"),
    path(prefix + "units/<int:unit_id>/figures/<int:criterion_id>/", views.figure_correct, name="figure_correct"),
    path(prefix + "ranking/", views.ranking, name="ranking"),
    path(prefix + "ranking/finalise/", views.ranking_finalise, name="ranking_finalise"),
    path(prefix + "ranking/reopen/", views.ranking_reopen, name="ranking_reopen"),
    path(prefix + "ranking/publish/", views.ranking_publish, name="ranking_publish"),
    path(prefix + "results/", views.results, name="results"),
    path(prefix + "units/<int:unit_id>/objections/", views.objection_send, name="objection_send"),
    path(prefix + "objections/<int:objection_id>/answer/", views.objection_answer, name="objection_answer"),
    path(prefix + "ranking.xlsx", views.ranking_download, name="ranking_download"),
    path(prefix + "scores.xlsx", views.scores_download, name="scores_download"),
    path(prefix + "vote/", views.vote, name="vote"),
    path(prefix + "progress/", views.progress, name="progress"),
]
