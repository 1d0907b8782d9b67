"""Every Excel file the pages offer, downloaded with names that begin with "=": text stays text.

The URL configuration is walked through the permission matrix (which holds a
row for every URL), so an export added later is downloaded here too.
"""

from io import BytesIO

import pytest
from django.db.models import CharField, F, TextField, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import Proposal, ProposalLine
from campaigns.models import Campaign, ContentItem, Title
from honours.models import Honour
from organisation.models import Bloc, CouncilMember, Person, SheetImport, Unit
from registrations.models import CollectiveAim, IndividualAim, Registration, RegistrationItem
from scoring.models import Criterion, Score
from tests.conftest import recorded
from tests.project import test_permission_matrix as matrix

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA = '=HYPERLINK("https://x.invalid")&"'

# The permission matrix's world and objects, made once for the module.
world, objects = matrix.world, matrix.objects

# What a user may type that an export writes out: every one begins with FORMULA below.
TYPED = {
    Unit: ["name", "short_name", "parent_body", "head_title", "head_name"],
    Bloc: ["name", "full_name"],
    Person: ["full_name", "position"],
    CouncilMember: ["job_title"],
    Campaign: ["name"],
    ContentItem: ["label", "text"],
    Criterion: ["group", "label", "text"],
    Title: ["name"],
    Proposal: ["summary"],
    ProposalLine: ["votes"],
    RegistrationItem: ["commitment"],
    Honour: ["recipient_name", "decision_number", "authority"],
}


def begin_with_a_formula():
    for model, names in TYPED.items():
        for name in names:
            field = model._meta.get_field(name)
            value = Concat(Value(FORMULA), F(name), output_field=TextField())
            if isinstance(field, CharField):
                value = Substr(value, 1, field.max_length)
            model.objects.update(**{name: value})


@pytest.fixture
def exports(world, objects):
    """Something in every list an export writes: an accepted registration, scores, proposal lines."""
    campaign = world["campaign"]
    titles = {title.code: title for title in Title.objects.all()}
    registration = Registration.objects.get(pk=objects.registration)
    Registration.objects.filter(pk=registration.pk).update(status="accepted")
    item = ContentItem.objects.create(campaign=campaign, position=1, label="1", text="Nhiệm vụ chính trị")
    RegistrationItem.objects.create(registration=registration, content_item=item, commitment="Hoàn thành 100%")
    person = Person.objects.create(unit=world["unit_b"], full_name="Lê Thị Cúc", position="Chuyên viên")
    CollectiveAim.objects.create(registration=registration, unit=world["unit_b"], title=titles["ttldtt"])
    IndividualAim.objects.create(registration=registration, person=person, title=titles["ldtt"])
    Score.objects.create(
        criterion_id=objects.criterion,
        unit=world["unit_b"],
        scorer=world["unit_a"],
        points=7,
        updated_by=world["admin"],
    )
    draft = Proposal.objects.get(pk=objects.draft)
    ProposalLine.objects.create(proposal=draft, title=titles["ldtt"], person=person, position=2, votes="5/6")
    recorded("ldtt", year=2019, person=person)
    # A refused file's report quotes what was typed.
    SheetImport.objects.filter(pk=objects.refused_import).update(errors=[[2, f"không có đơn vị “{FORMULA}”"]])
    begin_with_a_formula()
    return objects


def downloads(client, world, exports):
    """(url name, workbook) for every GET in the matrix that answers with an .xlsx, as a role allowed to read it."""
    for name, (method, arguments, statuses) in sorted(matrix.MATRIX.items()):
        if method != "get" or "200" not in statuses.split():
            continue
        role = matrix.ROLES[statuses.split().index("200")]
        kwargs = {matrix.KWARG_NAMES[arg]: getattr(exports, arg) for arg in arguments.split()}
        if role == "anonymous":
            client.logout()
        else:
            client.force_login(world[role])
        response = client.get(reverse(name, kwargs=kwargs))
        if response.get("Content-Type", "").startswith(XLSX):
            yield name, load_workbook(BytesIO(response.content))


def test_no_excel_export_writes_a_formula(client, world, exports):
    found = {}
    for name, workbook in downloads(client, world, exports):
        cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
        formulas = [f"{cell.parent.title}!{cell.coordinate}: {cell.value}" for cell in cells if cell.data_type == "f"]
        assert not formulas, f"{name} writes formulas: {formulas}"
        typed = [cell for cell in cells if isinstance(cell.value, str) and FORMULA in cell.value]
        assert typed, f"{name} wrote none of the names typed with a leading ="
        found[name] = [cell for cell in typed if cell.value.startswith("=")]
        assert all(cell.data_type == "s" and cell.quotePrefix for cell in found[name]), name
    assert set(found) >= {
        "scoring:criteria_download",
        "scoring:ranking_download",
        "scoring:scores_download",
        "registrations:sheet_download",
        "awards:list_download",
        "organisation:staff_template",
        "organisation:accounts_template",
        "organisation:tree_export",
        "honours:export",
        "honours:template",
        "honours:statistics_download",
    }, sorted(found)
    # Numbers stay numbers.
    client.force_login(world["clerk_a"])
    scores = load_workbook(BytesIO(client.get(reverse("scoring:scores_download", args=[exports.campaign])).content))
    assert [cell.value for cell in scores.active["C"] if isinstance(cell.value, int | float)][:2] == [7, 7]
