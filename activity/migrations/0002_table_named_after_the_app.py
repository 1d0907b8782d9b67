from django.db import migrations


class Migration(migrations.Migration):
    """The activity log's table takes this app's name (it was still `campaigns_activitylog`), and so does the index
    named after the table."""

    dependencies = [
        ("activity", "0001_squashed_0001_moved_from_campaigns"),
    ]

    operations = [
        migrations.AlterModelTable(name="activitylog", table=None),
        migrations.RenameIndex(
            model_name="activitylog",
            new_name="activity_ac_content_ee8889_idx",
            old_name="campaigns_a_content_723f54_idx",
        ),
    ]
