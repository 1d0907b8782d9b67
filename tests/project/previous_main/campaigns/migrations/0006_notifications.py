"""Reminders become one kind of notification: the table, its rows and the retry schedule are kept.

Each existing reminder gets the key its unique constraint used to be made of,
so that a second daily run after the upgrade still adds nothing.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def keys_for_reminders(apps, schema_editor):
    Notification = apps.get_model("campaigns", "Notification")
    rows = Notification.objects.filter(key="").only("id", "milestone_id", "deadline", "offset", "unit_id")
    batch = []
    for row in rows.iterator(chunk_size=2000):
        row.key = f"reminder:{row.milestone_id}:{row.deadline.isoformat()}:{row.offset}:{row.unit_id}"
        batch.append(row)
        if len(batch) == 2000:
            Notification.objects.bulk_update(batch, ["key"])
            batch = []
    Notification.objects.bulk_update(batch, ["key"])


def rename_retry_task(apps, schema_editor):
    """The periodic retry of pending emails now sends every notification, under the task's new name."""
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task="campaigns.tasks.send_reminder_batch").update(
        task="campaigns.tasks.send_notification_batch"
    )


def restore_retry_task(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task="campaigns.tasks.send_notification_batch").update(
        task="campaigns.tasks.send_reminder_batch"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_organisation_and_activity_moved_out"),
        ("django_celery_beat", "__first__"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="reminder", name="one_reminder_per_recipient"),
        migrations.RenameModel(old_name="Reminder", new_name="Notification"),
        migrations.RenameIndex(
            model_name="notification", new_name="notification_unread", old_name="campaigns_r_recipie_a6ef96_idx"
        ),
        migrations.AlterModelOptions(
            name="notification",
            options={
                "ordering": ["-created_at", "-id"],
                "verbose_name": "notification",
                "verbose_name_plural": "notifications",
            },
        ),
        migrations.AddField(
            model_name="notification",
            name="event",
            field=models.CharField(db_index=True, default="reminder", max_length=64, verbose_name="event"),
        ),
        migrations.AddField(
            model_name="notification",
            name="key",
            field=models.CharField(default="", max_length=160, verbose_name="key"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="notification",
            name="milestone",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reminders",
                to="campaigns.milestone",
                verbose_name="milestone",
            ),
        ),
        migrations.AlterField(
            model_name="notification",
            name="deadline",
            field=models.DateField(blank=True, null=True, verbose_name="deadline"),
        ),
        migrations.AlterField(
            model_name="notification",
            name="offset",
            field=models.SmallIntegerField(blank=True, null=True, verbose_name="days before the deadline"),
        ),
        migrations.AlterField(
            model_name="notification",
            name="unit",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="organisation.unit",
                verbose_name="unit",
            ),
        ),
        migrations.AlterField(
            model_name="notification",
            name="recipient",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="notifications",
                to=settings.AUTH_USER_MODEL,
                verbose_name="recipient",
            ),
        ),
        migrations.AlterField(
            model_name="notification",
            name="email_status",
            field=models.CharField(
                choices=[
                    ("pending", "Waiting to be sent"),
                    ("sent", "Sent"),
                    ("failed", "Failed"),
                    ("no_address", "No email address"),
                    ("turned_off", "Not sent: the recipient turned email off"),
                ],
                db_index=True,
                default="pending",
                max_length=16,
                verbose_name="email",
            ),
        ),
        migrations.RunPython(keys_for_reminders, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.UniqueConstraint(
                fields=("recipient", "key"),
                name="one_notification_per_event",
                violation_error_message="This notification exists already.",
            ),
        ),
        migrations.CreateModel(
            name="Reminder",
            fields=[],
            options={"verbose_name": "reminder", "verbose_name_plural": "reminders", "proxy": True, "indexes": [], "constraints": []},
            bases=("campaigns.notification",),
        ),
        migrations.CreateModel(
            name="NotificationSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("email", models.BooleanField(default=True, verbose_name="also send me each notification by email")),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notification_settings",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"verbose_name": "notification settings", "verbose_name_plural": "notification settings"},
        ),
        migrations.RunPython(rename_retry_task, restore_retry_task),
    ]
