"""Odd input thrown at every form and upload: never a server error, never anything half saved.

Each example runs in a transaction rolled back afterwards, so examples do not
see each other's writes. Each test also reaches its save path at least once
(an `@example` of valid input), so its invariants are checked on what a form
saved, not only on what it refused.
"""

from contextlib import contextmanager
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from activity.models import ActivityLog
from awards.models import Proposal, ProposalLine
from campaigns.models import ContentItem, Milestone, Phase
from organisation.models import BlocMembership, Person, SheetImport
from registrations.models import Registration
from scoring.models import Criterion, MidyearReport, Score, Scorecard, SelfScore
from tests.conftest import DEMO_PASSWORD

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Overlong text, control characters, combining marks, right-to-left, emoji, surrogates excluded.
odd_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=2000, max_size=6000),
    st.sampled_from(["", " ", "\x00", "đ̛̣", "<script>alert(1)</script>", "' OR 1=1 --", "١٢٣", "🏅" * 50]),
)
odd_number = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["8,5", "8.555", "1e9", "-0", "NaN", "10,00001", "٨"]),
)
odd_date = st.one_of(
    st.text(max_size=20),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.sampled_from(["31/02/2020", "00/00/0000", "2020-13-01", "1/1/1", "99999/1/1"]),
)
odd_bytes = st.one_of(
    st.binary(max_size=4096),
    st.sampled_from([b"", b"%PDF-", b"PK\x03\x04", b"PK\x03\x04" + b"\x00" * 100, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]),
)


def counts(*models):
    return {model.__name__: model.objects.count() for model in models}


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# The responses of the running test that saved something; `reaches_its_save_path` empties it for each test.
SAVED = []


@pytest.fixture(autouse=True)
def reaches_its_save_path():
    SAVED.clear()
    yield
    assert SAVED, "no example reached the save path, so the invariants were never checked on saved input"


def saved(response, status=302):
    """Whether the form saved; counted for `reaches_its_save_path`."""
    if response.status_code == status:
        SAVED.append(response)
        return True
    return False


def check(response, before, *models, saved_status=302):
    """No 500; and when the input was refused, nothing changed."""
    assert response.status_code < 500, response.status_code
    if not saved(response, saved_status):
        assert counts(*models) == before


# Valid examples name the world's objects, whose ids are known only inside the test.
def pk_of(value, world):
    # Only an example's names: the fuzzed text may start with "@" too, and is then posted as it is.
    named = isinstance(value, str) and value.startswith("@") and value[1:] in world
    return str(world[value[1:]].pk) if named else value


@pytest.fixture
def fuzz(world, login):
    client = login(world["leader"])
    client.raise_request_exception = False
    item = ContentItem.objects.create(campaign=world["campaign"], position=1, label="1", text="Nhiệm vụ")
    criterion = Criterion.objects.create(campaign=world["campaign"], position=1, text="Nhiệm vụ", max_points=10)
    return {**world, "client": client, "item": item, "criterion": criterion}


@FUZZ
@example(number="1", name="Đợt 1", starts="01/01/2020", ends="30/05/2020", description="")
@given(number=odd_number, name=odd_text, starts=odd_date, ends=odd_date, description=odd_text)
def test_phase_form(fuzz, number, name, starts, ends, description):
    with rolled_back():
        before = counts(Phase, ActivityLog)
        response = fuzz["client"].post(
            reverse("campaigns:part_new", args=[fuzz["campaign"].pk, "phases"]),
            {"number": number, "name": name, "starts_on": starts, "ends_on": ends, "description": description},
        )
        check(response, before, Phase, ActivityLog)
        for phase in Phase.objects.all():
            assert phase.starts_on <= phase.ends_on and phase.starts_on.year == 2020


