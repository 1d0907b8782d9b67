import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Units, staff and councils now live in organisation; the columns and constraints are unchanged."""

    dependencies = [
        ('awards', '0002_rule_sets'),
        ('organisation', '0001_moved_from_campaigns'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='initiative',
                    name='person',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='initiatives', to='organisation.person', verbose_name='author'),
                ),
                migrations.AlterField(
                    model_name='proposal',
                    name='council',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='proposals', to='organisation.council', verbose_name='council'),
                ),
                migrations.AlterField(
                    model_name='proposal',
                    name='proposer',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='proposals', to='organisation.unit', verbose_name='proposing unit'),
                ),
                migrations.AlterField(
                    model_name='proposalline',
                    name='person',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.person', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='proposalline',
                    name='unit',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='unit'),
                ),
            ],
        ),
    ]
