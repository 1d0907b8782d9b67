import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Units and staff now live in organisation; the columns and constraints are unchanged."""

    dependencies = [
        ('organisation', '0001_moved_from_campaigns'),
        ('registrations', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='collectiveaim',
                    name='unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='unit'),
                ),
                migrations.AlterField(
                    model_name='individualaim',
                    name='person',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.person', verbose_name='staff member'),
                ),
                migrations.AlterField(
                    model_name='registration',
                    name='unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='organisation.unit', verbose_name='unit'),
                ),
                migrations.AlterField(
                    model_name='registrationsheet',
                    name='compiled_by_unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='registration_sheets', to='organisation.unit', verbose_name='compiled by'),
                ),
            ],
        ),
    ]
