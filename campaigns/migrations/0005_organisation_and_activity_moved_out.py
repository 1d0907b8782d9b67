import django.db.models.deletion
from django.db import migrations, models

MOVED = {
    "organisation": ["unit", "person", "council", "bloc", "blocmembership", "roleassignment", "staffimport"],
    "activity": ["activitylog"],
}


def _move(apps, source, target_of):
    content_type = apps.get_model("contenttypes", "ContentType")
    for app_label, models_ in MOVED.items():
        for model in models_:
            old, new = (source or app_label), target_of(app_label)
            if not content_type.objects.filter(app_label=new, model=model).exists():
                content_type.objects.filter(app_label=old, model=model).update(app_label=new)


def move_content_types(apps, schema_editor):
    _move(apps, "campaigns", lambda app_label: app_label)


def move_content_types_back(apps, schema_editor):
    _move(apps, None, lambda app_label: "campaigns")


class Migration(migrations.Migration):
    """The organisation and the activity log left for their own apps; nothing changes in the database but
    the content types, so that log entries keep pointing at their units, blocs and councils."""

    dependencies = [
        ('activity', '0001_moved_from_campaigns'),
        ('contenttypes', '0002_remove_content_type_name'),
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
