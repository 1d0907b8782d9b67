import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A proposal carrying a lower council's lines up to the council above; the reason a council returned one."""

    dependencies = [
        ('awards', '0007_history_rules'),
    ]

    operations = [
        migrations.AddField(
            model_name='proposal',
            name='forwarded_from',
            field=models.OneToOneField(blank=True, help_text='The proposal whose lines, passed by a lower council, this one carries up.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='forwarded', to='awards.proposal', verbose_name='forwarded from'),
        ),
        migrations.AddField(
            model_name='proposal',
            name='returned_reason',
            field=models.TextField(blank=True, verbose_name='why the council returned it'),
        ),
    ]