@FUZZ
@example(kind="midyear_report", name="Báo cáo sơ kết", actor="members", due="15/06/2020", start="", end="")
@given(kind=odd_text, name=odd_text, actor=odd_text, due=odd_date, start=odd_date, end=odd_date)
def test_milestone_form(fuzz, kind, name, actor, due, start, end):
    with rolled_back():
        before = counts(Milestone, ActivityLog)
        response = fuzz["client"].post(
            reverse("campaigns:part_new", args=[fuzz["campaign"].pk, "milestones"]),
            {
                "kind": kind,
                "name": name,
                "actor": actor,
                "due_on": due,
                "window_starts_on": start,
                "window_ends_on": end,
                "confirm": "1",  # a date past or outside the year is kept once confirmed
            },
        )
        check(response, before, Milestone, ActivityLog)


@FUZZ
@example(name="Phong trào thi đua năm 2020", year="2020", slogan="", days="14,7,1", version="1", issued="")
@given(name=odd_text, year=odd_number, slogan=odd_text, days=odd_text, version=odd_number, issued=odd_date)
def test_campaign_form(fuzz, name, year, slogan, days, version, issued):
    with rolled_back():
        before = counts(ActivityLog)
        response = fuzz["client"].post(
            reverse("campaigns:edit", args=[fuzz["campaign"].pk]),
            {
                "name": name,
                "year": year,
                "slogan": slogan,
                "reminder_days": days,
                "version": version,
                "issued_on": issued,
                "status": "active",
            },
        )
        check(response, before, ActivityLog)


@FUZZ
@example(unit="@unit_a_sub", year="2020", role="member")
@given(unit=odd_number, year=odd_number, role=odd_text)
def test_bloc_membership_form(fuzz, unit, year, role):
    unit = pk_of(unit, fuzz)
    client = fuzz["client"]
    client.force_login(fuzz["admin"])
    with rolled_back():
        before = counts(BlocMembership, ActivityLog)
        response = client.post(
            reverse("organisation:bloc_member_set", args=[fuzz["bloc"].pk]), {"unit": unit, "year": year, "role": role}
        )
        check(response, before, BlocMembership, ActivityLog)


@FUZZ
@example(text="Hoàn thành xuất sắc nhiệm vụ", version="0", action="save", extra="")
@given(text=odd_text, version=odd_number, action=st.sampled_from(["save", "submit", "", "delete"]), extra=odd_text)
def test_registration_form(fuzz, text, version, action, extra):
    client = fuzz["client"]
    client.force_login(fuzz["clerk_b"])
    with rolled_back():
        before = counts(Registration, ActivityLog)
        response = client.post(
            reverse("registrations:edit", args=[fuzz["campaign"].pk, fuzz["unit_b"].pk]),
            {"version": version, "action": action, f"item_{fuzz['item'].pk}_text": text, "individual_1_1": extra},
        )
        assert response.status_code < 500, response.status_code
        if not saved(response) and not (action == "submit" and response.status_code == 400):
            assert counts(Registration, ActivityLog) == before
        for registration in Registration.objects.all():
            # A refused send keeps the draft it saved: whole, with its mandatory item, and not sent.
            assert registration.items.count() == 1
            assert registration.status == (
                "submitted" if response.status_code == 302 and action == "submit" else "draft"
            )


@FUZZ
@example(points="8", comment="Có minh chứng", upload=b"%PDF-1.4 minh chung", action="save")
@given(points=odd_number, comment=odd_text, upload=odd_bytes, action=st.sampled_from(["save", "submit"]))
def test_self_assessment_form(fuzz, points, comment, upload, action):
    client = fuzz["client"]
    client.force_login(fuzz["clerk_b"])
    pk = fuzz["criterion"].pk
    with rolled_back():
        before = counts(Scorecard, SelfScore)
        response = client.post(
            reverse("scoring:self", args=[fuzz["campaign"].pk, fuzz["unit_b"].pk]),
            {
                "version": 0,
                "action": action,
                f"points_{pk}": points,
                f"comment_{pk}": comment,
                f"evidence_{pk}": SimpleUploadedFile("x.pdf", upload),
            },
        )
        assert response.status_code < 500, response.status_code
        if not saved(response) and not (action == "submit" and response.status_code == 400):
            assert counts(Scorecard, SelfScore) == before
        for score in SelfScore.objects.all():
            assert 0 <= score.points <= 10


