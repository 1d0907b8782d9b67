"""Writes to the award register: a decision's awards, and a checked Excel register; locked and logged."""

from datetime import date

from celery import shared_task
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.services import log_action
from core.background import make_in_background
from core.db import analyze_on_commit, writing
from core.text import fold, sort_key
from honours.models import Honour, RegisterExport
from honours.selectors import holdings, recipient_key, register_for
from organisation.services import sheet_import_claim


def _named(honour):
    """The recipient's sort key and the folded text the register's search looks in."""
    honour.sort_name = sort_key(honour.recipient_name)
    honour.search_text = f"{fold(honour.recipient_name)} {fold(honour.decision_number)}"[:400]
    return honour


@transaction.atomic
def honours_record_decision(*, decision, lines, year):
    """Enter the decision's awards in the register, or bring them in line with a corrected decision.

    Called by the decision's own service, in its transaction, whose log
    records it. A person or collective holds a title once a year, so an award
    the office imported from Excel before the product decided it becomes
    this decision's entry.
    """
    existing = holdings(
        people={line.person_id for line in lines if line.person_id},
        units={line.unit_id for line in lines if not line.person_id},
        titles={line.title_id for line in lines},
        first_year=year,
        last_year=year,
    )
    changed, created = [], []
    for line in lines:
        honour = existing.get((recipient_key(person_id=line.person_id, unit_id=line.unit_id), line.title_id, year))
        if honour is None:
            honour = Honour(year=year, title_id=line.title_id, person_id=line.person_id)
            created.append(honour)
        else:
            changed.append(honour)
        honour.unit_id = line.person.unit_id if line.person_id else line.unit_id
        honour.recipient_name = line.person.full_name if line.person_id else line.unit.name
        honour.decision_number = decision.number
        honour.decision_date = decision.dated
        honour.authority = decision.grantor[:255]
        honour.method = Honour.Method.REGULAR
        honour.source = Honour.Source.DECISION
        honour.sheet_import = None
        _named(honour)
    Honour.objects.bulk_create(created, batch_size=500)
    fields = ["unit", "recipient_name", "sort_name", "search_text", "decision_number", "decision_date"]
    fields += ["authority", "method", "source", "sheet_import"]
    Honour.objects.bulk_update(changed, fields, batch_size=500)


@transaction.atomic
def honours_import_apply(*, user, sheet_import):
    """Enter a checked register once; refused whole if an award it lists was recorded since it was checked."""
    if not sheet_import_claim(sheet_import):
        return None
    honours = [
        _named(
            Honour(
                year=row["year"],
                title_id=row["title_id"],
                unit_id=row["unit_id"],
                person_id=row["person_id"],
                recipient_name=row["recipient"],
                decision_number=row["decision_number"],
                decision_date=date.fromisoformat(row["decision_date"]),
                authority=row["authority"],
                method=row["method"],
                source=Honour.Source.IMPORT,
                sheet_import=sheet_import,
            )
        )
        for row in sheet_import.rows
    ]
    try:
        with transaction.atomic():
            Honour.objects.bulk_create(honours, batch_size=500)
    except IntegrityError:
        raise ValidationError(
            _("Some of these awards were recorded meanwhile; nothing was imported. Upload the file again to see which.")
        ) from None
    counts = {"created": len(honours), "file": sheet_import.file_name}
    log_action(obj=sheet_import.unit, action="honours.imported", user=user, data=counts)
    analyze_on_commit(Honour)
    return counts


# Large exports, made in the background


@writing()
def register_export_request(*, user, query):
    """The export of the register as `query` filters it, for `user`: the one still on its way, or a new one queued.

    A second click while it is made gets the same one; once it is ready, a
    new request makes a new file, so the data is always that of the click.
    Asked for by a GET, it writes in a transaction that takes the write lock
    as it begins (`writing`), so on SQLite it waits for another's write
    rather than being refused.
    """
    export = (
        RegisterExport.objects.filter(
            requested_by=user, query=query, status__in=[RegisterExport.Status.PENDING, RegisterExport.Status.RUNNING]
        )
        .order_by("-requested_at")
        .first()
    )
    if export is None:
        export = RegisterExport.objects.create(requested_by=user, query=query)
        transaction.on_commit(lambda: _queue(export.pk))
    return export


def _queue(export_id):
    make_in_background(make_register_export, export_id, _make_here)


def register_exports_waiting():
    return RegisterExport.waiting_ids()


def register_export_make(*, export_id):
    """The task's work: the register as the user who asked sees it, written row by row with its progress."""
    from honours.sheets import register_workbook

    def produce(export, progress):
        honours = register_for(user=export.requested_by, params=export.query)
        content = register_workbook(honours=honours, progress=progress)
        return f"so-khen-thuong-{timezone.localdate():%Y%m%d}.xlsx", content

    return RegisterExport.make(export_id, produce)


# The tasks live beside the work they run, so that queueing one imports nothing that imports this module back;
# their names are those Celery and beat know them by (honours/tasks.py lists them).


@shared_task(name="honours.tasks.make_register_export")
def make_register_export(export_id):
    return register_export_make(export_id=export_id)


@shared_task(name="honours.tasks.make_waiting_exports")
def make_waiting_exports():
    """The periodic sweep: queue again the exports still waiting, e.g. asked for while the broker was down."""
    for export_id in register_exports_waiting():
        make_register_export.delay(export_id)


def _make_here(export_id):
    register_export_make(export_id=export_id)
