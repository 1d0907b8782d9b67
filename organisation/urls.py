from django.urls import path

from organisation import views

app_name = "organisation"

urlpatterns = [
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
