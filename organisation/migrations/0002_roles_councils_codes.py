import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q


def roles_forward(apps, schema_editor):
    """Council roles become seats; the "bloc leader" role folds into the clerk role of the leading unit."""
    role_model = apps.get_model("organisation", "RoleAssignment")
    member_model = apps.get_model("organisation", "CouncilMember")
    bloc_model = apps.get_model("organisation", "Bloc")
    for role in role_model.objects.filter(role__in=["council_member", "council_secretary"]).order_by("role"):
        position = "secretary" if role.role == "council_secretary" else "member"
        seat, created = member_model.objects.get_or_create(
            council_id=role.council_id, user_id=role.user_id, defaults={"position": position}
        )
        if not created and position == "secretary":
            seat.position = position
            seat.save(update_fields=["position"])
    role_model.objects.filter(role__in=["council_member", "council_secretary"]).delete()
    for role in role_model.objects.filter(role="bloc_leader"):
        role_model.objects.get_or_create(user_id=role.user_id, unit_id=role.unit_id, role="unit_clerk")
    role_model.objects.filter(role="bloc_leader").delete()
    # The office of a bloc's council keeps the bloc where nothing else says who does.
    for bloc in bloc_model.objects.filter(organizer__isnull=True, council__isnull=False).select_related("council"):
        bloc.organizer_id = bloc.council.unit_id
        bloc.save(update_fields=["organizer"])


def roles_backward(apps, schema_editor):
    role_model = apps.get_model("organisation", "RoleAssignment")
    member_model = apps.get_model("organisation", "CouncilMember")
    role_model.objects.filter(role="office").delete()
    for seat in member_model.objects.all():
        role = "council_secretary" if seat.position == "secretary" else "council_member"
        role_model.objects.get_or_create(user_id=seat.user_id, council_id=seat.council_id, role=role)


class Migration(migrations.Migration):
    """Council seats with positions, the office role, no separate bloc-leader role, unit codes, Excel imports of
    every kind."""

    dependencies = [
        ("organisation", "0001_moved_from_campaigns"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CouncilMember",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "position",
                    models.CharField(
                        choices=[
                            ("chair", "Chair"),
                            ("vice_chair", "Vice-chair"),
                            ("secretary", "Secretary"),
                            ("member", "Member"),
                        ],
                        default="member",
                        max_length=16,
                        verbose_name="position",
                    ),
                ),
                (
                    "job_title",
                    models.CharField(
                        blank=True,
                        help_text="E.g. Giám đốc Sở Nội vụ, as the decision founding the council names the member.",
                        max_length=255,
                        verbose_name="title in the council's decision",
                    ),
                ),
                (
                    "council",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="members",
                        to="organisation.council",
                        verbose_name="council",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="council_seats",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="account",
                    ),
                ),
            ],
            options={
                "verbose_name": "council member",
                "verbose_name_plural": "council members",
                "ordering": ["council", "position", "user__last_name", "user__first_name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("council", "user"),
                        name="one_seat_per_council_member",
                        violation_error_message="This person already sits on this council.",
                    ),
                    models.UniqueConstraint(
                        condition=Q(position="chair"),
                        fields=("council",),
                        name="one_chair_per_council",
                        violation_error_message="The council already has a chair.",
                    ),
                ],
            },
        ),
        migrations.RemoveConstraint(model_name="roleassignment", name="role_has_its_object"),
        migrations.RemoveConstraint(model_name="roleassignment", name="unit_role_unique"),
        migrations.RemoveConstraint(model_name="roleassignment", name="council_role_unique"),
        migrations.RunPython(roles_forward, roles_backward),
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
