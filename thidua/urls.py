from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from campaigns import views as campaign_views
from core.login import RateLimitedLoginView
from organisation import views as organisation_views

admin.site.site_header = _("thidua administration")
admin.site.site_title = _("thidua")
admin.site.index_title = _("Data and settings")

urlpatterns = [
    path("", campaign_views.dashboard, name="dashboard"),
    path("", include("organisation.urls")),
    path("", include("campaigns.urls")),
    path("", include("notifications.urls")),
    path("", include("honours.urls")),
    path("", include("registrations.urls")),
    path("", include("scoring.urls")),
    path("", include("awards.urls")),
    path("cong-khai/", include("awards.public_urls")),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path("accounts/login/", RateLimitedLoginView.as_view(), name="login"),
    path(
        "accounts/invitation/<uidb64>/<token>/",
        organisation_views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
