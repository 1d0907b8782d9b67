from django.urls import path

from awards import views
from awards.views import dossier as dossier_views

app_name = "awards"

urlpatterns = [
    path("awards/", views.index, name="index"),
    path("awards/titles/", views.titles, name="titles"),
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
