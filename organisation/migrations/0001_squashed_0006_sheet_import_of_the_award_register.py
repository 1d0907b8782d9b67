"""The organisation as main left it at d290e13, its tables still under the names they had in campaigns: units and
their staff, councils and their members, blocs and their members each year, clerks' and offices' roles, Excel
imports; on PostgreSQL, the indexes that search units and staff by their folded names.

Replaces 0001–0006: a database that applied those goes on from here.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import DatabaseError, migrations, models, transaction


def trigram_index(*, table, column, name):
    """On PostgreSQL, a trigram index so that `column LIKE '%…%'` (an accent-folded name searched anywhere inside)
    uses an index instead of reading the whole table; nothing on SQLite.

    Creating the pg_trgm extension needs a privileged role. Where the
    database's owner may not, the index is left out with a notice: search
    still works, only slower on large tables, and a DBA can create both later.
    """

    def forwards(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        try:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError as error:
            print(f"\n  {name}: pg_trgm could not be created ({error}); the index is left out.")
            return
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)")

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(forwards, backwards)


class Migration(migrations.Migration):

    replaces = [('organisation', '0001_moved_from_campaigns'), ('organisation', '0002_council_members'), ('organisation', '0003_roles_to_seats'), ('organisation', '0004_roles_councils_codes'), ('organisation', '0005_trigram_search'), ('organisation', '0006_sheet_import_of_the_award_register')]

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
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
                ('code', models.CharField(blank=True, help_text="The office's own code for the unit, used to match rows when the tree is imported from Excel.", max_length=32, verbose_name='code')),
            ],
            options={
                'verbose_name': 'unit',
                'verbose_name_plural': 'units',
                'db_table': 'campaigns_unit',
                'ordering': ['sort_name'],
                'constraints': [models.CheckConstraint(condition=models.Q(('parent', models.F('id')), _negated=True), name='unit_not_its_own_parent', violation_error_message='A unit cannot be its own parent.'), models.UniqueConstraint(condition=models.Q(('code', ''), _negated=True), fields=('code',), name='unit_code_unique', violation_error_message='Another unit already has this code.')],
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
        migrations.CreateModel(
            name='Council',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=255, verbose_name='name')),
                ('search_name', models.CharField(db_index=True, editable=False, max_length=255)),
                ('sort_name', models.CharField(db_index=True, editable=False, max_length=1024)),
                ('level', models.CharField(choices=[('unit', 'Unit'), ('province', 'Province')], max_length=16, verbose_name='level')),
                ('unit', models.ForeignKey(help_text="The unit whose council this is (for a province: its People's Committee).", on_delete=django.db.models.deletion.PROTECT, related_name='councils', to='organisation.unit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'council',
                'verbose_name_plural': 'councils',
                'db_table': 'campaigns_council',
                'ordering': ['sort_name'],
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
                ('organizer', models.ForeignKey(blank=True, help_text="The unit whose emulation office keeps the bloc: the province's People's Committee, or an agency running a bloc of units under it.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='organized_blocs', to='organisation.unit', verbose_name='organising unit')),
            ],
            options={
                'verbose_name': 'bloc',
                'verbose_name_plural': 'blocs',
                'db_table': 'campaigns_bloc',
                'ordering': ['sort_name'],
            },
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
                'constraints': [models.UniqueConstraint(fields=('unit', 'year'), name='unit_in_one_bloc_per_year', violation_error_message='This unit is already in a bloc in this year.'), models.UniqueConstraint(condition=models.Q(('role', 'leader')), fields=('bloc', 'year'), name='one_leader_per_bloc_year', violation_error_message='The bloc already has a leader in this year.'), models.UniqueConstraint(condition=models.Q(('role', 'vice_leader')), fields=('bloc', 'year'), name='one_vice_leader_per_bloc_year', violation_error_message='The bloc already has a vice-leader in this year.')],
            },
        ),
        migrations.CreateModel(
            name='RoleAssignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('unit_clerk', 'Unit clerk'), ('office', 'Emulation office')], max_length=32, verbose_name='role')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='roles', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='role_assignments', to='organisation.unit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'role',
                'verbose_name_plural': 'roles',
                'db_table': 'campaigns_roleassignment',
                'constraints': [models.UniqueConstraint(fields=('user', 'role', 'unit'), name='unit_role_unique', violation_error_message='This user already holds this role for this unit.')],
            },
        ),
        migrations.CreateModel(
            name='CouncilMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.CharField(choices=[('chair', 'Chair'), ('vice_chair', 'Vice-chair'), ('secretary', 'Secretary'), ('member', 'Member')], default='member', max_length=16, verbose_name='position')),
                ('job_title', models.CharField(blank=True, help_text='E.g. Giám đốc Sở Nội vụ, as the decision founding the council names the member.', max_length=255, verbose_name="title in the council's decision")),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='organisation.council', verbose_name='council')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='council_seats', to=settings.AUTH_USER_MODEL, verbose_name='account')),
            ],
            options={
                'verbose_name': 'council member',
                'verbose_name_plural': 'council members',
                'ordering': ['council', 'position', 'user__last_name', 'user__first_name'],
                'constraints': [models.UniqueConstraint(fields=('council', 'user'), name='one_seat_per_council_member', violation_error_message='This person already sits on this council.'), models.UniqueConstraint(condition=models.Q(('position', 'chair')), fields=('council',), name='one_chair_per_council', violation_error_message='The council already has a chair.')],
            },
        ),
        migrations.CreateModel(
            name='SheetImport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file_name', models.CharField(max_length=255, verbose_name='file')),
                ('rows', models.JSONField(default=list, verbose_name='rows')),
                ('status', models.CharField(choices=[('pending', 'Waiting for confirmation'), ('applied', 'Imported')], default='pending', max_length=16, verbose_name='status')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded at')),
                ('applied_at', models.DateTimeField(blank=True, null=True, verbose_name='imported at')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sheet_imports', to='organisation.unit', verbose_name='unit')),
                ('kind', models.CharField(choices=[('staff', 'Staff list'), ('units', 'Unit tree'), ('accounts', 'Accounts to invite'), ('honours', 'Award register')], default='staff', max_length=16, verbose_name='kind')),
            ],
            options={
                'verbose_name': 'Excel import',
                'verbose_name_plural': 'Excel imports',
                'db_table': 'campaigns_staffimport',
                'ordering': ['-created_at'],
            },
        ),
        trigram_index(table="campaigns_unit", column="search_name", name="unit_search_name_trgm"),
        trigram_index(table="campaigns_person", column="search_name", name="person_search_name_trgm"),
    ]
