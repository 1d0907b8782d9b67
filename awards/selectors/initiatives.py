"""Reads of the initiatives register."""

from awards.access import initiatives_visible_to
from organisation.access import viewer_for
from organisation.models import Person


def initiative_people(*, user):
    """The staff whose initiatives the user may register: their own units' and their office's."""
    viewer = viewer_for(user)
    people = Person.objects.filter(is_active=True).select_related("unit")
    if viewer.is_admin:
        return people
    return people.filter(unit_id__in=viewer.own_unit_ids | viewer.office_unit_ids)


def initiatives_list(*, user, year=None):
    initiatives = initiatives_visible_to(user).select_related("person__unit", "decided_by")
    if year:
        initiatives = initiatives.filter(year=year)
    return initiatives
