from django.urls import path

from organisation import views
from organisation.views import merges as merge_views

app_name = "organisation"

urlpatterns = [
    path("units/", views.units, name="units"),
    path("units/new/", views.unit_new, name="unit_new"),
    path("units/merges/", merge_views.merges_page, name="merges"),
    path("units/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("units/<int:unit_id>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:unit_id>/active/", views.unit_set_active, name="unit_set_active"),
    path("units/<int:unit_id>/tree.xlsx", views.tree_export, name="tree_export"),
    path("units/<int:unit_id>/tree/import/", views.tree_import, name="tree_import"),
    path(
        "units/<int:unit_id>/tree/import/<int:import_id>/confirm/",
        views.tree_import_confirm,
        name="tree_import_confirm",
    ),
    path("units/<int:unit_id>/staff/template.xlsx", views.staff_template, name="staff_template"),
    path("units/<int:unit_id>/staff/import/", views.staff_import, name="staff_import"),
    path(
        "units/<int:unit_id>/staff/import/<int:import_id>/confirm/",
        views.staff_import_confirm,
        name="staff_import_confirm",
    ),
    path("blocs/", views.bloc_list, name="bloc_list"),
    path("blocs/new/", views.bloc_new, name="bloc_new"),
    path("blocs/<int:bloc_id>/", views.bloc_detail, name="bloc_detail"),
    path("blocs/<int:bloc_id>/edit/", views.bloc_edit, name="bloc_edit"),
    path("blocs/<int:bloc_id>/members/", views.bloc_member_set, name="bloc_member_set"),
    path("blocs/<int:bloc_id>/members/several/", views.bloc_members_add, name="bloc_members_add"),
    path(
        "blocs/<int:bloc_id>/members/<int:membership_id>/delete/",
        views.bloc_member_remove,
        name="bloc_member_remove",
    ),
    path("blocs/<int:bloc_id>/years/<int:year>/copy/", views.bloc_year_copy, name="bloc_year_copy"),
    path("councils/", views.councils, name="councils"),
    path("councils/new/", views.council_new, name="council_new"),
    path("councils/<int:council_id>/", views.council_detail, name="council_detail"),
    path("councils/<int:council_id>/edit/", views.council_edit, name="council_edit"),
    path("councils/<int:council_id>/members/", views.council_member_add, name="council_member_add"),
    path("councils/<int:council_id>/members/several/", views.council_members_add, name="council_members_add"),
    path(
        "councils/<int:council_id>/members/template.xlsx",
        views.council_members_template,
        name="council_members_template",
    ),
    path("councils/<int:council_id>/members/import/", views.council_members_import, name="council_members_import"),
    path(
        "councils/<int:council_id>/members/import/<int:import_id>/confirm/",
        views.council_members_import_confirm,
        name="council_members_import_confirm",
    ),
    path(
        "councils/<int:council_id>/members/<int:seat_id>/delete/",
        views.council_member_remove,
        name="council_member_remove",
    ),
    path("people/", views.accounts, name="accounts"),
    path("people/invite/", views.account_invite, name="account_invite"),
    path("people/template.xlsx", views.accounts_template, name="accounts_template"),
    path("people/import/", views.accounts_import, name="accounts_import"),
    path("imports/<int:import_id>/report.xlsx", views.import_report, name="import_report"),
    path("people/import/<int:import_id>/confirm/", views.accounts_import_confirm, name="accounts_import_confirm"),
    path("people/<int:account_id>/active/", views.account_set_active, name="account_set_active"),
    path("people/<int:account_id>/resend/", views.account_resend, name="account_resend"),
]
