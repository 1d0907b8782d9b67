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
    path("campaigns/new/", views.campaign_new, name="new"),
    path("campaigns/import/", plan_views.campaign_import, name="import"),
    path("campaigns/<int:campaign_id>/", views.campaign_detail, name="detail"),
    path("campaigns/<int:campaign_id>/edit/", views.campaign_edit, name="edit"),
    path("campaigns/<int:campaign_id>/status/", views.campaign_status, name="status"),
    path("campaigns/<int:campaign_id>/copy/", views.campaign_copy, name="copy"),
    path("campaigns/<int:campaign_id>/act-as/", views.act_as, name="act_as"),
    path("campaigns/<int:campaign_id>/items/paste/", views.items_paste, name="items_paste"),
    path("campaigns/<int:campaign_id>/history/", views.history, name="history"),
    path("campaigns/<int:campaign_id>/<part:kind>/new/", views.part_edit, name="part_new"),
    path("campaigns/<int:campaign_id>/<part:kind>/<int:part_id>/", views.part_edit, name="part_edit"),
    path("campaigns/<int:campaign_id>/<part:kind>/<int:part_id>/delete/", views.part_delete, name="part_delete"),
]
