import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The organisation models leave campaigns for this app; their tables stay as they are."""


    initial = True

    dependencies = [
        ('campaigns', '0004_reminders'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Council',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=255, verbose_name='name')),
                        ('search_name', models.CharField(db_index=True, editable=False, max_length=255)),
                        ('sort_name', models.CharField(db_index=True, editable=False, max_length=1024)),
                        ('level', models.CharField(choices=[('unit', 'Unit'), ('province', 'Province')], max_length=16, verbose_name='level')),
                    ],
                    options={
                        'verbose_name': 'council',
                        'verbose_name_plural': 'councils',
                        'db_table': 'campaigns_council',
                        'ordering': ['sort_name'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='Bloc',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=255, verbose_name='name')),
                        ('search_name', models.CharField(db_index=True, editable=False, max_length=255)),
                        ('sort_name', models.CharField(db_index=True, editable=False, max_length=1024)),
                        ('full_name', models.CharField(blank=True, max_length=255, verbose_name='full name')),
                        ('province', models.CharField(blank=True, max_length=64, verbose_name='province')),
                        ('council', models.ForeignKey(blank=True, help_text='The council the bloc reports and proposes to.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='blocs', to='organisation.council', verbose_name='council')),
                    ],
                    options={
                        'verbose_name': 'bloc',
                        'verbose_name_plural': 'blocs',
                        'db_table': 'campaigns_bloc',
                        'ordering': ['sort_name'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='Unit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=255, verbose_name='name')),
                        ('search_name', models.CharField(db_index=True, editable=False, max_length=255)),
                        ('sort_name', models.CharField(db_index=True, editable=False, max_length=1024)),
                        ('short_name', models.CharField(blank=True, max_length=64, verbose_name='short name')),
                        ('kind', models.CharField(choices=[('peoples_committee', "People's Committee"), ('department', 'Department'), ('board', 'Board'), ('office', 'Office'), ('division', 'Division'), ('center', 'Centre'), ('inspectorate', 'Inspectorate'), ('district_division', 'District division'), ('other', 'Other')], default='department', max_length=32, verbose_name='kind')),
                        ('parent_body', models.CharField(blank=True, help_text="Printed above the unit's name in documents, e.g. UBND TỈNH TRÀ VINH.", max_length=255, verbose_name='parent body')),
                        ('province', models.CharField(blank=True, max_length=64, verbose_name='province')),
                        ('head_title', models.CharField(blank=True, max_length=128, verbose_name="head's title")),
                        ('head_name', models.CharField(blank=True, max_length=128, verbose_name="head's name")),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                        ('is_active', models.BooleanField(default=True, verbose_name='active')),
                        ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='organisation.unit', verbose_name='parent unit')),
                    ],
                    options={
                        'verbose_name': 'unit',
                        'verbose_name_plural': 'units',
                        'db_table': 'campaigns_unit',
                        'ordering': ['sort_name'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='StaffImport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file_name', models.CharField(max_length=255, verbose_name='file')),
                        ('rows', models.JSONField(default=list, verbose_name='rows')),
                        ('status', models.CharField(choices=[('pending', 'Waiting for confirmation'), ('applied', 'Imported')], default='pending', max_length=16, verbose_name='status')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded at')),
                        ('applied_at', models.DateTimeField(blank=True, null=True, verbose_name='imported at')),
                        ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='staff_imports', to='organisation.unit', verbose_name='unit')),
                    ],
                    options={
                        'verbose_name': 'staff import',
                        'verbose_name_plural': 'staff imports',
                        'db_table': 'campaigns_staffimport',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='RoleAssignment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('unit_clerk', 'Unit clerk'), ('bloc_leader', 'Bloc leader'), ('council_member', 'Council member'), ('council_secretary', 'Council secretary')], max_length=32, verbose_name='role')),
                        ('council', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='role_assignments', to='organisation.council', verbose_name='council')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='roles', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                        ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='role_assignments', to='organisation.unit', verbose_name='unit')),
                    ],
                    options={
                        'verbose_name': 'role',
                        'verbose_name_plural': 'roles',
                        'db_table': 'campaigns_roleassignment',
                    },
                ),
                migrations.CreateModel(
                    name='Person',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('full_name', models.CharField(max_length=128, verbose_name='full name')),
                        ('search_name', models.CharField(db_index=True, editable=False, max_length=128)),
                        ('sort_name', models.CharField(db_index=True, editable=False, max_length=1024)),
                        ('gender', models.CharField(blank=True, choices=[('female', 'Female'), ('male', 'Male')], max_length=8, verbose_name='gender')),
                        ('position', models.CharField(blank=True, max_length=128, verbose_name='position')),
                        ('birth_date', models.DateField(blank=True, null=True, verbose_name='date of birth')),
                        ('is_active', models.BooleanField(default=True, verbose_name='active')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='staff', to='organisation.unit', verbose_name='unit')),
                    ],
                    options={
                        'verbose_name': 'staff member',
                        'verbose_name_plural': 'staff',
                        'db_table': 'campaigns_person',
                        'ordering': ['sort_name'],
                    },
                ),
                migrations.AddField(
                    model_name='council',
                    name='unit',
                    field=models.ForeignKey(help_text="The unit whose council this is (for a province: its People's Committee).", on_delete=django.db.models.deletion.PROTECT, related_name='councils', to='organisation.unit', verbose_name='unit'),
                ),
                migrations.CreateModel(
                    name='BlocMembership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                        ('role', models.CharField(choices=[('member', 'Member'), ('leader', 'Leader'), ('vice_leader', 'Vice-leader')], default='member', max_length=16, verbose_name='role')),
                        ('bloc', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='organisation.bloc', verbose_name='bloc')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='bloc_memberships', to='organisation.unit', verbose_name='unit')),
                    ],
                    options={
                        'verbose_name': 'bloc membership',
                        'verbose_name_plural': 'bloc memberships',
                        'db_table': 'campaigns_blocmembership',
                        'ordering': ['-year', 'bloc', 'unit__sort_name'],
                    },
                ),
                migrations.AddField(
                    model_name='bloc',
                    name='organizer',
                    field=models.ForeignKey(blank=True, help_text='Set when an agency runs the bloc for units under it.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='organized_blocs', to='organisation.unit', verbose_name='organising unit'),
                ),
                migrations.AddConstraint(
                    model_name='unit',
                    constraint=models.CheckConstraint(condition=models.Q(('parent', models.F('id')), _negated=True), name='unit_not_its_own_parent', violation_error_message='A unit cannot be its own parent.'),
                ),
                migrations.AddConstraint(
                    model_name='roleassignment',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('council__isnull', True), ('role__in', ['unit_clerk', 'bloc_leader']), ('unit__isnull', False)), models.Q(('council__isnull', False), ('role__in', ['council_member', 'council_secretary']), ('unit__isnull', True)), _connector='OR'), name='role_has_its_object', violation_error_message='A unit role needs a unit and no council; a council role needs a council and no unit.'),
                ),
                migrations.AddConstraint(
                    model_name='roleassignment',
                    constraint=models.UniqueConstraint(condition=models.Q(('unit__isnull', False)), fields=('user', 'role', 'unit'), name='unit_role_unique', violation_error_message='This user already holds this role for this unit.'),
                ),
                migrations.AddConstraint(
                    model_name='roleassignment',
                    constraint=models.UniqueConstraint(condition=models.Q(('council__isnull', False)), fields=('user', 'role', 'council'), name='council_role_unique', violation_error_message='This user already holds this role in this council.'),
                ),
                migrations.AddConstraint(
                    model_name='blocmembership',
                    constraint=models.UniqueConstraint(fields=('unit', 'year'), name='unit_in_one_bloc_per_year', violation_error_message='This unit is already in a bloc in this year.'),
                ),
                migrations.AddConstraint(
                    model_name='blocmembership',
                    constraint=models.UniqueConstraint(condition=models.Q(('role', 'leader')), fields=('bloc', 'year'), name='one_leader_per_bloc_year', violation_error_message='The bloc already has a leader in this year.'),
                ),
                migrations.AddConstraint(
                    model_name='blocmembership',
                    constraint=models.UniqueConstraint(condition=models.Q(('role', 'vice_leader')), fields=('bloc', 'year'), name='one_vice_leader_per_bloc_year', violation_error_message='The bloc already has a vice-leader in this year.'),
                ),
            ],
        ),
    ]
