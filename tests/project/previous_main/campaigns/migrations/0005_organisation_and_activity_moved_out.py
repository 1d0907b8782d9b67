import django.db.models.deletion
from django.db import migrations, models

MOVED = {
    "organisation": ["unit", "person", "council", "bloc", "blocmembership", "roleassignment", "staffimport"],
    "activity": ["activitylog"],
}


def _move(apps, *, forwards):
    """Give each moved model's content type its new app label; where a content type of that label exists already
    (made by an earlier partial migrate), point the log entries at it and drop the old one."""
    content_type = apps.get_model("contenttypes", "ContentType")
    permission = apps.get_model("auth", "Permission")
    log = apps.get_model("activity", "ActivityLog")
    for app_label, models_ in MOVED.items():
        old_label, new_label = ("campaigns", app_label) if forwards else (app_label, "campaigns")
        for model in models_:
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


def move_content_types(apps, schema_editor):
    _move(apps, forwards=True)


def move_content_types_back(apps, schema_editor):
    _move(apps, forwards=False)


class Migration(migrations.Migration):
    """The organisation and the activity log left for their own apps; nothing changes in the database but
    the content types, so that log entries keep pointing at their units, blocs and councils."""

    dependencies = [
        ('activity', '0001_moved_from_campaigns'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('awards', '0003_units_and_councils_from_organisation'),
        ('campaigns', '0004_reminders'),
        ('organisation', '0001_moved_from_campaigns'),
        ('registrations', '0002_units_and_staff_from_organisation'),
        ('scoring', '0003_units_from_organisation'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='bloc',
                    name='council',
                ),
                migrations.RemoveField(
                    model_name='bloc',
                    name='organizer',
                ),
                migrations.RemoveField(
                    model_name='blocmembership',
                    name='bloc',
                ),
                migrations.AlterField(
                    model_name='campaign',
                    name='issuing_bloc',
                    field=models.ForeignKey(blank=True, help_text='Set when the leader signs for the bloc (TM. KHỐI …).', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='issued_campaigns', to='organisation.bloc', verbose_name='issued on behalf of bloc'),
                ),
                migrations.RemoveField(
                    model_name='blocmembership',
                    name='unit',
                ),
                migrations.RemoveField(
                    model_name='council',
                    name='unit',
                ),
                migrations.AlterField(
                    model_name='campaign',
                    name='council',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='campaigns', to='organisation.council', verbose_name='reviewing council'),
                ),
                migrations.RemoveField(
                    model_name='roleassignment',
                    name='council',
                ),
                migrations.RemoveField(
                    model_name='person',
                    name='unit',
                ),
                migrations.RemoveField(
                    model_name='roleassignment',
                    name='unit',
                ),
                migrations.RemoveField(
                    model_name='roleassignment',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='staffimport',
                    name='unit',
                ),
                migrations.RemoveField(
                    model_name='staffimport',
                    name='uploaded_by',
                ),
                migrations.RemoveField(
                    model_name='unit',
                    name='parent',
                ),
                migrations.AlterField(
                    model_name='reminder',
                    name='unit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisation.unit', verbose_name='unit'),
                ),
                migrations.AlterField(
                    model_name='campaign',
                    name='issuer',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='issued_campaigns', to='organisation.unit', verbose_name='issuing unit'),
                ),
                migrations.AlterField(
                    model_name='campaign',
                    name='blocs',
                    field=models.ManyToManyField(blank=True, related_name='campaigns', to='organisation.bloc', verbose_name='competing blocs'),
                ),
                migrations.DeleteModel(
                    name='ActivityLog',
                ),
                migrations.DeleteModel(
                    name='Bloc',
                ),
                migrations.DeleteModel(
                    name='BlocMembership',
                ),
                migrations.DeleteModel(
                    name='Council',
                ),
                migrations.DeleteModel(
                    name='Person',
                ),
                migrations.DeleteModel(
                    name='RoleAssignment',
                ),
                migrations.DeleteModel(
                    name='StaffImport',
                ),
                migrations.DeleteModel(
                    name='Unit',
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
