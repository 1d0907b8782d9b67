from django.urls import path

from honours import views

app_name = "honours"

urlpatterns = [
    path("register/", views.register, name="register"),
    path("register.xlsx", views.export, name="export"),
    path("register/exports/<int:export_id>/", views.export_file, name="export_file"),
    path("register/units/<int:unit_id>/template.xlsx", views.template, name="template"),
    path("register/units/<int:unit_id>/import/", views.register_import, name="import"),
    path(
        "register/units/<int:unit_id>/import/<int:import_id>/confirm/",
        views.register_import_confirm,
        name="import_confirm",
    ),
    path("statistics/units/<int:unit_id>/", views.statistics_page, name="statistics"),
    path("statistics/units/<int:unit_id>/circular-02-2023.xlsx", views.statistics_download, name="statistics_download"),
]
