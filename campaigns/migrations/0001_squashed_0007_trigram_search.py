"""Campaigns as main left them at d290e13: titles, campaigns with their content, targets, phases and milestones,
and the notifications (which move to their own app in 0008); the shipped titles; on PostgreSQL, the index that
searches campaigns by their folded names.

Replaces 0001–0007: a database that applied those goes on from here.
"""

import campaigns.models
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


# The titles and commendations shipped as reference data, copied from campaigns/titles.py as it stood.
DEFAULT_TITLES = [
    # code, name, subject, kind, level
    ("ldtt", "Lao động tiên tiến", "individual", "title", "unit"),
    ("cstdcs", "Chiến sĩ thi đua cơ sở", "individual", "title", "unit"),
    ("ttldtt", "Tập thể lao động tiên tiến", "collective", "title", "unit"),
    ("ttldxs", "Tập thể lao động xuất sắc", "collective", "title", "province"),
    ("co-thi-dua-tinh", "Cờ thi đua của Ủy ban nhân dân tỉnh", "collective", "title", "province"),
    ("bang-khen-tinh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "collective", "commendation", "province"),
    (
        "bang-khen-tinh-ca-nhan",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (cá nhân)",
        "individual",
        "commendation",
        "province",
    ),
    ("giay-khen", "Giấy khen", "collective", "commendation", "unit"),
    ("giay-khen-ca-nhan", "Giấy khen (cá nhân)", "individual", "commendation", "unit"),
    ("cstd-tinh", "Chiến sĩ thi đua cấp tỉnh", "individual", "title", "province"),
]


def add_titles(apps, schema_editor):
    Title = apps.get_model("campaigns", "Title")
    Title.objects.bulk_create(
        Title(code=code, name=name, subject=subject, kind=kind, level=level, position=position)
        for position, (code, name, subject, kind, level) in enumerate(DEFAULT_TITLES, start=1)
    )


class Migration(migrations.Migration):

    replaces = [('campaigns', '0001_initial'), ('campaigns', '0002_titles'), ('campaigns', '0003_registration_settings_and_staff_import'), ('campaigns', '0004_reminders'), ('campaigns', '0005_organisation_and_activity_moved_out'), ('campaigns', '0006_notifications'), ('campaigns', '0007_trigram_search')]

    initial = True

    dependencies = [
        ('organisation', '0001_squashed_0006_sheet_import_of_the_award_register'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Title',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=32, unique=True, verbose_name='code')),
                ('name', models.CharField(max_length=255, verbose_name='name')),
                ('subject', models.CharField(choices=[('individual', 'Individual'), ('collective', 'Collective')], max_length=16, verbose_name='awarded to')),
                ('kind', models.CharField(choices=[('title', 'Emulation title'), ('commendation', 'Commendation')], default='title', max_length=16, verbose_name='kind')),
                ('level', models.CharField(choices=[('unit', 'Unit'), ('province', 'Province'), ('national', 'National')], max_length=16, verbose_name='level')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
            ],
            options={
                'verbose_name': 'title',
                'verbose_name_plural': 'titles',
                'ordering': ['position', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Campaign',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=255, verbose_name='name')),
                ('search_name', models.CharField(db_index=True, editable=False, max_length=255)),
                ('sort_name', models.CharField(db_index=True, editable=False, max_length=1024)),
                ('covers_sub_units', models.BooleanField(default=False, verbose_name="the issuer's sub-units compete")),
                ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                ('number', models.CharField(blank=True, max_length=64, verbose_name='number and symbol')),
                ('place', models.CharField(blank=True, max_length=64, verbose_name='place of issue')),
                ('issued_on', models.DateField(blank=True, null=True, verbose_name='date of issue')),
                ('slogan', models.TextField(blank=True, verbose_name='slogan')),
                ('legal_basis', models.TextField(blank=True, help_text='One document per line.', verbose_name='legal basis')),
                ('purposes', models.TextField(blank=True, verbose_name='purposes and requirements')),
                ('signer_title', models.CharField(blank=True, max_length=255, verbose_name='signing authority')),
                ('signer_name', models.CharField(blank=True, max_length=128, verbose_name="signer's name")),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('active', 'Active'), ('closed', 'Closed')], default='draft', max_length=16, verbose_name='status')),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
                ('blocs', models.ManyToManyField(blank=True, related_name='campaigns', to='organisation.bloc', verbose_name='competing blocs')),
                ('issuing_bloc', models.ForeignKey(blank=True, help_text='Set when the leader signs for the bloc (TM. KHỐI …).', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='issued_campaigns', to='organisation.bloc', verbose_name='issued on behalf of bloc')),
                ('council', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='campaigns', to='organisation.council', verbose_name='reviewing council')),
                ('issuer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='issued_campaigns', to='organisation.unit', verbose_name='issuing unit')),
                ('refuse_late_registrations', models.BooleanField(default=False, help_text='Otherwise a late registration is accepted and flagged as late.', verbose_name='refuse registrations after the deadline')),
                ('reminder_days', models.CharField(blank=True, default='14,7,3,1,-1', help_text='Days before each deadline to remind those who have not acted; -1 is the day after. Empty: none.', max_length=64, validators=[campaigns.models.validate_reminder_days], verbose_name='reminder days')),
            ],
            options={
                'verbose_name': 'campaign',
                'verbose_name_plural': 'campaigns',
                'ordering': ['-year', 'sort_name'],
                'constraints': [models.CheckConstraint(condition=models.Q(('year__gte', 2000), ('year__lte', 2100)), name='campaign_year_in_range', violation_error_message='The year must be between 2000 and 2100.')],
            },
        ),
        migrations.CreateModel(
            name='ContentItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(verbose_name='position')),
                ('label', models.CharField(blank=True, max_length=16, verbose_name='number')),
                ('text', models.TextField(verbose_name='content')),
                ('is_mandatory', models.BooleanField(default=True, verbose_name='mandatory')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='content_items', to='campaigns.campaign', verbose_name='campaign')),
            ],
            options={
                'verbose_name': 'content item',
                'verbose_name_plural': 'content items',
                'ordering': ['campaign', 'position'],
                'constraints': [models.UniqueConstraint(fields=('campaign', 'position'), name='content_item_position_unique', violation_error_message='Two content items cannot share a position.')],
            },
        ),
        migrations.CreateModel(
            name='Target',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(verbose_name='position')),
                ('text', models.TextField(verbose_name='target')),
                ('comparison', models.CharField(choices=[('at_least', 'at least'), ('at_most', 'at most')], default='at_least', max_length=16, verbose_name='comparison')),
                ('percentage', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='percentage')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='targets', to='campaigns.campaign', verbose_name='campaign')),
                ('title', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='targets', to='campaigns.title', verbose_name='title')),
            ],
            options={
                'verbose_name': 'target',
                'verbose_name_plural': 'targets',
                'ordering': ['campaign', 'position'],
                'constraints': [models.UniqueConstraint(fields=('campaign', 'position'), name='target_position_unique', violation_error_message='Two targets cannot share a position.'), models.CheckConstraint(condition=models.Q(('percentage__isnull', True), models.Q(('percentage__gte', 0), ('percentage__lte', 100)), _connector='OR'), name='target_percentage_range', violation_error_message='A percentage lies between 0 and 100.'), models.CheckConstraint(condition=models.Q(('title__isnull', True), ('percentage__isnull', False), _connector='OR'), name='target_with_title_has_percentage', violation_error_message='A target for a title needs a percentage.')],
            },
        ),
        migrations.CreateModel(
            name='Phase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)], verbose_name='number')),
                ('name', models.CharField(blank=True, max_length=255, verbose_name='name')),
                ('starts_on', models.DateField(verbose_name='from')),
                ('ends_on', models.DateField(verbose_name='to')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='phases', to='campaigns.campaign', verbose_name='campaign')),
            ],
            options={
                'verbose_name': 'phase',
                'verbose_name_plural': 'phases',
                'ordering': ['campaign', 'starts_on'],
                'constraints': [models.UniqueConstraint(fields=('campaign', 'number'), name='phase_number_unique', violation_error_message='This campaign already has a phase with this number.'), models.CheckConstraint(condition=models.Q(('ends_on__gte', models.F('starts_on'))), name='phase_ends_after_start', violation_error_message='The phase cannot end before it starts.')],
            },
        ),
        migrations.CreateModel(
            name='Milestone',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('registration', 'Registration'), ('midyear_report', 'Mid-year report'), ('midyear_meeting', 'Mid-year review meeting'), ('yearend_report', 'Year-end report and self-score'), ('vote_meeting', 'Vote meeting'), ('award_proposal', 'Award proposal'), ('other', 'Other')], max_length=32, verbose_name='kind')),
                ('name', models.CharField(max_length=255, verbose_name='name')),
                ('actor', models.CharField(choices=[('members', 'Member units'), ('leader', 'Bloc leader'), ('vice_leader', 'Bloc vice-leader'), ('issuer', 'Issuing unit'), ('council', 'Council')], default='members', max_length=16, verbose_name='who must act')),
                ('due_on', models.DateField(blank=True, null=True, verbose_name='due date')),
                ('window_starts_on', models.DateField(blank=True, null=True, verbose_name='window from')),
                ('window_ends_on', models.DateField(blank=True, null=True, verbose_name='window to')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='campaigns.campaign', verbose_name='campaign')),
            ],
            options={
                'verbose_name': 'milestone',
                'verbose_name_plural': 'milestones',
                'ordering': ['campaign', 'due_on', 'window_ends_on'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('due_on__isnull', False), ('window_ends_on__isnull', True), ('window_starts_on__isnull', True)), models.Q(('due_on__isnull', True), ('window_ends_on__gte', models.F('window_starts_on')), ('window_ends_on__isnull', False), ('window_starts_on__isnull', False)), _connector='OR'), name='milestone_due_date_or_window', violation_error_message='Give a due date, or both ends of a window (not both).')],
            },
        ),
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('deadline', models.DateField(blank=True, null=True, verbose_name='deadline')),
                ('offset', models.SmallIntegerField(blank=True, null=True, verbose_name='days before the deadline')),
                ('subject', models.CharField(max_length=255, verbose_name='subject')),
                ('body', models.TextField(verbose_name='message')),
                ('link', models.CharField(max_length=255, verbose_name='link')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='read at')),
                ('email_status', models.CharField(choices=[('pending', 'Waiting to be sent'), ('sent', 'Sent'), ('failed', 'Failed'), ('no_address', 'No email address'), ('turned_off', 'Not sent: the recipient turned email off')], db_index=True, default='pending', max_length=16, verbose_name='email')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('next_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='next attempt')),
                ('last_error', models.TextField(blank=True, verbose_name='last error')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                ('milestone', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='campaigns.milestone', verbose_name='milestone')),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='recipient')),
                ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisation.unit', verbose_name='unit')),
                ('event', models.CharField(db_index=True, default='reminder', max_length=64, verbose_name='event')),
                ('key', models.CharField(max_length=160, verbose_name='key')),
            ],
            options={
                'verbose_name': 'notification',
                'verbose_name_plural': 'notifications',
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['recipient', 'read_at'], name='notification_unread'), models.Index(condition=models.Q(('email_status', 'pending')), fields=['id'], name='reminder_pending')],
                'constraints': [models.UniqueConstraint(fields=('recipient', 'key'), name='one_notification_per_event', violation_error_message='This notification exists already.')],
            },
        ),
        migrations.CreateModel(
            name='NotificationSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.BooleanField(default=True, verbose_name='also send me each notification by email')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='notification_settings', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'notification settings',
                'verbose_name_plural': 'notification settings',
            },
        ),
        migrations.CreateModel(
            name='Reminder',
            fields=[
            ],
            options={
                'verbose_name': 'reminder',
                'verbose_name_plural': 'reminders',
                'proxy': True,
            },
            bases=('campaigns.notification',),
        ),
        migrations.RunPython(add_titles, migrations.RunPython.noop),
        trigram_index(table="campaigns_campaign", column="search_name", name="campaign_search_name_trgm"),
    ]
