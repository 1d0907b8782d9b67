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
  O  emulation office of the province that A and B belong to
  P  emulation office of the other province (C's)
"""

import copy
from datetime import date
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from awards.models import (
    AchievementReport,
    AwardDecision,
    AwardPublication,
    AwardQuota,
    BallotSeat,
    BandRequirement,
    CertificateCode,
    CouncilBallot,
    Initiative,
    Proposal,
    ProposalLine,
    Rule,
    RuleSet,
    SignedDecision,
)
from campaigns.models import Milestone, Title
from honours.models import RegisterExport
from organisation.models import BlocMembership, CouncilMember, Person, SheetImport
from registrations.models import Registration
from scoring.models import (
    Band,
    Criterion,
    EventKind,
    Evidence,
    MidyearReport,
    Objection,
    Ranking,
    Scorecard,
    TieRule,
    UnitEvent,
)
from tests.conftest import session_of

ROLES = ["anonymous", "clerk_a", "clerk_b", "leader_c", "member", "admin", "office", "office_other"]

# name: (method, arguments, expected status per role N A B C M X)
MATRIX = {
    "dashboard": ("get", "", "302 200 200 200 200 200 200 200"),
    "notifications:list": ("get", "", "302 200 200 200 200 200 200 200"),
    "notifications:settings": ("get", "", "302 200 200 200 200 200 200 200"),
    "campaigns:list": ("get", "", "302 200 200 200 200 200 200 200"),
    "campaigns:import": ("get", "", "302 200 200 200 403 200 200 200"),
    "campaigns:detail": ("get", "campaign", "302 200 200 404 200 200 200 404"),
    "campaigns:edit": ("get", "campaign", "302 200 403 404 403 200 200 404"),
    "campaigns:part_new": ("get", "campaign kind", "302 200 403 404 403 200 200 404"),
    "campaigns:items_paste": ("get", "campaign", "302 200 403 404 403 200 200 404"),
    "campaigns:history": ("get", "campaign", "302 200 403 404 403 200 200 404"),
    "campaigns:part_edit": ("get", "campaign kind part", "302 200 403 404 403 200 200 404"),
    "campaigns:part_delete": ("post", "campaign kind part", "302 302 403 404 403 302 302 404"),
    "organisation:unit_detail": ("get", "unit_a", "302 200 404 404 200 200 200 404"),
    "organisation:staff_template": ("get", "unit_a", "302 200 404 404 403 200 200 404"),
    "organisation:staff_import": ("get", "unit_a", "302 200 404 404 403 200 200 404"),
    "organisation:staff_import_confirm": ("post", "unit_a staff_import", "302 302 404 404 403 404 404 404"),
    "organisation:bloc_list": ("get", "", "302 200 200 200 200 200 200 200"),
    "organisation:bloc_detail": ("get", "bloc", "302 200 200 404 200 200 200 404"),
    "organisation:bloc_member_set": ("post", "bloc", "302 403 403 404 403 400 400 404"),
    "organisation:bloc_members_add": ("post", "bloc", "302 403 403 404 403 400 400 404"),
    "organisation:bloc_member_remove": ("post", "bloc membership", "302 403 403 404 403 302 302 404"),
    "registrations:overview": ("get", "campaign", "302 200 302 404 200 200 200 404"),
    "registrations:edit": ("get", "campaign unit_b", "302 302 302 404 302 302 302 404"),
    "registrations:sheet_download": ("get", "campaign", "302 200 403 404 403 403 403 404"),
    "registrations:sheet_forward": ("post", "campaign", "302 302 403 404 403 403 403 404"),
    "registrations:detail": ("get", "registration", "302 200 200 404 200 200 200 404"),
    "registrations:accept": ("post", "registration", "302 302 403 404 403 403 403 404"),
    "registrations:accept_several": ("post", "campaign", "302 302 403 404 403 403 403 404"),
    "registrations:return": ("post", "registration", "302 400 403 404 403 403 403 404"),
    "registrations:reopen": ("post", "registration", "302 400 403 404 403 403 403 404"),
    "scoring:hub": ("get", "campaign", "302 200 200 404 200 200 200 404"),
    "scoring:policy": ("get", "campaign", "302 200 403 404 403 200 200 404"),
    "scoring:criteria": ("get", "campaign", "302 200 200 404 200 200 200 404"),
    "scoring:criterion_new": ("get", "campaign", "302 200 403 404 403 200 200 404"),
    "scoring:criterion_edit": ("get", "campaign criterion", "302 200 403 404 403 200 200 404"),
    "scoring:criterion_delete": ("post", "campaign criterion", "302 302 403 404 403 302 302 404"),
    "scoring:criteria_download": ("get", "campaign", "302 200 200 404 200 200 200 404"),
    "scoring:criteria_import": ("get", "campaign", "302 200 403 404 403 200 200 404"),
    "scoring:criteria_from_plan": ("get", "campaign", "302 200 403 404 403 200 200 404"),
    "scoring:bands_from_plan": ("post", "campaign", "302 302 403 404 403 302 302 404"),
    "scoring:classification": ("get", "campaign", "302 200 403 404 403 200 200 404"),
    "scoring:band_new": ("get", "campaign", "302 200 403 404 403 200 200 404"),
    "scoring:band_edit": ("get", "campaign band", "302 200 403 404 403 200 200 404"),
    "scoring:band_delete": ("post", "campaign band", "302 302 403 404 403 302 302 404"),
    "scoring:event_kind_new": ("get", "campaign", "302 200 403 404 403 200 200 404"),
    "scoring:event_kind_edit": ("get", "campaign event_kind", "302 200 403 404 403 200 200 404"),
    "scoring:event_kind_delete": ("post", "campaign event_kind", "302 302 403 404 403 302 302 404"),
    "scoring:unit_event_record": ("post", "campaign", "302 400 403 404 403 400 400 404"),
    "scoring:unit_event_remove": ("post", "campaign unit_event", "302 302 403 404 403 302 302 404"),
    "scoring:tie_rule_new": ("get", "campaign", "302 200 403 404 403 200 200 404"),
    "scoring:tie_rule_edit": ("get", "campaign tie_rule", "302 200 403 404 403 200 200 404"),
    "scoring:tie_rule_delete": ("post", "campaign tie_rule", "302 302 403 404 403 302 302 404"),
    "scoring:report": ("get", "campaign unit_b", "302 404 200 404 404 404 404 404"),
    "scoring:report_download": ("get", "campaign report", "302 200 200 404 200 200 200 404"),
    "scoring:self": ("get", "campaign unit_b", "302 404 200 404 404 404 404 404"),
    "scoring:evidence_download": ("get", "campaign evidence", "302 200 200 404 200 200 200 404"),
    "scoring:score": ("get", "campaign unit_b", "302 200 403 404 403 403 403 404"),
    "scoring:criteria_import_confirm": ("post", "campaign criteria_import", "302 400 403 404 403 404 404 404"),
    "scoring:figures_download": ("get", "campaign unit_b", "302 404 200 404 404 404 404 404"),
    "scoring:figure_correct": ("get", "campaign unit_b criterion", "302 302 403 404 403 403 403 404"),
    "scoring:ranking": ("get", "campaign", "302 200 403 404 200 200 200 404"),
    "scoring:ranking_finalise": ("post", "campaign", "302 302 403 404 403 403 403 404"),
    "scoring:agree": ("post", "campaign", "302 302 403 404 403 403 403 404"),
    "scoring:ranking_reopen": ("post", "campaign", "302 302 403 404 403 403 403 404"),
    "scoring:ranking_publish": ("post", "campaign", "302 302 403 404 403 403 403 404"),
    "scoring:results": ("get", "campaign", "302 200 200 404 200 200 200 404"),
    "scoring:objection_send": ("post", "campaign unit_b", "302 404 400 404 404 404 404 404"),
    "scoring:objection_answer": ("post", "campaign objection", "302 400 403 404 403 403 403 404"),
    "scoring:ranking_download": ("get", "campaign", "302 200 403 404 200 200 200 404"),
    "scoring:scores_download": ("get", "campaign", "302 200 403 404 200 200 200 404"),
    "scoring:vote": ("get", "campaign", "302 200 403 404 200 200 200 404"),
    "scoring:progress": ("get", "campaign", "302 200 403 404 200 200 200 404"),
    "awards:index": ("get", "", "302 200 200 200 200 200 200 200"),
    "awards:titles": ("get", "", "302 200 200 200 200 200 200 200"),
    "awards:initiatives": ("get", "", "302 200 200 200 200 200 200 200"),
    "awards:initiative_decide": ("post", "initiative", "302 403 404 404 302 302 403 404"),
    "awards:campaign": ("get", "campaign", "302 200 200 404 200 200 200 404"),
    "awards:create": ("post", "campaign", "302 302 403 404 403 403 403 404"),
    "awards:detail": ("get", "draft", "302 200 404 404 404 200 200 404"),
    "awards:update": ("post", "draft", "302 400 404 404 404 400 403 404"),
    "awards:line_add": ("post", "draft", "302 400 404 404 404 400 403 404"),
    "awards:line_change": ("post", "draft draft_line", "302 302 404 404 404 302 403 404"),
    "awards:submit": ("post", "draft", "302 302 404 404 404 302 403 404"),
    "awards:recall": ("post", "sent", "302 302 404 404 403 302 403 404"),
    "awards:return": ("post", "sent", "302 403 404 404 403 400 403 404"),
    # B's unit is awarded by the decided proposal: it reads it, its papers and its certificate, and acts on nothing.
    "awards:forward": ("post", "decided", "302 400 403 404 403 400 403 404"),
    "awards:ballot_open": ("post", "sent", "302 403 404 404 403 400 403 404"),
    "awards:ballot": ("get", "voting", "302 200 404 404 200 200 200 404"),
    "awards:ballot_cast": ("post", "voting", "302 403 404 404 302 403 403 404"),
    "awards:ballot_close": ("post", "voting", "302 403 404 404 403 302 403 404"),
    "awards:decision": ("get", "decided", "302 403 403 404 403 200 403 404"),
    "awards:file": ("get", "decided file_kind", "302 200 200 404 200 200 200 404"),
    "awards:certificate": ("get", "decided awarded_line", "302 200 200 404 200 200 200 404"),
    "awards:list_download": ("get", "draft", "302 200 404 404 404 200 200 404"),
    "awards:document": ("get", "draft pdf_name", "302 200 404 404 404 200 200 404"),
    "awards:report_template": ("get", "sent sent_line", "302 200 404 404 200 200 200 404"),
    "awards:report_file": ("get", "sent sent_line", "302 200 404 404 200 200 200 404"),
    "awards:report_upload": ("post", "sent sent_line", "302 302 404 404 403 302 403 404"),
    "awards:signed_upload": ("post", "decided", "302 403 403 404 403 302 403 404"),
    "awards:publications": ("get", "", "302 403 403 403 403 200 200 200"),
    "awards:publication_switch": ("post", "authority year", "302 403 403 403 403 302 302 403"),
    # The public side: no login, the same for everyone.
    "public:awards": ("get", "", "200 200 200 200 200 200 200 200"),
    "public:awards_year": ("get", "authority year", "200 200 200 200 200 200 200 200"),
    "public:certificate_form": ("get", "", "200 200 200 200 200 200 200 200"),
    "public:certificate": ("get", "code", "200 200 200 200 200 200 200 200"),
    "public:signed_decision": ("get", "decision", "200 200 200 200 200 200 200 200"),
    "honours:register": ("get", "", "302 200 200 200 200 200 200 200"),
    "honours:export": ("get", "", "302 200 200 200 200 200 200 200"),
    # A large export is its requester's alone (clerk A's here), the administrator included.
    "honours:export_file": ("get", "register_export", "302 200 404 404 404 404 404 404"),
    "honours:template": ("get", "province", "302 404 404 404 403 200 200 404"),
    "honours:import": ("get", "province", "302 404 404 404 403 200 200 404"),
    "honours:import_confirm": ("post", "province honours_import", "302 404 404 404 403 404 302 404"),
    "honours:statistics": ("get", "province", "302 404 404 404 403 200 200 404"),
    "honours:statistics_download": ("get", "province", "302 404 404 404 403 200 200 404"),
    "login": ("get", "", "200 200 200 200 200 200 200 200"),
    "logout": ("post", "", "302 302 302 302 302 302 302 302"),
    "password_change": ("get", "", "302 200 200 200 200 200 200 200"),
    "password_change_done": ("get", "", "302 200 200 200 200 200 200 200"),
    "password_reset": ("get", "", "200 200 200 200 200 200 200 200"),
    "password_reset_done": ("get", "", "200 200 200 200 200 200 200 200"),
    "password_reset_confirm": ("get", "uidb64 token", "200 200 200 200 200 200 200 200"),
    "password_reset_complete": ("get", "", "200 200 200 200 200 200 200 200"),
    "set_language": ("post", "", "302 302 302 302 302 302 302 302"),
    "invitation_accept": ("get", "uidb64 token", "200 200 200 200 200 200 200 200"),
    "campaigns:act_as": ("post", "campaign", "302 404 403 404 403 403 403 404"),
    "campaigns:copy": ("post", "campaign", "302 302 403 404 403 302 302 404"),
    "campaigns:new": ("get", "", "302 200 200 200 403 200 200 200"),
    "campaigns:status": ("post", "campaign", "302 302 403 404 403 302 302 404"),
    "organisation:account_invite": ("get", "", "302 200 200 200 403 200 200 200"),
    "organisation:account_resend": ("post", "account", "302 404 403 404 404 302 302 404"),
    "organisation:account_set_active": ("post", "account", "302 404 403 404 404 302 302 404"),
    "organisation:accounts": ("get", "", "302 200 200 200 403 200 200 200"),
    "organisation:accounts_import": ("get", "", "302 200 200 200 403 200 200 200"),
    "organisation:accounts_import_confirm": ("post", "accounts_import", "302 404 404 404 403 404 302 404"),
    "organisation:accounts_template": ("get", "", "302 200 200 200 403 200 200 200"),
    "organisation:bloc_edit": ("get", "bloc", "302 403 403 404 403 200 200 404"),
    "organisation:bloc_new": ("get", "", "302 403 403 403 403 200 200 200"),
    "organisation:bloc_year_copy": ("post", "bloc year", "302 403 403 404 403 400 400 404"),
    "organisation:council_detail": ("get", "council", "302 404 404 404 200 200 200 404"),
    "organisation:council_edit": ("get", "council", "302 404 404 404 403 200 200 404"),
    "organisation:council_member_add": ("post", "council", "302 404 404 404 403 400 400 404"),
    "organisation:council_members_add": ("post", "council", "302 404 404 404 403 400 400 404"),
    "organisation:council_members_template": ("get", "council", "302 404 404 404 403 200 200 404"),
    "organisation:council_members_import": ("get", "council", "302 404 404 404 403 200 200 404"),
    "organisation:council_members_import_confirm": (
        "post",
        "council council_import",
        "302 404 404 404 403 404 302 404",
    ),
    "organisation:council_member_remove": ("post", "council seat", "302 404 404 404 403 302 302 404"),
    "organisation:councils": ("get", "", "302 200 200 200 200 200 200 200"),
    "organisation:council_new": ("get", "", "302 403 403 403 403 200 200 200"),
    "organisation:tree_export": ("get", "province", "302 404 404 404 403 200 200 404"),
    "organisation:tree_import": ("get", "province", "302 404 404 404 403 200 200 404"),
    "organisation:import_report": ("get", "refused_import", "302 404 404 404 404 404 200 404"),
    "organisation:tree_import_confirm": ("post", "province tree_import", "302 404 404 404 403 404 302 404"),
    "organisation:unit_edit": ("get", "unit_a", "302 403 404 404 403 200 200 404"),
    "organisation:unit_new": ("get", "", "302 403 403 403 403 200 200 200"),
    "organisation:unit_set_active": ("post", "unit_a_sub", "302 403 404 404 404 302 302 404"),
    "organisation:units": ("get", "", "302 403 403 403 403 200 200 200"),
    "organisation:merges": ("get", "", "302 403 403 403 403 200 200 200"),
    "awards:rule_book": ("get", "", "302 403 403 403 403 200 200 200"),
    "awards:rule_set_new": ("get", "", "302 403 403 403 403 200 200 200"),
    "awards:rule_set": ("get", "own_rule_set", "302 200 200 404 200 200 200 404"),
    "awards:rule_set_edit": ("get", "own_rule_set", "302 403 403 404 403 200 200 404"),
    "awards:rule_set_title": ("get", "own_rule_set title", "302 403 403 404 403 200 200 404"),
    "awards:rule_remove": ("post", "own_rule_set rule", "302 403 403 404 403 302 302 404"),
    "awards:rule_set_adopt": ("post", "national_rule_set", "302 403 403 403 403 404 404 404"),
    "awards:base_salaries": ("get", "", "302 403 403 403 403 200 200 200"),
    "awards:base_salary_add": ("post", "", "302 403 403 403 403 400 403 403"),
    "awards:campaign_limits": ("get", "campaign", "302 200 403 404 403 200 200 404"),
    "awards:quota_add": ("post", "campaign", "302 400 403 404 403 400 400 404"),
    "awards:quota_delete": ("post", "campaign quota", "302 302 403 404 403 302 302 404"),
    "awards:band_requirement_add": ("post", "campaign", "302 400 403 404 403 400 400 404"),
    "awards:band_requirement_delete": ("post", "campaign band_requirement", "302 302 403 404 403 302 302 404"),
    "awards:campaign_rules": ("get", "campaign", "302 200 200 404 200 200 200 404"),
    "awards:campaign_rules_choose": ("post", "campaign", "302 403 403 404 403 400 400 404"),
}

POST_DATA = {
    "awards:create": {"kind": "bloc"},
    # The irreversible steps act on the confirmation; without it they answer with the page that asks.
    "scoring:ranking_publish": {"confirm": "1"},
    "awards:submit": {"confirm": "1"},
    "awards:ballot_close": {"confirm": "1"},
    "awards:line_change": {"version": 0, "fields": "outstanding"},
    "set_language": {"language": "vi", "next": "/"},
}


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
def world(shared_world, db):
    """A copy of the module's world for each case: a login leaves its last_login on the user it is given."""
    return copy.deepcopy(shared_world)


@pytest.fixture(scope="module")
def objects(shared_world, django_db_blocker):
    """One of each object of the campaign, most of them B's or A's, made once for all the module's cases.

    Made in the module's transaction (shared_world): each case's savepoint rolls back what its request changed.
    Their files stay on disk for the whole module: a request that replaces a file deletes the old one only on
    commit, which never comes.
    """
    with django_db_blocker.unblock():
        return make_objects(shared_world)


@pytest.fixture(scope="module")
def sessions(shared_world, django_db_blocker):
    """A signed-in session of each role's user, made once in the module's transaction: each case only sends its
    cookie (a login in every case was a seventh of the module's time). A request that ends or renews its session
    does so in the case's savepoint, rolled back."""
    with django_db_blocker.unblock():
        return {role: session_of(shared_world[role]) for role in ROLES if role != "anonymous"}


def make_objects(world):
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
    ranking = Ranking.objects.create(
        campaign=campaign,
        compiler=world["unit_a"],
        status="final",
        finalised_at=timezone.now(),
        published_at=timezone.now(),
        objections_until=date(2100, 1, 1),
    )
    # On a line of its own: a scored line cannot be deleted, and the matrix deletes `criterion`.
    objected = Criterion.objects.create(campaign=campaign, position=2, text="Cải cách hành chính", max_points=10)
    objection = Objection.objects.create(
        ranking=ranking, unit=world["unit_b"], criterion=objected, text="Kiến nghị", created_by=world["clerk_b"]
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
    voting = Proposal.objects.create(
        campaign=campaign,
        kind="bloc",
        proposer=world["unit_a"],
        council=world["council"],
        summary="Đang bỏ phiếu",
        status="submitted",
        created_by=admin,
    )
    ProposalLine.objects.create(proposal=voting, title=titles["bang-khen-tinh"], unit=world["unit_b"])
    ballot = CouncilBallot.objects.create(
        proposal=voting, held_on=date(2021, 3, 5), member_count=2, quorum=50, quorum_source="x", opened_by=admin
    )
    for user in (world["secretary"], world["member"]):
        BallotSeat.objects.create(ballot=ballot, user=user, position="member", name=user.username)
    decided = Proposal.objects.create(
        campaign=campaign,
        kind="bloc",
        proposer=world["unit_a"],
        council=world["council"],
        summary="Đã quyết định",
        status="approved",
        created_by=admin,
    )
    awarded_line = ProposalLine.objects.create(
        proposal=decided, title=titles["bang-khen-tinh"], unit=world["unit_b"], decision="approved"
    )
    CouncilBallot.objects.create(
        proposal=decided,
        status="closed",
        held_on=date(2021, 3, 5),
        member_count=2,
        quorum=50,
        quorum_source="x",
        opened_by=admin,
    )
    decision = AwardDecision.objects.create(
        proposal=decided,
        authority=world["province"],
        year=2021,
        number="1/QĐ-UBND",
        place="Thử",
        dated=date(2021, 3, 15),
        issuing_body="Ủy ban nhân dân tỉnh Thử",
        grantor="Chủ tịch Ủy ban nhân dân tỉnh Thử",
        summary="Về việc khen thưởng",
        bases="Căn cứ",
        achievement="đã có thành tích",
        article_2="Tiền thưởng.",
        article_3="Thi hành.",
        recipients="- Lưu: VT.",
        signing_authority="CHỦ TỊCH",
        signer_name="Lê Văn Hòa",
        created_by=admin,
    )
    sent_line = ProposalLine.objects.create(proposal=sent, title=titles["ldtt"], person=person_b)
    report_file = AchievementReport(line=sent_line, original_name="bc.pdf", size=8, sha256="0" * 64)
    report_file.file.save("bctt.pdf", ContentFile(b"%PDF-1.4"), save=False)
    report_file.uploaded_by, report_file.uploaded_at = admin, timezone.now()
    report_file.save()
    signed = SignedDecision(
        decision=decision,
        decision_version=decision.version,
        size=8,
        sha256="0" * 64,
        signer_name="Lê Văn Hòa",
        signer_subject="CN=Lê Văn Hòa",
        signer_issuer="CN=CA thử",
        signer_serial="1",
        certificate_valid_from=timezone.now(),
        certificate_valid_to=timezone.now(),
        signed_at=timezone.now(),
        uploaded_by=admin,
        uploaded_at=timezone.now(),
    )
    signed.file.save("ky-so.pdf", ContentFile(b"%PDF-1.4"), save=True)
    AwardPublication.objects.create(authority=world["province"], year=campaign.year, published_by=admin)
    own_rule_set = RuleSet.objects.create(
        owner=world["province"],
        code="u-thu",
        name="Quy định tỉnh Thử",
        legal_source="QĐ 1/2020",
        valid_from=date(2020, 1, 1),
    )
    band = Band.objects.create(campaign=campaign, position=1, name="Hoàn thành xuất sắc", min_total=95)
    event_kind = EventKind.objects.create(campaign=campaign, name="Tham nhũng", effect="sets", band=band)
    return SimpleNamespace(
        authority=world["province"].pk,
        decision=decision.pk,
        code=CertificateCode.objects.create(line=awarded_line, code="ABCD2345EF").code,
        campaign=campaign.pk,
        voting=voting.pk,
        decided=decided.pk,
        file_kind="decision",
        awarded_line=awarded_line.pk,
        kind="milestones",
        part=Milestone.objects.create(campaign=campaign, kind="other", name="Mốc", due_on=date(2020, 6, 1)).pk,
        unit_a=world["unit_a"].pk,
        unit_b=world["unit_b"].pk,
        staff_import=SheetImport.objects.create(
            unit=world["unit_a"], file_name="ds.xlsx", rows=[], uploaded_by=world["clerk_a"]
        ).pk,
        criteria_import=SheetImport.objects.create(
            kind="criteria", unit=world["unit_a"], file_name="td.xlsx", rows=[], uploaded_by=world["clerk_a"]
        ).pk,
        bloc=world["bloc"].pk,
        register_export=RegisterExport.objects.create(requested_by=world["clerk_a"]).pk,
        membership=BlocMembership.objects.get(bloc=world["bloc"], unit=world["unit_b"]).pk,
        registration=registration.pk,
        criterion=criterion.pk,
        objection=objection.pk,
        report=report.pk,
        evidence=evidence.pk,
        initiative=Initiative.objects.create(person=person_a, year=2020, name="Sáng kiến", created_by=admin).pk,
        draft=draft.pk,
        draft_line=ProposalLine.objects.create(proposal=draft, title=titles["bang-khen-tinh"], unit=world["unit_b"]).pk,
        sent=sent.pk,
        sent_line=sent_line.pk,
        pdf_name="list",
        uidb64="MQ",
        token="invalid-token",
        province=world["province"].pk,
        unit_a_sub=world["unit_a_sub"].pk,
        tree_import=SheetImport.objects.create(
            kind="units", unit=world["province"], file_name="cay.xlsx", rows=[], uploaded_by=world["office"]
        ).pk,
        honours_import=SheetImport.objects.create(
            kind="honours", unit=world["province"], file_name="so.xlsx", rows=[], uploaded_by=world["office"]
        ).pk,
        accounts_import=SheetImport.objects.create(
            kind="accounts", unit=world["province"], file_name="tk.xlsx", rows=[], uploaded_by=world["office"]
        ).pk,
        council_import=SheetImport.objects.create(
            kind="council", unit=world["province"], file_name="hd.xlsx", rows=[], uploaded_by=world["office"]
        ).pk,
        refused_import=SheetImport.objects.create(
            kind="units",
            unit=world["province"],
            file_name="cay.xlsx",
            errors=[[2, "Sai"]],
            status="refused",
            uploaded_by=world["office"],
        ).pk,
        council=world["council"].pk,
        seat=CouncilMember.objects.get(user=world["member"]).pk,
        account=world["clerk_b"].pk,
        year=2020,
        own_rule_set=own_rule_set.pk,
        national_rule_set=RuleSet.objects.get(code="luat-2022-nd-152-2025").pk,
        rule=Rule.objects.create(
            rule_set=own_rule_set, title=titles["ldtt"], kind="requires_initiative", legal_source="QĐ 1/2020, Điều 1"
        ).pk,
        title=titles["ldtt"].pk,
        band=band.pk,
        event_kind=event_kind.pk,
        unit_event=UnitEvent.objects.create(
            kind=event_kind, unit=world["unit_b"], note="QĐ 1", recorded_by=world["clerk_a"]
        ).pk,
        tie_rule=TieRule.objects.create(campaign=campaign, position=1, kind="fewer_deductions").pk,
        quota=AwardQuota.objects.create(
            campaign=campaign, title=titles["bang-khen-tinh"], base="collectives", percent=10
        ).pk,
        band_requirement=BandRequirement.objects.create(
            campaign=campaign, title=titles["co-thi-dua-tinh"], band=band
        ).pk,
    )


KWARG_NAMES = {
    "campaign": "campaign_id",
    "kind": "kind",
    "part": "part_id",
    "unit_a": "unit_id",
    "unit_b": "unit_id",
    "staff_import": "import_id",
    "criteria_import": "import_id",
    "bloc": "bloc_id",
    "membership": "membership_id",
    "registration": "registration_id",
    "criterion": "criterion_id",
    "objection": "objection_id",
    "report": "report_id",
    "evidence": "evidence_id",
    "initiative": "initiative_id",
    "draft": "proposal_id",
    "sent": "proposal_id",
    "draft_line": "line_id",
    "sent_line": "line_id",
    "voting": "proposal_id",
    "decided": "proposal_id",
    "file_kind": "kind",
    "awarded_line": "line_id",
    "pdf_name": "name",
    "uidb64": "uidb64",
    "token": "token",
    "province": "unit_id",
    "unit_a_sub": "unit_id",
    "tree_import": "import_id",
    "accounts_import": "import_id",
    "council_import": "import_id",
    "honours_import": "import_id",
    "refused_import": "import_id",
    "register_export": "export_id",
    "council": "council_id",
    "seat": "seat_id",
    "account": "account_id",
    "year": "year",
    "authority": "authority_id",
    "decision": "decision_id",
    "code": "code",
    "own_rule_set": "rule_set_id",
    "national_rule_set": "rule_set_id",
    "rule": "rule_id",
    "title": "title_id",
    "band": "band_id",
    "event_kind": "kind_id",
    "unit_event": "event_id",
    "tie_rule": "rule_id",
    "quota": "quota_id",
    "band_requirement": "requirement_id",
}


@pytest.mark.parametrize("role_index, role", list(enumerate(ROLES)))
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(client, db, sessions, objects, name, role_index, role):
    # The public pages count requests per address; each case starts afresh.
    cache.clear()
    method, arguments, statuses = MATRIX[name]
    kwargs = {KWARG_NAMES[arg]: getattr(objects, arg) for arg in arguments.split()}
    url = reverse(name, kwargs=kwargs)
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
    client.raise_request_exception = False
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, POST_DATA.get(name, {}))
    expected = int(statuses.split()[role_index])
    assert response.status_code == expected, f"{role} {method.upper()} {url}"
    if expected == 302 and role == "anonymous" and name not in {"logout", "set_language"}:
        assert response["Location"].startswith(reverse("login"))
