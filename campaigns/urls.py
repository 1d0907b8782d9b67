from django.urls import path, register_converter

from campaigns import plan_views, views


class PartConverter:
    """The kinds of campaign parts edited on its page; other words stay free for other apps' URLs."""

    regex = "phases|milestones|items|targets"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PartConverter, "part")

app_name = "campaigns"

urlpatterns = [
    path("campaigns/", views.campaign_list, name="list"),
    path("campaigns/import/", plan_views.campaign_import, name="import"),
    path("campaigns/<int:campaign_id>/", views.campaign_detail, name="detail"),
    path("campaigns/<int:campaign_id>/edit/", views.campaign_edit, name="edit"),
    path("campaigns/<int:campaign_id>/<part:kind>/new/", views.part_edit, name="part_new"),
    path("campaigns/<int:campaign_id>/<part:kind>/<int:part_id>/", views.part_edit, name="part_edit"),
    path("campaigns/<int:campaign_id>/<part:kind>/<int:part_id>/delete/", views.part_delete, name="part_delete"),
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
