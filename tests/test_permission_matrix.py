"""Every URL of the project, for every role, on objects that do and do not belong to the user.

The table below is the specification. The URL configuration is walked, so a
new URL without a row here fails `test_every_url_has_a_row`.

Roles, in column order:
  N  anonymous
  A  clerk of unit A: A issued the campaign and leads its bloc (A compiles B)
  B  clerk of unit B: a member of the same bloc; owns B's registration, report
     and self-assessment
  C  leader of another bloc (unit C)
  M  member of the campaign's council (not its secretary)
  X  administrator
"""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from awards.models import Initiative, Proposal, ProposalLine
from campaigns.models import Milestone, Title
from organisation.models import BlocMembership, Person, StaffImport
from registrations.models import Registration
from scoring.models import Criterion, Evidence, MidyearReport, Scorecard

ROLES = ["anonymous", "clerk_a", "clerk_b", "leader_c", "member", "admin"]

# name: (method, arguments, expected status per role N A B C M X)
MATRIX = {
    "dashboard": ("get", "", "302 200 200 200 200 200"),
    "notifications": ("get", "", "302 200 200 200 200 200"),
    "campaigns:list": ("get", "", "302 200 200 200 200 200"),
    "campaigns:import": ("get", "", "302 200 200 200 403 200"),
    "campaigns:detail": ("get", "campaign", "302 200 200 404 200 200"),
    "campaigns:edit": ("get", "campaign", "302 200 403 404 403 200"),
    "campaigns:part_new": ("get", "campaign kind", "302 200 403 404 403 200"),
    "campaigns:part_edit": ("get", "campaign kind part", "302 200 403 404 403 200"),
    "campaigns:part_delete": ("post", "campaign kind part", "302 302 403 404 403 302"),
    "organisation:unit_detail": ("get", "unit_a", "302 200 404 404 200 200"),
    "organisation:staff_template": ("get", "unit_a", "302 200 404 404 403 200"),
    "organisation:staff_import": ("get", "unit_a", "302 200 404 404 403 200"),
    "organisation:staff_import_confirm": ("post", "unit_a staff_import", "302 302 404 404 403 302"),
    "organisation:bloc_list": ("get", "", "302 200 200 200 200 200"),
    "organisation:bloc_detail": ("get", "bloc", "302 200 200 404 200 200"),
    "organisation:bloc_member_set": ("post", "bloc", "302 403 403 404 403 400"),
    "organisation:bloc_member_remove": ("post", "bloc membership", "302 403 403 404 403 302"),
    "registrations:overview": ("get", "campaign", "302 200 302 404 200 200"),
    "registrations:edit": ("get", "campaign unit_b", "302 302 302 404 302 302"),
    "registrations:sheet_download": ("get", "campaign", "302 200 403 404 403 403"),
    "registrations:sheet_forward": ("post", "campaign", "302 302 403 404 403 403"),
    "registrations:detail": ("get", "registration", "302 200 200 404 200 200"),
    "registrations:accept": ("post", "registration", "302 302 403 404 403 403"),
    "registrations:return": ("post", "registration", "302 400 403 404 403 403"),
    "scoring:hub": ("get", "campaign", "302 200 200 404 200 200"),
    "scoring:policy": ("get", "campaign", "302 200 403 404 403 200"),
    "scoring:criteria": ("get", "campaign", "302 200 200 404 200 200"),
    "scoring:criterion_new": ("get", "campaign", "302 200 403 404 403 200"),
    "scoring:criterion_edit": ("get", "campaign criterion", "302 200 403 404 403 200"),
    "scoring:criterion_delete": ("post", "campaign criterion", "302 302 403 404 403 302"),
    "scoring:criteria_download": ("get", "campaign", "302 200 200 404 200 200"),
    "scoring:criteria_import": ("get", "campaign", "302 200 403 404 403 200"),
    "scoring:report": ("get", "campaign unit_b", "302 404 200 404 404 404"),
    "scoring:report_download": ("get", "campaign report", "302 200 200 404 200 200"),
    "scoring:self": ("get", "campaign unit_b", "302 404 200 404 404 404"),
    "scoring:evidence_download": ("get", "campaign evidence", "302 200 200 404 200 200"),
    "scoring:score": ("get", "campaign unit_b", "302 200 403 404 403 403"),
    "scoring:ranking": ("get", "campaign", "302 200 403 404 200 200"),
    "scoring:ranking_finalise": ("post", "campaign", "302 302 403 404 403 403"),
    "scoring:ranking_reopen": ("post", "campaign", "302 302 403 404 403 403"),
    "scoring:ranking_download": ("get", "campaign", "302 200 403 404 200 200"),
    "scoring:scores_download": ("get", "campaign", "302 200 403 404 200 200"),
    "scoring:vote": ("get", "campaign", "302 200 403 404 200 200"),
    "scoring:progress": ("get", "campaign", "302 200 403 404 200 200"),
    "awards:index": ("get", "", "302 200 200 200 200 200"),
    "awards:titles": ("get", "", "302 200 200 200 200 200"),
    "awards:initiatives": ("get", "", "302 200 200 200 200 200"),
    "awards:initiative_decide": ("post", "initiative", "302 403 404 404 403 302"),
    "awards:campaign": ("get", "campaign", "302 200 200 404 200 200"),
    "awards:create": ("post", "campaign", "302 302 403 404 403 403"),
    "awards:detail": ("get", "draft", "302 200 404 404 200 200"),
    "awards:update": ("post", "draft", "302 400 404 404 403 400"),
    "awards:line_add": ("post", "draft", "302 400 404 404 403 400"),
    "awards:line_change": ("post", "draft draft_line", "302 302 404 404 403 302"),
    "awards:decide": ("post", "sent sent_line", "302 403 404 404 302 302"),
    "awards:submit": ("post", "draft", "302 302 404 404 403 302"),
    "awards:approve": ("post", "sent", "302 403 404 404 302 302"),
    "awards:list_download": ("get", "draft", "302 200 404 404 200 200"),
    "awards:document": ("get", "draft pdf_name", "302 200 404 404 200 200"),
    "login": ("get", "", "200 200 200 200 200 200"),
    "logout": ("post", "", "302 302 302 302 302 302"),
    "password_change": ("get", "", "302 200 200 200 200 200"),
    "password_change_done": ("get", "", "302 200 200 200 200 200"),
    "password_reset": ("get", "", "200 200 200 200 200 200"),
    "password_reset_done": ("get", "", "200 200 200 200 200 200"),
    "password_reset_confirm": ("get", "uidb64 token", "200 200 200 200 200 200"),
    "password_reset_complete": ("get", "", "200 200 200 200 200 200"),
    "set_language": ("post", "", "302 302 302 302 302 302"),
}

