import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    """Council seats with positions; the constraints that tied a role to a council go, so roles can become seats."""

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
    ]
