from django.db import migrations


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
    """Council roles become seats and the "bloc leader" role folds into the leading unit's clerk role.

    A migration of its own, so that on PostgreSQL its row changes are committed
    before the next one alters the table.
    """

    dependencies = [("organisation", "0002_council_members")]

    operations = [migrations.RunPython(roles_forward, roles_backward)]
