import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    """Roles are held for a unit only (a unit's clerk or the office of its tree); units get codes; Excel imports of
    every kind."""

    dependencies = [("organisation", "0003_roles_to_seats")]

    operations = [
        migrations.RemoveField(model_name="roleassignment", name="council"),
        migrations.AlterField(
            model_name="roleassignment",
            name="role",
            field=models.CharField(
                choices=[("unit_clerk", "Unit clerk"), ("office", "Emulation office")],
                max_length=32,
                verbose_name="role",
            ),
        ),
        migrations.AlterField(
            model_name="roleassignment",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="role_assignments",
                to="organisation.unit",
                verbose_name="unit",
            ),
        ),
        migrations.AddConstraint(
            model_name="roleassignment",
            constraint=models.UniqueConstraint(
                fields=("user", "role", "unit"),
                name="unit_role_unique",
                violation_error_message="This user already holds this role for this unit.",
            ),
        ),
        migrations.AddField(
            model_name="unit",
            name="code",
            field=models.CharField(
                blank=True,
                help_text="The office's own code for the unit, used to match rows when the tree is imported from Excel.",
                max_length=32,
                verbose_name="code",
            ),
        ),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.UniqueConstraint(
                condition=~Q(code=""),
                fields=("code",),
                name="unit_code_unique",
                violation_error_message="Another unit already has this code.",
            ),
        ),
        migrations.AlterField(
            model_name="bloc",
            name="organizer",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "The unit whose emulation office keeps the bloc: the province's People's Committee, "
                    "or an agency running a bloc of units under it."
                ),
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="organized_blocs",
                to="organisation.unit",
                verbose_name="organising unit",
            ),
        ),
        # The table keeps its name: the staff import it was made for is one kind among several now.
        migrations.RenameModel(old_name="StaffImport", new_name="SheetImport"),
        migrations.AlterModelOptions(
            name="sheetimport",
            options={"ordering": ["-created_at"], "verbose_name": "Excel import", "verbose_name_plural": "Excel imports"},
        ),
        migrations.AddField(
            model_name="sheetimport",
            name="kind",
            field=models.CharField(
                choices=[("staff", "Staff list"), ("units", "Unit tree"), ("accounts", "Accounts to invite")],
                default="staff",
                max_length=16,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="sheetimport",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="sheet_imports",
                to="organisation.unit",
                verbose_name="unit",
            ),
        ),
    ]