POST_DATA = {"awards:create": {"kind": "bloc"}, "set_language": {"language": "vi", "next": "/"}}


def url_names():
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_url_has_a_row():
    missing = url_names() - set(MATRIX)
    assert not missing, f"URLs without a row in the permission matrix: {sorted(missing)}"


@pytest.fixture
def objects(world):
    """One of each object of the campaign, most of them B's or A's."""
    campaign, admin = world["campaign"], world["admin"]
    titles = {title.code: title for title in Title.objects.all()}
    person_a = Person.objects.create(unit=world["unit_a"], full_name="Trần Văn An")
    person_b = Person.objects.create(unit=world["unit_b"], full_name="Lê Thị Bình")
    criterion = Criterion.objects.create(campaign=campaign, position=1, text="Nhiệm vụ", max_points=10)
    registration = Registration.objects.create(
        campaign=campaign, unit=world["unit_b"], status="submitted", submitted_at=timezone.now(), version=2
    )
    report = MidyearReport(campaign=campaign, unit=world["unit_b"], original_name="bc.pdf", size=8, uploaded_by=admin)
    report.file.save("bc.pdf", ContentFile(b"%PDF-1.4"), save=True)
    scorecard = Scorecard.objects.create(
        campaign=campaign, unit=world["unit_b"], status="submitted", submitted_at=timezone.now(), version=1
    )
    evidence = Evidence(scorecard=scorecard, criterion=criterion, original_name="mc.pdf", size=8, uploaded_by=admin)
    evidence.file.save("mc.pdf", ContentFile(b"%PDF-1.4"), save=True)
    draft = Proposal.objects.create(
        campaign=campaign,
        kind="bloc",
        proposer=world["unit_a"],
        council=world["council"],
        summary="Đề nghị",
        created_by=admin,
    )
    sent = Proposal.objects.create(
        campaign=campaign,
        kind="bloc",
        proposer=world["unit_a"],
        council=world["council"],
        summary="Đã trình",
        status="submitted",
        created_by=admin,
    )
    return SimpleNamespace(
        campaign=campaign.pk,
        kind="milestones",
        part=Milestone.objects.create(campaign=campaign, kind="other", name="Mốc", due_on=date(2020, 6, 1)).pk,
        unit_a=world["unit_a"].pk,
        unit_b=world["unit_b"].pk,
        staff_import=StaffImport.objects.create(
            unit=world["unit_a"], file_name="ds.xlsx", rows=[], uploaded_by=world["clerk_a"]
        ).pk,
        bloc=world["bloc"].pk,
        membership=BlocMembership.objects.get(bloc=world["bloc"], unit=world["unit_b"]).pk,
        registration=registration.pk,
        criterion=criterion.pk,
        report=report.pk,
        evidence=evidence.pk,
        initiative=Initiative.objects.create(person=person_a, year=2020, name="Sáng kiến", created_by=admin).pk,
        draft=draft.pk,
        draft_line=ProposalLine.objects.create(proposal=draft, title=titles["bang-khen-tinh"], unit=world["unit_b"]).pk,
        sent=sent.pk,
        sent_line=ProposalLine.objects.create(proposal=sent, title=titles["ldtt"], person=person_b).pk,
        pdf_name="list",
        uidb64="MQ",
        token="invalid-token",
    )


KWARG_NAMES = {
    "campaign": "campaign_id",
    "kind": "kind",
    "part": "part_id",
    "unit_a": "unit_id",
    "unit_b": "unit_id",
    "staff_import": "import_id",
    "bloc": "bloc_id",
    "membership": "membership_id",
    "registration": "registration_id",
    "criterion": "criterion_id",
    "report": "report_id",
    "evidence": "evidence_id",
    "initiative": "initiative_id",
    "draft": "proposal_id",
    "sent": "proposal_id",
    "draft_line": "line_id",
    "sent_line": "line_id",
    "pdf_name": "name",
    "uidb64": "uidb64",
    "token": "token",
}


@pytest.mark.parametrize("role_index, role", list(enumerate(ROLES)))
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(client, world, objects, name, role_index, role):
    method, arguments, statuses = MATRIX[name]
    kwargs = {KWARG_NAMES[arg]: getattr(objects, arg) for arg in arguments.split()}
    url = reverse(name, kwargs=kwargs)
    if role != "anonymous":
        client.force_login(world[role])
    client.raise_request_exception = False
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, POST_DATA.get(name, {}))
    expected = int(statuses.split()[role_index])
    assert response.status_code == expected, f"{role} {method.upper()} {url}"
    if expected == 302 and role == "anonymous" and name not in {"logout", "set_language"}:
        assert response["Location"].startswith(reverse("login"))
