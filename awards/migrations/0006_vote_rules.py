from django.db import migrations

from awards.migrations._shipped_2026_11 import ensure_vote_rules


def add(apps, schema_editor):
    ensure_vote_rules(
        apps.get_model("awards", "RuleSet"),
        apps.get_model("awards", "VoteThreshold"),
        apps.get_model("campaigns", "Title"),
    )


class Migration(migrations.Migration):
    """The quorum, vote thresholds and legal bases of the shipped rule sets, as data."""

    dependencies = [("awards", "0005_council_ballots_and_decisions")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