@FUZZ
@example(points="8,5")
@given(points=odd_number)
def test_score_form(fuzz, points):
    with rolled_back():
        before = counts(Score, ActivityLog)
        response = fuzz["client"].post(
            reverse("scoring:score", args=[fuzz["campaign"].pk, fuzz["unit_b"].pk]),
            {f"points_{fuzz['criterion'].pk}": points, "version": 0},
        )
        check(response, before, Score, ActivityLog)
        for score in Score.objects.all():
            assert 0 <= score.points <= 10 and score.points == score.points.quantize(score.points.__class__("0.01"))


@FUZZ
@example(data=b"%PDF-1.4 bao cao so ket", name="bao-cao")
@given(data=odd_bytes, name=odd_text)
def test_uploads_are_checked_by_content(fuzz, data, name):
    client = fuzz["client"]
    client.force_login(fuzz["clerk_b"])
    with rolled_back():
        before = counts(MidyearReport, SheetImport, Person, Criterion)
        safe_name = (name.replace("\x00", "").replace("/", "") or "f")[:80] + ".pdf"
        response = client.post(
            reverse("scoring:report", args=[fuzz["campaign"].pk, fuzz["unit_b"].pk]),
            {"file": SimpleUploadedFile(safe_name, data)},
        )
        check(response, before, MidyearReport, SheetImport, Person, Criterion)
        if response.status_code == 302:
            assert data.startswith((b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))
        client.force_login(fuzz["clerk_a"])
        response = client.post(
            reverse("organisation:staff_import", args=[fuzz["unit_a"].pk]),
            {"file": SimpleUploadedFile("ds.xlsx", data)},
        )
        assert response.status_code in {200, 400}
        assert Person.objects.count() == before["Person"]
        response = client.post(
            reverse("scoring:criteria_import", args=[fuzz["campaign"].pk]),
            {"file": SimpleUploadedFile("td.xlsx", data)},
        )
        assert response.status_code in {200, 400}  # a preview to confirm, or the refusal
        assert Criterion.objects.count() == before["Criterion"]


@FUZZ
@example(title="bang-khen-tinh", unit="@unit_b", person="", summary="Đề nghị", dated="15/02/2021", version="1")
@given(title=odd_number, unit=odd_number, person=odd_number, summary=odd_text, dated=odd_date, version=odd_number)
def test_proposal_forms(fuzz, title, unit, person, summary, dated, version):
    from campaigns.models import Title

    unit = pk_of(unit, fuzz)
    title = str(Title.objects.get(code=title).pk) if title == "bang-khen-tinh" else title
    client = fuzz["client"]
    with rolled_back():  # the proposal too: its proposer has one draft at a time
        proposal = Proposal.objects.create(
            campaign=fuzz["campaign"],
            kind="bloc",
            proposer=fuzz["unit_a"],
            council=fuzz["council"],
            summary="x",
            created_by=fuzz["admin"],
        )
        before = counts(ProposalLine, ActivityLog)
        response = client.post(
            reverse("awards:line_add", args=[proposal.pk]), {"title": title, "unit": unit, "person": person}
        )
        check(response, before, ProposalLine, ActivityLog)
        response = client.post(
            reverse("awards:update", args=[proposal.pk]), {"summary": summary, "dated": dated, "version": version}
        )
        assert response.status_code < 500


@FUZZ
@example(username="clerk_b", password=DEMO_PASSWORD)
@given(username=odd_text, password=odd_text)
def test_login_form(client, world, username, password):
    from django.core.cache import cache

    cache.clear()
    client.logout()
    client.raise_request_exception = False
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert saved(response) or response.status_code in {200, 429}
    assert (response.status_code == 302) == ((username, password) == ("clerk_b", DEMO_PASSWORD))


@FUZZ
@example(group="I", label="2", text="Cải cách hành chính", maximum="10", kind="regular")
@given(group=odd_text, label=odd_text, text=odd_text, maximum=odd_number, kind=odd_text)
def test_criterion_form(fuzz, group, label, text, maximum, kind):
    with rolled_back():
        before = counts(Criterion, ActivityLog)
        response = fuzz["client"].post(
            reverse("scoring:criterion_new", args=[fuzz["campaign"].pk]),
            {"group": group, "label": label, "text": text, "max_points": maximum, "kind": kind},
        )
        check(response, before, Criterion, ActivityLog)
        assert all(0 < criterion.max_points < 10000 for criterion in Criterion.objects.all())


