from django.db import migrations

from campaigns.titles import DEFAULT_TITLES, ensure_default_titles


def add_titles(apps, schema_editor):
    ensure_default_titles(apps.get_model("campaigns", "Title"))


def remove_titles(apps, schema_editor):
    apps.get_model("campaigns", "Title").objects.filter(code__in=[row[0] for row in DEFAULT_TITLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]

    operations = [migrations.RunPython(add_titles, remove_titles)]
