import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Units now live in organisation; the columns and constraints are unchanged."""

    dependencies = [
        ('organisation', '0001_moved_from_campaigns'),
        ('scoring', '0002_tie_break_women'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='ballot',
                    name='candidate',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='proposed unit'),
                ),
                migrations.AlterField(
                    model_name='ballot',
                    name='voter',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='voter'),
                ),
                migrations.AlterField(
                    model_name='midyearreport',
                    name='unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='midyear_reports', to='organisation.unit', verbose_name='unit'),
                ),
                migrations.AlterField(
                    model_name='ranking',
                    name='compiler',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rankings', to='organisation.unit', verbose_name='compiled by'),
                ),
                migrations.AlterField(
                    model_name='rankingentry',
                    name='unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='unit'),
                ),
                migrations.AlterField(
                    model_name='score',
                    name='scorer',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='scores_given', to='organisation.unit', verbose_name='scored by'),
                ),
                migrations.AlterField(
                    model_name='score',
                    name='unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='scores', to='organisation.unit', verbose_name='unit scored'),
                ),
                migrations.AlterField(
                    model_name='scorecard',
                    name='unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='scorecards', to='organisation.unit', verbose_name='unit'),
                ),
                migrations.AlterField(
                    model_name='votemeeting',
                    name='compiler',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='held by'),
                ),
                migrations.AlterField(
                    model_name='votemeeting',
                    name='present',
                    field=models.ManyToManyField(related_name='+', to='organisation.unit', verbose_name='units present'),
                ),
            ],
        ),
    ]