@FUZZ
@example(rule="leader", cross="", threshold="50", days="5", places="1", rounding="half_up")
@given(rule=odd_text, cross=odd_text, threshold=odd_number, days=odd_number, places=odd_number, rounding=odd_text)
def test_scoring_rules_form(fuzz, rule, cross, threshold, days, places, rounding):
    with rolled_back():
        before = counts(ActivityLog)
        response = fuzz["client"].post(
            reverse("scoring:policy", args=[fuzz["campaign"].pk]),
            {
                "final_rule": rule,
                "cross_scoring": cross,
                "vote_threshold": threshold,
                "objection_days": days,
                "points_places": places,
                "points_rounding": rounding,
            },
        )
        check(response, before, ActivityLog)


@FUZZ
@example(name="Hoàn thành xuất sắc", total="95", zero="on", half="", place="", reason="")
@given(name=odd_text, total=odd_number, zero=odd_text, half=odd_text, place=odd_number, reason=odd_text)
def test_band_form(fuzz, name, total, zero, half, place, reason):
    from scoring.models import Band

    with rolled_back():
        before = counts(Band, ActivityLog)
        response = fuzz["client"].post(
            reverse("scoring:band_new", args=[fuzz["campaign"].pk]),
            {
                "name": name,
                "min_total": total,
                "no_criterion_at_zero": zero,
                "no_part_under_half": half,
                "place": place,
                "reason": reason,
            },
        )
        check(response, before, Band, ActivityLog)


@FUZZ
@example(kind="criterion", criterion="@criterion", figure="", place="1", reason="")
@given(
    kind=st.one_of(odd_text, st.sampled_from(["criterion", "fewer_deductions", "women", "vote", "more_figure"])),
    criterion=st.one_of(odd_number, st.just("@criterion")),
    figure=odd_text,
    place=odd_number,
    reason=odd_text,
)
def test_tie_rule_form(fuzz, kind, criterion, figure, place, reason):
    from scoring.models import TieRule

    with rolled_back():
        before = counts(TieRule, ActivityLog)
        response = fuzz["client"].post(
            reverse("scoring:tie_rule_new", args=[fuzz["campaign"].pk]),
            {"kind": kind, "criterion": pk_of(criterion, fuzz), "figure": figure, "place": place, "reason": reason},
        )
        check(response, before, TieRule, ActivityLog)


@FUZZ
@example(title="bang-khen-tinh", base="collectives", percent="10", rounding="down", reason="")
@given(
    title=st.one_of(odd_number, st.just("bang-khen-tinh")),
    base=st.one_of(odd_text, st.sampled_from(["collectives", "people", "bloc_first"])),
    percent=odd_number,
    rounding=st.one_of(odd_text, st.sampled_from(["down", "up", "half_up"])),
    reason=odd_text,
)
def test_award_quota_form(fuzz, title, base, percent, rounding, reason):
    from awards.models import AwardQuota
    from campaigns.models import Title

    title = str(Title.objects.get(code=title).pk) if title == "bang-khen-tinh" else title
    with rolled_back():
        before = counts(AwardQuota, ActivityLog)
        response = fuzz["client"].post(
            reverse("awards:quota_add", args=[fuzz["campaign"].pk]),
            {"title": title, "base": base, "percent": percent, "rounding": rounding, "reason": reason},
        )
        check(response, before, AwardQuota, ActivityLog)
        assert all(quota.percent is None or 0 < quota.percent <= 100 for quota in AwardQuota.objects.all())


