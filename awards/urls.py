from django.urls import path

from awards import views
from awards.views import dossier as dossier_views
from awards.views import limits, rulebook

app_name = "awards"

urlpatterns = [
    path("awards/", views.index, name="index"),
    path("awards/titles/", views.titles, name="titles"),
    path("awards/rule-sets/", rulebook.index, name="rule_book"),
    path("awards/rule-sets/new/", rulebook.rule_set_new, name="rule_set_new"),
    path("awards/rule-sets/<int:rule_set_id>/", rulebook.rule_set_detail, name="rule_set"),
    path("awards/rule-sets/<int:rule_set_id>/edit/", rulebook.rule_set_edit, name="rule_set_edit"),
    path("awards/rule-sets/<int:rule_set_id>/titles/<int:title_id>/", rulebook.rule_set_title, name="rule_set_title"),
    path("awards/rule-sets/<int:rule_set_id>/rules/<int:rule_id>/remove/", rulebook.rule_remove, name="rule_remove"),
    path("awards/rule-sets/<int:rule_set_id>/adopt/", rulebook.rule_set_adopt, name="rule_set_adopt"),
    path("awards/base-salary/", rulebook.base_salaries, name="base_salaries"),
    path("awards/base-salary/add/", rulebook.base_salary_add, name="base_salary_add"),
    path("campaigns/<int:campaign_id>/rules/", rulebook.campaign_rules, name="campaign_rules"),
    path("campaigns/<int:campaign_id>/rules/choose/", rulebook.campaign_rules_choose, name="campaign_rules_choose"),
    path("campaigns/<int:campaign_id>/quotas/", limits.campaign_limits, name="campaign_limits"),
    path("campaigns/<int:campaign_id>/quotas/add/", limits.quota_add, name="quota_add"),
    path("campaigns/<int:campaign_id>/quotas/<int:quota_id>/delete/", limits.quota_delete, name="quota_delete"),
    path("campaigns/<int:campaign_id>/quotas/bands/add/", limits.band_requirement_add, name="band_requirement_add"),
    path(
        "campaigns/<int:campaign_id>/quotas/bands/<int:requirement_id>/delete/",
        limits.band_requirement_delete,
        name="band_requirement_delete",
    ),
    path("awards/initiatives/", views.initiatives, name="initiatives"),
    path("awards/initiatives/<int:initiative_id>/decide/", views.initiative_decide, name="initiative_decide"),
    path("campaigns/<int:campaign_id>/proposals/", views.campaign_proposals, name="campaign"),
    path("campaigns/<int:campaign_id>/proposals/new/", views.proposal_create, name="create"),
    path("proposals/<int:proposal_id>/", views.detail, name="detail"),
    path("proposals/<int:proposal_id>/edit/", views.update, name="update"),
    path("proposals/<int:proposal_id>/lines/", views.line_add, name="line_add"),
    path("proposals/<int:proposal_id>/lines/<int:line_id>/", views.line_change, name="line_change"),
    path("proposals/<int:proposal_id>/submit/", views.submit, name="submit"),
    path("proposals/<int:proposal_id>/recall/", views.recall, name="recall"),
    path("proposals/<int:proposal_id>/return/", views.give_back, name="return"),
    path("proposals/<int:proposal_id>/forward/", views.forward, name="forward"),
    path("proposals/<int:proposal_id>/ballot/", views.ballot, name="ballot"),
    path("proposals/<int:proposal_id>/ballot/open/", views.ballot_open, name="ballot_open"),
    path("proposals/<int:proposal_id>/ballot/cast/", views.ballot_cast, name="ballot_cast"),
    path("proposals/<int:proposal_id>/ballot/close/", views.ballot_close, name="ballot_close"),
    path("proposals/<int:proposal_id>/decision/", views.decision, name="decision"),
    path("proposals/<int:proposal_id>/files/<str:kind>/", views.rendered_file, name="file"),
    path("proposals/<int:proposal_id>/certificates/<int:line_id>.pdf", views.certificate, name="certificate"),
    path("proposals/<int:proposal_id>/list.xlsx", views.list_download, name="list_download"),
    path("proposals/<int:proposal_id>/<str:name>.pdf", views.document, name="document"),
    path(
        "proposals/<int:proposal_id>/lines/<int:line_id>/report.docx",
        dossier_views.report_template,
        name="report_template",
    ),
    path("proposals/<int:proposal_id>/lines/<int:line_id>/report.pdf", dossier_views.report_file, name="report_file"),
    path("proposals/<int:proposal_id>/lines/<int:line_id>/report/", dossier_views.report_upload, name="report_upload"),
    path("proposals/<int:proposal_id>/decision/signed/", dossier_views.signed_upload, name="signed_upload"),
    path("awards/publication/", dossier_views.publications, name="publications"),
    path(
        "awards/publication/<int:authority_id>/<int:year>/",
        dossier_views.publication_switch,
        name="publication_switch",
    ),
]
