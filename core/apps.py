from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The floor every app stands on: text, numbers, Excel, environment, login and view helpers, template filters."""

    name = "core"
