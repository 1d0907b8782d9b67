from django.db import migrations


class Migration(migrations.Migration):
    """The organisation's tables take this app's name: they kept those they had in campaigns (the Excel imports'
    still said `campaigns_staffimport`). Indexes, constraints and the foreign keys that point here follow them."""

    dependencies = [
        ("organisation", "0007_import_kinds_named_by_their_apps"),
    ]

    operations = [
        migrations.AlterModelTable(name="unit", table=None),
        migrations.AlterModelTable(name="person", table=None),
        migrations.AlterModelTable(name="council", table=None),
        migrations.AlterModelTable(name="bloc", table=None),
        migrations.AlterModelTable(name="blocmembership", table=None),
        migrations.AlterModelTable(name="roleassignment", table=None),
        migrations.AlterModelTable(name="sheetimport", table=None),
    ]
