from django.db import migrations

from awards.migrations._shipped_2026_11 import RULE_SETS, ensure_rule_sets


def add(apps, schema_editor):
    ensure_rule_sets(
        apps.get_model("awards", "RuleSet"), apps.get_model("awards", "Rule"), apps.get_model("campaigns", "Title")
    )


def remove(apps, schema_editor):
    apps.get_model("awards", "RuleSet").objects.filter(code__in=[spec["code"] for spec in RULE_SETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial"), ("campaigns", "0002_titles")]

    operations = [migrations.RunPython(add, remove)]
