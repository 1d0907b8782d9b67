from django.db import migrations


class Migration(migrations.Migration):
    """Notifications and reminders leave campaigns for their own app; the tables stay until that app renames them."""

    dependencies = [
        ("campaigns", "0001_squashed_0007_trigram_search"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='notification',
                    name='milestone',
                ),
                migrations.RemoveField(
                    model_name='notification',
                    name='recipient',
                ),
                migrations.RemoveField(
                    model_name='notification',
                    name='unit',
                ),
                migrations.RemoveField(
                    model_name='notificationsettings',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='Reminder',
                ),
                migrations.DeleteModel(
                    name='Notification',
                ),
                migrations.DeleteModel(
                    name='NotificationSettings',
                ),
            ],
        ),
    ]