@FUZZ
@example(held_on="15/02/2021", place="Hội trường Sở", notes="", present="on", ballot="")
@given(held_on=odd_date, place=odd_text, notes=odd_text, present=odd_text, ballot=odd_text)
def test_vote_form(fuzz, held_on, place, notes, present, ballot):
    from scoring.models import Ranking, VoteMeeting

    Ranking.objects.get_or_create(
        campaign=fuzz["campaign"],
        compiler=fuzz["unit_a"],
        defaults={"status": "final", "finalised_at": "2021-02-01T00:00Z"},
    )
    with rolled_back():
        before = counts(VoteMeeting)
        response = fuzz["client"].post(
            reverse("scoring:vote", args=[fuzz["campaign"].pk]),
            {
                "held_on": held_on,
                "place": place,
                "notes": notes,
                f"present_{fuzz['unit_b'].pk}": present,
                "ballot_1_2_3": ballot,
                "confirm": "1",  # recording the vote asks once
            },
        )
        check(response, before, VoteMeeting)


@FUZZ
@example(comment="Bổ sung chỉ tiêu về số lượt bạn đọc")
@given(comment=odd_text)
def test_return_form(fuzz, comment):
    with rolled_back():
        registration = Registration.objects.create(
            campaign=fuzz["campaign"], unit=fuzz["unit_b"], status="submitted", submitted_at="2020-03-01T00:00Z"
        )
        response = fuzz["client"].post(reverse("registrations:return", args=[registration.pk]), {"comment": comment})
        assert response.status_code < 500
        registration.refresh_from_db()
        assert (registration.status == "returned") == saved(response)


@FUZZ
@example(person="@person_a", year="2020", name="Sáng kiến số hóa hồ sơ", summary="")
@given(person=odd_number, year=odd_number, name=odd_text, summary=odd_text)
def test_initiative_form(fuzz, person, year, name, summary):
    from organisation.models import Person

    fuzz["person_a"] = Person.objects.get_or_create(unit=fuzz["unit_a"], full_name="Trần Văn An")[0]
    person = pk_of(person, fuzz)
    from awards.models import Initiative

    client = fuzz["client"]
    client.force_login(fuzz["clerk_a"])
    with rolled_back():
        before = counts(Initiative)
        response = client.post(
            reverse("awards:initiatives"), {"person": person, "year": year, "name": name, "summary": summary}
        )
        check(response, before, Initiative)


@pytest.fixture
def office_fuzz(world, login):
    client = login(world["office"])
    client.raise_request_exception = False
    return {**world, "client": client}


@FUZZ
@example(name="Phòng Tổ chức", short="TC", code="TV-TC", kind="division", parent="")
@given(name=odd_text, short=odd_text, code=odd_text, kind=odd_text, parent=odd_number)
def test_unit_form(office_fuzz, name, short, code, kind, parent):
    from organisation.models import Unit

    parent = parent or str(office_fuzz["unit_a"].pk)
    with rolled_back():
        before = counts(Unit, ActivityLog)
        response = office_fuzz["client"].post(
            reverse("organisation:unit_new"),
            {"name": name, "short_name": short, "code": code, "kind": kind, "parent": parent},
        )
        check(response, before, Unit, ActivityLog)
        assert response.status_code == 302 or (name, code, kind) != ("Phòng Tổ chức", "TV-TC", "division")
        if response.status_code == 302:
            created = Unit.objects.latest("pk")
            assert created.parent_id == office_fuzz["unit_a"].pk and created.name == name.strip()


@FUZZ
@example(full_name="Trần Thị Mới", email="moi@example.vn")
@given(full_name=odd_text, email=st.one_of(odd_text, st.emails()))
def test_invite_form(office_fuzz, full_name, email):
    from django.contrib.auth import get_user_model

    with rolled_back():
        before = counts(get_user_model(), ActivityLog)
        response = office_fuzz["client"].post(
            reverse("organisation:account_invite"),
            {"full_name": full_name, "email": email, "unit": office_fuzz["unit_b"].pk, "role": "unit_clerk"},
        )
        check(response, before, get_user_model(), ActivityLog)
        assert response.status_code == 302 or (full_name, email) != ("Trần Thị Mới", "moi@example.vn")
        if response.status_code == 302:
            invited = get_user_model().objects.get(email=email.strip().lower())
            assert not invited.has_usable_password()


