import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ["notification", "reminder", "notificationsettings"]
OLD_TASKS = {
    "campaigns.tasks.send_due_reminders": "notifications.tasks.send_due_reminders",
    "campaigns.tasks.send_notification_batch": "notifications.tasks.send_notification_batch",
}


def _relabel(apps, *, old_label, new_label):
    """Give the moved models' content types their new app label, so permissions and log entries follow them."""
    content_type = apps.get_model("contenttypes", "ContentType")
    permission = apps.get_model("auth", "Permission")
    log = apps.get_model("activity", "ActivityLog")
    for model in MODELS:
        old = content_type.objects.filter(app_label=old_label, model=model).first()
        if old is None:
            continue
        new = content_type.objects.filter(app_label=new_label, model=model).first()
        if new is None:
            old.app_label = new_label
            old.save(update_fields=["app_label"])
            continue
        log.objects.filter(content_type=old).update(content_type=new)
        permission.objects.filter(content_type=old).delete()
        old.delete()


def _rename_tasks(apps, names):
    """Beat's schedules name the tasks by their module, which moved with them."""
    periodic_task = apps.get_model("django_celery_beat", "PeriodicTask")
    for old, new in names.items():
        periodic_task.objects.filter(task=old).update(task=new)


def forwards(apps, schema_editor):
    _relabel(apps, old_label="campaigns", new_label="notifications")
    _rename_tasks(apps, OLD_TASKS)


def backwards(apps, schema_editor):
    _relabel(apps, old_label="notifications", new_label="campaigns")
    _rename_tasks(apps, {new: old for old, new in OLD_TASKS.items()})


class Migration(migrations.Migration):
    """Notifications and reminders come from campaigns with their rows, then their tables take this app's name."""

    initial = True

    dependencies = [
        ("campaigns", "0008_notifications_moved_out"),
        ("organisation", "0001_squashed_0006_sheet_import_of_the_award_register"),
        ("activity", "0001_squashed_0001_moved_from_campaigns"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("django_celery_beat", "__first__"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('event', models.CharField(db_index=True, default='reminder', max_length=64, verbose_name='event')),
                        ('key', models.CharField(max_length=160, verbose_name='key')),
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
                    ],
                    options={
                        'verbose_name': 'notification',
                        'verbose_name_plural': 'notifications',
                        'ordering': ['-created_at', '-id'],
                        'db_table': 'campaigns_notification',
                        'indexes': [models.Index(fields=['recipient', 'read_at'], name='notification_unread'), models.Index(condition=models.Q(('email_status', 'pending')), fields=['id'], name='reminder_pending')],
                        'constraints': [models.UniqueConstraint(fields=('recipient', 'key'), name='one_notification_per_event', violation_error_message='This notification exists already.')],
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
                        'indexes': [],
                        'constraints': [],
                    },
                    bases=('notifications.notification',),
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
                        'db_table': 'campaigns_notificationsettings',
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AlterModelTable(name="notification", table=None),
        migrations.AlterModelTable(name="notificationsettings", table=None),
    ]
