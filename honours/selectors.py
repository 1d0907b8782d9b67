"""Reads of the award register: what a user may see, one page of it, a person's or unit's past years."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import QueryDict

from campaigns.models import Title
from core.text import fold
from honours.forms import RegisterFilterForm
from honours.models import Honour, RegisterExport
from organisation.access import units_visible_to, viewer_for
from organisation.models import Unit
from organisation.selectors import predecessors_of, units_with_descendants

ROWS_PER_PAGE = 50


def honours_visible_to(user):
    """Awards earned in a unit the user sees, or held by a person now in one: a moved person's history follows them."""
    if viewer_for(user).is_admin:
        return Honour.objects.all()
    units = units_visible_to(user).values("id")
    return Honour.objects.filter(Q(unit_id__in=units) | Q(person__unit_id__in=units))


def register_filter(honours, *, query="", year=None, unit=None, title=None, person=None):
    """The register narrowed as its page's filters say; the search ignores accents and case."""
    if query:
        honours = honours.filter(search_text__contains=fold(query))
    if year:
        honours = honours.filter(year=year)
    if unit is not None:
        # A unit of today holds the awards earned by the units that merged into it, under their names.
        tree = units_with_descendants(unit_ids={unit.pk} | predecessors_of(unit_ids={unit.pk}))
        honours = honours.filter(Q(unit_id__in=tree) | Q(person__unit_id__in=tree))
    if title is not None:
        honours = honours.filter(title=title)
    if person is not None:
        honours = honours.filter(person=person)
    return honours


def register_for(*, user, params):
    """The register `user` sees, narrowed by the page's filters in `params` (a query string or a QueryDict)."""
    if isinstance(params, str):
        params = QueryDict(params)
    form = RegisterFilterForm(params, **register_choices(user=user, years=False))
    return register_filter(honours_visible_to(user), **form.filters())


def register_rows(honours):
    return honours.select_related("title", "unit__merge__belongs_to", "person__unit")


def register_page(honours, *, page):
    """One page of the register: the same few queries for a hundred rows or a hundred thousand."""
    return Paginator(register_rows(honours), ROWS_PER_PAGE).get_page(page)


def register_choices(*, user, years=True):
    """The units, titles and years the filters offer: what the user may see (the years, read from the whole
    register, only when the page shows them)."""
    units = Unit.objects.all() if viewer_for(user).is_admin else units_visible_to(user)
    return {
        "units": units.order_by("sort_name"),
        "titles": Title.objects.order_by("position", "name"),
        "years": (
            list(honours_visible_to(user).order_by("-year").values_list("year", flat=True).distinct())
            if years
            else None
        ),
    }


def recipient_key(*, person_id, unit_id):
    """How the register tells recipients apart: a person by their id, a collective by its unit's."""
    return ("person", person_id) if person_id else ("unit", unit_id)


def holdings(*, people, units, titles, first_year, last_year):
    """{(recipient key, title id, year): Honour} for these recipients and titles over the years: one query."""
    if not titles or not (people or units):
        return {}
    rows = Honour.objects.filter(
        Q(person_id__in=people) | Q(person__isnull=True, unit_id__in=units),
        title_id__in=titles,
        year__gte=first_year,
        year__lte=last_year,
    )
    return {(recipient_key(person_id=row.person_id, unit_id=row.unit_id), row.title_id, row.year): row for row in rows}


def honours_of_unit(*, honours, unit, limit=5):
    """The latest of these awards earned in a unit or its sub-units, or held by their staff, for the unit's page."""
    return list(register_filter(honours, unit=unit).select_related("title")[:limit])


def register_roots(*, user):
    """The trees whose register the user keeps: their offices' roots, or every top unit for an administrator."""
    viewer = viewer_for(user)
    roots = (
        Unit.objects.filter(parent__isnull=True)
        if viewer.is_admin
        else Unit.objects.filter(id__in=viewer.office_root_ids)
    )
    return list(roots.order_by("sort_name"))


def register_exports_of(user):
    """An export belongs to whoever asked for it: it holds the register as they see it."""
    return RegisterExport.objects.filter(requested_by=user)
