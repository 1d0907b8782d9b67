"""The public pages, outside the login: /cong-khai/…"""

from django.urls import path

from awards.views import public as public_views

app_name = "public"

urlpatterns = [
    path("", public_views.awards_index, name="awards"),
    path("<int:authority_id>/<int:year>/", public_views.awards_year, name="awards_year"),
    path("quyet-dinh/<int:decision_id>/ky-so.pdf", public_views.signed_decision, name="signed_decision"),
    path("kiem-tra/", public_views.certificate_form, name="certificate_form"),
    path("kiem-tra/<str:code>/", public_views.certificate, name="certificate"),
]
