"""The award register's pages: the register with its search and export, its Excel import, the year's statistics."""

from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, override
from django.views.decorators.http import require_POST

from core.access import requires
from honours import selectors, services, sheets, statistics
from honours.forms import RegisterFilterForm, YearForm
from honours.services import honours_import_apply
from honours.signals import sections_for
from organisation import selectors as organisation_selectors
from organisation.imports import ImportKind
from organisation.models import Unit
from organisation.views import XLSX, import_confirm, import_page

# The award register's Excel list, taken by organisation's one import flow.
KIND = "honours"
IMPORT = ImportKind(
    title=gettext_lazy("Import the award register"),
    parse=lambda request, unit, data: sheets.parse_register_file(
        data=data, units=Unit.objects.filter(id__in=organisation_selectors.units_with_descendants(unit_ids={unit.pk}))
    ),
    template="honours:template",
    back=lambda unit: (reverse("honours:register"), gettext_lazy("Award register")),
    apply=lambda request, sheet_import: honours_import_apply(user=request.user, sheet_import=sheet_import),
    columns=[
        ("year", gettext_lazy("Year")),
        ("title_name", gettext_lazy("Title or commendation")),
        ("recipient", gettext_lazy("Awarded to")),
        ("unit_name", gettext_lazy("Unit")),
        ("decision_number", gettext_lazy("Decision number")),
        ("decision_shown", gettext_lazy("Decision date")),
        ("authority", gettext_lazy("Issued by")),
    ],
    done=gettext_lazy("Award register imported: %(created)s awards added."),
    headings=[label for _key, label in sheets.COLUMNS],
    help=gettext_lazy(
        "One award per line: the year of the achievement, the title, the person (empty for a collective), their "
        "unit, the decision's number, date and authority. The file is checked as a whole; if any line is wrong, "
        "nothing is imported."
    ),
)


def _xlsx(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filtered(request):
    """The register the user sees, narrowed by the page's filters, and the form that shows them."""
    form = RegisterFilterForm(request.GET, **selectors.register_choices(user=request.user))
    return form, selectors.register_filter(selectors.honours_visible_to(request.user), **form.filters())


@requires("site.enter")
def register(request):
    form, honours = _filtered(request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "honours/register.html",
        {
            "form": form,
            "page": selectors.register_page(honours, page=request.GET.get("page")),
            "query": query.urlencode(),
            "person_filter": bool(form.filters().get("person")),
            "roots": selectors.register_roots(user=request.user),
            "year": timezone.localdate().year,
        },
    )


# Above this many rows the register is written in the background, not while the request waits.
EXPORT_IN_REQUEST_ROWS = 5000


# Read outside a transaction: the request's own, begun by a GET as a reader, could not then write a long export's
# row on SQLite once another had written meanwhile; the service writes in a transaction of its own (core.db.writing).
@transaction.non_atomic_requests
@requires("site.enter")
def export(request):
    honours = selectors.register_for(user=request.user, params=request.GET)
    # Reading one row past the limit tells a long list from a short one without counting it whole.
    if len(honours.values_list("pk", flat=True)[: EXPORT_IN_REQUEST_ROWS + 1]) <= EXPORT_IN_REQUEST_ROWS:
        return _xlsx(sheets.register_workbook(honours=honours), "so-khen-thuong.xlsx")
    export = services.register_export_request(user=request.user, query=request.GET.urlencode())
    return redirect("honours:export_file", export.pk)


@requires("site.enter")
def export_file(request, export_id):
    """A large export: the file when it is ready, else a page that shows its progress and polls for it."""
    export = get_object_or_404(selectors.register_exports_of(request.user), pk=export_id)
    polling = request.headers.get("HX-Request") == "true"
    if export.status == export.Status.DONE:
        if polling:
            response = HttpResponse()
            response["HX-Redirect"] = request.path
            return response
        return FileResponse(export.file.open("rb"), content_type=XLSX, filename="so-khen-thuong.xlsx")
    template = "honours/_export_progress.html" if polling else "honours/export_progress.html"
    return render(request, template, {"export": export})


@requires("unit.manage")
def template(request, unit):
    return _xlsx(
        sheets.register_template(root=unit, units=organisation_selectors.unit_tree(unit=unit)),
        "mau-so-khen-thuong.xlsx",
    )


@requires("unit.manage")
def register_import(request, unit):
    return import_page(
        request,
        kind=KIND,
        unit=unit,
        confirm_url=lambda sheet_import: reverse("honours:import_confirm", args=[unit.pk, sheet_import.pk]),
    )


@require_POST
@requires("unit.manage")
def register_import_confirm(request, unit, import_id):
    return import_confirm(
        request,
        kind=KIND,
        unit=unit,
        import_id=import_id,
        done_url=reverse("honours:register"),
    )


def _year(request):
    form = YearForm(request.GET or None)
    return form, (form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year)


def _forms(unit, year):
    return [statistics.form_0601(root=unit, year=year), statistics.form_0603(root=unit, year=year)]


@requires("unit.manage")
def statistics_page(request, unit):
    form, year = _year(request)
    return render(
        request,
        "honours/statistics.html",
        {
            "unit": unit,
            "year": year,
            "year_form": form,
            "forms": _forms(unit, year),
            "sections": sections_for(root=unit, year=year),
            "by_title": statistics.awards_by_title(root=unit, year=year),
            "by_unit": statistics.awards_by_unit(root=unit, year=year),
            "not_filled": statistics.NOT_FILLED,
            "circular": statistics.CIRCULAR,
            "layout_source": statistics.LAYOUT_SOURCE,
        },
    )


@requires("unit.manage")
def statistics_download(request, unit):
    _form, year = _year(request)
    with override("vi"):
        content = statistics.statistics_workbook(
            root=unit, year=year, forms=_forms(unit, year), sections=sections_for(root=unit, year=year)
        )
    return _xlsx(content, f"thong-ke-tdkt-{year}.xlsx")


def unit_panel(*, request, unit):
    """The latest awards earned in a unit, on its page."""
    return {
        "unit": unit,
        "honours": selectors.honours_of_unit(honours=selectors.honours_visible_to(request.user), unit=unit),
    }
