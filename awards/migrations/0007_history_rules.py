from django.db import migrations, models

from awards.migrations._shipped_2026_11 import ensure_history_rules


def add_history_rules(apps, schema_editor):
    ensure_history_rules(
        apps.get_model("awards", "RuleSet"), apps.get_model("awards", "Rule"), apps.get_model("campaigns", "Title")
    )


class Migration(migrations.Migration):
    """Rules that read past years from the award register, in the shipped rule sets."""

    dependencies = [
        ('awards', '0006_vote_rules'),
    ]

    operations = [
        migrations.AlterField(
            model_name='rule',
            name='kind',
            field=models.CharField(choices=[('requires_title', 'Requires another title the same year'), ('requires_initiative', 'Requires a recognised initiative'), ('outstanding_or_initiative', 'Requires duties completed with distinction or a recognised initiative'), ('requires_outstanding', 'Requires duties completed with distinction'), ('share_of_members', "A share of the collective's members hold a title"), ('member_with_title', 'At least one member of the collective holds a title'), ('quota_of_holders', 'At most a share of those holding another title'), ('top_ranked', "Only the bloc's top-ranked units"), ('max_per_bloc', 'At most a number per bloc'), ('vote_passed', "Passed the members' vote"), ('held_consecutive_years', 'Held another title in each of the last years, this one included (register)'), ('held_within_years', 'Held another title at least once in the years before (register)')], max_length=32, verbose_name='check'),
        ),
        migrations.AlterField(
            model_name='rule',
            name='number',
            field=models.DecimalField(blank=True, decimal_places=2, help_text='For the rules over past years: how many years.', max_digits=6, null=True, verbose_name='number or percentage'),
        ),
        migrations.RunPython(add_history_rules, migrations.RunPython.noop),
    ]