@FUZZ
@example(data=b"@tree")
@given(data=odd_bytes)
def test_unit_tree_upload(office_fuzz, data):
    from organisation.models import Unit

    client = office_fuzz["client"]
    if data == b"@tree":  # the tree as the office downloads it: a valid file
        data = client.get(reverse("organisation:tree_export", args=[office_fuzz["province"].pk])).content
    with rolled_back():
        before = counts(Unit, SheetImport)
        response = client.post(
            reverse("organisation:tree_import", args=[office_fuzz["province"].pk]),
            {"file": SimpleUploadedFile("cay.xlsx", data)},
        )
        assert response.status_code in {200, 400}
        if saved(response, status=200):
            # Checked and shown for confirmation; nothing imported before the user confirms.
            assert counts(Unit, SheetImport) == {**before, "SheetImport": before["SheetImport"] + 1}
        else:
            assert counts(Unit, SheetImport) == before


@FUZZ
@example(pasted="SXD\tSở Xây dựng Thử\tSXD\tSở, ngành")  # the lines alone, in the template's order
@given(pasted=odd_text)
def test_unit_tree_pasted(office_fuzz, pasted):
    from organisation.models import Unit

    with rolled_back():
        before = counts(Unit, SheetImport)
        response = office_fuzz["client"].post(
            reverse("organisation:tree_import", args=[office_fuzz["province"].pk]), {"pasted": pasted}
        )
        assert response.status_code in {200, 400}
        if saved(response, status=200):
            assert counts(Unit, SheetImport) == {**before, "SheetImport": before["SheetImport"] + 1}
        else:
            assert counts(Unit, SheetImport) == before
        assert response.status_code == 200 or "Sở Xây dựng Thử" not in pasted


@FUZZ
@example(name="Khối 9", full_name="Khối thi đua 9", year="2026", role="leader")
@given(name=odd_text, full_name=odd_text, year=odd_number, role=odd_text)
def test_bloc_and_membership_forms(office_fuzz, name, full_name, year, role):
    from organisation.models import Bloc

    client = office_fuzz["client"]
    with rolled_back():
        before = counts(Bloc, BlocMembership, ActivityLog)
        response = client.post(
            reverse("organisation:bloc_new"),
            {"name": name, "full_name": full_name, "organizer": office_fuzz["province"].pk},
        )
        check(response, before, Bloc, BlocMembership, ActivityLog)
        assert response.status_code == 302 or (name, full_name) != ("Khối 9", "Khối thi đua 9")
        if response.status_code == 302:
            bloc = Bloc.objects.latest("pk")
            before = counts(BlocMembership, ActivityLog)
            response = client.post(
                reverse("organisation:bloc_member_set", args=[bloc.pk]),
                {"unit": office_fuzz["unit_a_sub"].pk, "year": year, "role": role},
            )
            check(response, before, BlocMembership, ActivityLog)
            assert response.status_code == 302 or (year, role) != ("2026", "leader")
            for membership in BlocMembership.objects.filter(bloc=bloc):
                assert 2000 <= membership.year <= 2100


@FUZZ
@example(name="Phát động phong trào thi đua năm 2026", year="2026", days="14,7,1", items="1. Nhiệm vụ", due="")
@given(name=odd_text, year=odd_number, days=odd_text, items=odd_text, due=odd_text)
def test_new_campaign_form(office_fuzz, name, year, days, items, due):
    from campaigns.models import Campaign, ContentItem, Milestone

    with rolled_back():
        before = counts(Campaign, ContentItem, Milestone, ActivityLog)
        response = office_fuzz["client"].post(
            reverse("campaigns:new"),
            {
                "issuer": office_fuzz["unit_a"].pk,
                "name": name,
                "year": year,
                "reminder_days": days,
                "items": items,
                "due_registration": due,
                "confirm": "1",
            },
        )
        check(response, before, Campaign, ContentItem, Milestone, ActivityLog)
        assert response.status_code == 302 or (name, year, days, items, due) != (
            "Phát động phong trào thi đua năm 2026",
            "2026",
            "14,7,1",
            "1. Nhiệm vụ",
            "",
        )
        if response.status_code == 302:
            assert Campaign.objects.latest("pk").status == Campaign.Status.DRAFT
