from django.urls import path

from registrations import views

app_name = "registrations"

urlpatterns = [
    path("campaigns/<int:campaign_id>/registrations/", views.overview, name="overview"),
    path("campaigns/<int:campaign_id>/registrations/units/<int:unit_id>/", views.edit, name="edit"),
    path("campaigns/<int:campaign_id>/registrations/sheet.xlsx", views.sheet_download, name="sheet_download"),
    path("campaigns/<int:campaign_id>/registrations/forward/", views.sheet_forward, name="sheet_forward"),
    path("campaigns/<int:campaign_id>/registrations/accept/", views.accept_several, name="accept_several"),
    path("registrations/<int:registration_id>/", views.detail, name="detail"),
    path("registrations/<int:registration_id>/accept/", views.accept, name="accept"),
    path("registrations/<int:registration_id>/return/", views.return_for_correction, name="return"),
    path("registrations/<int:registration_id>/reopen/", views.reopen, name="reopen"),
]
