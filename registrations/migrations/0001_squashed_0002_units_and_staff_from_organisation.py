"""Registrations as main left them at d290e13: a unit's registration with its collective and individual aims and
its content items, and the sheets a bloc's compiler sends up.

Replaces 0001–0002: a database that applied those goes on from here.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('registrations', '0001_initial'), ('registrations', '0002_units_and_staff_from_organisation')]

    initial = True

    dependencies = [
        ('campaigns', '0001_squashed_0007_trigram_search'),
        ('organisation', '0001_squashed_0006_sheet_import_of_the_award_register'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Registration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('returned', 'Returned for correction'), ('accepted', 'Accepted')], default='draft', max_length=16, verbose_name='status')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted at')),
                ('is_late', models.BooleanField(default=False, verbose_name='submitted late')),
                ('return_comment', models.TextField(blank=True, verbose_name='reason for return')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last changed')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='campaigns.campaign', verbose_name='campaign')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted by')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='organisation.unit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'registration',
                'verbose_name_plural': 'registrations',
                'ordering': ['campaign', 'unit__sort_name'],
                'constraints': [models.UniqueConstraint(fields=('campaign', 'unit'), name='one_registration_per_unit_and_campaign', violation_error_message='This unit has registered for this campaign already.'), models.CheckConstraint(condition=models.Q(('status', 'draft'), ('submitted_at__isnull', False), _connector='OR'), name='registration_sent_has_submission_time', violation_error_message='A registration that was sent records when.')],
            },
        ),
        migrations.CreateModel(
            name='RegistrationItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('commitment', models.TextField(blank=True, verbose_name='target or commitment')),
                ('content_item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='campaigns.contentitem', verbose_name='content item')),
                ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='registrations.registration')),
            ],
            options={
                'verbose_name': 'registered item',
                'verbose_name_plural': 'registered items',
                'ordering': ['content_item__position'],
                'constraints': [models.UniqueConstraint(fields=('registration', 'content_item'), name='registration_item_unique')],
            },
        ),
        migrations.CreateModel(
            name='CollectiveAim',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='campaigns.title', verbose_name='title')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='unit')),
                ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='collective_aims', to='registrations.registration')),
            ],
            options={
                'verbose_name': 'collective title aimed for',
                'verbose_name_plural': 'collective titles aimed for',
                'constraints': [models.UniqueConstraint(fields=('registration', 'unit', 'title'), name='collective_aim_unique')],
            },
        ),
        migrations.CreateModel(
            name='IndividualAim',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.person', verbose_name='staff member')),
                ('title', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='campaigns.title', verbose_name='title')),
                ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='individual_aims', to='registrations.registration')),
            ],
            options={
                'verbose_name': 'individual title aimed for',
                'verbose_name_plural': 'individual titles aimed for',
                'constraints': [models.UniqueConstraint(fields=('registration', 'person', 'title'), name='individual_aim_unique')],
            },
        ),
        migrations.CreateModel(
            name='RegistrationSheet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('forwarded_at', models.DateTimeField(auto_now_add=True, verbose_name='forwarded at')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='registration_sheets', to='campaigns.campaign', verbose_name='campaign')),
                ('compiled_by_unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='registration_sheets', to='organisation.unit', verbose_name='compiled by')),
                ('forwarded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='forwarded by')),
                ('registrations', models.ManyToManyField(related_name='sheets', to='registrations.registration', verbose_name='registrations')),
            ],
            options={
                'verbose_name': 'registration sheet',
                'verbose_name_plural': 'registration sheets',
                'ordering': ['-forwarded_at'],
            },
        ),
    ]
