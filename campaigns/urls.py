from django.urls import path

from campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("campaigns/", views.campaign_list, name="list"),
    path("campaigns/import/", views.campaign_import, name="import"),
    path("campaigns/<int:campaign_id>/", views.campaign_detail, name="detail"),
    path("campaigns/<int:campaign_id>/edit/", views.campaign_edit, name="edit"),
    path("campaigns/<int:campaign_id>/phases/new/", views.phase_edit, name="phase_new"),
    path("campaigns/<int:campaign_id>/phases/<int:phase_id>/", views.phase_edit, name="phase_edit"),
    path("campaigns/<int:campaign_id>/phases/<int:phase_id>/delete/", views.phase_delete, name="phase_delete"),
    path("campaigns/<int:campaign_id>/milestones/new/", views.milestone_edit, name="milestone_new"),
    path("campaigns/<int:campaign_id>/milestones/<int:milestone_id>/", views.milestone_edit, name="milestone_edit"),
    path(
        "campaigns/<int:campaign_id>/milestones/<int:milestone_id>/delete/",
        views.milestone_delete,
        name="milestone_delete",
    ),
    path("units/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("units/<int:unit_id>/staff/template.xlsx", views.staff_template, name="staff_template"),
    path("units/<int:unit_id>/staff/import/", views.staff_import, name="staff_import"),
    path(
        "units/<int:unit_id>/staff/import/<int:import_id>/confirm/",
        views.staff_import_confirm,
        name="staff_import_confirm",
    ),
    path("blocs/", views.bloc_list, name="bloc_list"),
    path("blocs/<int:bloc_id>/", views.bloc_detail, name="bloc_detail"),
    path("blocs/<int:bloc_id>/members/", views.bloc_member_set, name="bloc_member_set"),
    path(
        "blocs/<int:bloc_id>/members/<int:membership_id>/delete/",
        views.bloc_member_remove,
        name="bloc_member_remove",
    ),
]
