"""Writing the log: always in the transaction of the change it records."""

from django.contrib.contenttypes.models import ContentType

from activity.models import ActivityLog


def log_action(*, obj, action, user, data=None):
    return ActivityLog.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        data=data or {},
    )
