import gc
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client, TransactionTestCase
from django.utils import timezone

from campaigns.models import Campaign, ContentItem, Milestone, Title
from organisation.models import Bloc, BlocMembership, Council, CouncilMember, Person, RoleAssignment, Unit
from scoring.models import Criterion

from . import snapshots

# Playwright's sync API runs an event loop in the test's thread; the ORM calls
# the tests make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEMO_PASSWORD = "thidua2020"


def pytest_sessionstart(session):
    """The objects loaded so far (Django, the apps, the libraries) are set aside from the garbage collector, and it
    runs less often: with the defaults it walked that whole heap again and again, some 7 % of the suite's time."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


@pytest.fixture
def demo(db):
    """The demo data from the four seed plans, as `manage.py load_demo` loads it (tests/snapshots.py)."""
    snapshots.load_demo()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, its migrations' rows noted so that each test starts from them (tests/snapshots.py).

    A transactional test ends with those rows put back, in place of Django's flush: the flush empties every table
    (TRUNCATE, up to seconds on PostgreSQL) and makes content types anew under other ids, and the next test wants
    the migrations' rows anyway. The database is left as its migrations made it, so the next run may reuse it.
    Its value puts the rows back, for a module that rewrites the database (the upgrade tests).
    """
    with django_db_blocker.unblock():
        snapshots.take_baseline()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", lambda test_case: snapshots.restore_baseline())
        yield snapshots.restore_baseline
    with django_db_blocker.unblock():
        snapshots.restore_baseline()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The modules marked `first` run before all else.

    scripts/test.sh hands tests out with `--dist worksteal`: each worker starts with one half of the list, and an
    idle worker takes tests from the end of another's; the tests at the very start stay with the worker that has
    them, so their module's costly fixture is built once. (pytest-django's order, which puts each test that
    flushes the database after those that do not, no longer matters: every test starts from the migrations' rows.)
    """
    items.sort(key=lambda item: item.get_closest_marker("first") is None)


def _held_for_the_module(request, django_db_blocker, name, make, *, database_tests_only=False):
    """What `make` builds, inside a transaction held open for the module.

    Each test runs in a savepoint of it (pytest-django's `db`) that rolls back what the test changed, and the
    module's end rolls back the rest. A module where a test that would see the rows does not ask for `name` is
    refused.
    """
    module_items = [item for item in request.session.items if item.module is request.module]
    others = [
        item.name
        for item in module_items
        if name not in item.fixturenames
        and (
            not database_tests_only
            or item.get_closest_marker("django_db")
            or {"db", "transactional_db"} & set(item.fixturenames)
        )
    ]
    assert not others, f"these tests of {request.module.__name__} must use {name} (they see it): {others}"
    with django_db_blocker.unblock():
        held = transaction.atomic()
        held.__enter__()
        made = make()
    yield made
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        held.__exit__(None, None, None)


@pytest.fixture(scope="module")
def shared_demo(request, django_db_setup, django_db_blocker):
    """The demo loaded once for a whole module, for modules whose every test uses it (with `db`).

    A module of forty parametrised reads would otherwise put the demo back forty times.
    """
    yield from _held_for_the_module(request, django_db_blocker, "shared_demo", snapshots.load_demo)


def user_with_role(username, role=None, *, unit=None, council=None, superuser=False):
    """A user who is a unit's clerk ("unit_clerk") or office ("office"), or holds a council seat (its position)."""
    user = get_user_model().objects.create_user(username=username, password=DEMO_PASSWORD)
    if superuser:
        user.is_superuser = user.is_staff = True
        user.save()
    if council is not None:
        CouncilMember.objects.create(council=council, user=user, position=role or "member")
    elif role:
        RoleAssignment.objects.create(user=user, role=role, unit=unit)
    return user


def recorded(code, *, year, person=None, unit=None, number="12/QĐ-SVH", dated=None, method="regular"):
    """An award in the register, as an imported Excel register or an issued decision leaves it."""
    from campaigns.models import Title
    from honours.models import Honour

    return Honour.objects.create(
        year=year,
        title=Title.objects.get(code=code),
        person=person,
        unit=unit or person.unit,
        recipient_name=person.full_name if person else unit.name,
        decision_number=number,
        decision_date=dated or date(year + 1, 1, 20),
        authority="Giám đốc Sở Văn hóa Thử",
        method=method,
        source="import",
    )


def make_world():
    """Two units of a province in one bloc with an open campaign, and a third unit in another province.

    Returns the objects and one user per role: clerk of A, clerk of B, the
    leader (a second clerk of A, the bloc's leading unit), an outsider clerk of
    C (leading a bloc of the other province), a council secretary and member,
    the emulation office of each province.
    """
    province = Unit.objects.create(name="Ủy ban nhân dân tỉnh Thử", kind=Unit.Kind.PEOPLES_COMMITTEE)
    other_province = Unit.objects.create(name="Ủy ban nhân dân tỉnh Khác", kind=Unit.Kind.PEOPLES_COMMITTEE)
    council = Council.objects.create(name="Hội đồng Thi đua – Khen thưởng tỉnh Thử", level="province", unit=province)
    unit_a = Unit.objects.create(name="Sở Văn hóa Thử", kind=Unit.Kind.DEPARTMENT, parent=province)
    unit_a_sub = Unit.objects.create(name="Phòng Nghiệp vụ", kind=Unit.Kind.DIVISION, parent=unit_a)
    unit_b = Unit.objects.create(name="Sở Y tế Thử", kind=Unit.Kind.DEPARTMENT, parent=province)
    unit_c = Unit.objects.create(name="Sở Công Thương Thử", kind=Unit.Kind.DEPARTMENT, parent=other_province)
    bloc = Bloc.objects.create(name="Khối 1", full_name="Khối thi đua Thử", council=council, organizer=province)
    other_bloc = Bloc.objects.create(name="Khối 2", full_name="Khối thi đua Khác", organizer=other_province)
    BlocMembership.objects.create(bloc=bloc, unit=unit_a, year=2020, role="leader")
    BlocMembership.objects.create(bloc=bloc, unit=unit_b, year=2020, role="vice_leader")
    BlocMembership.objects.create(bloc=other_bloc, unit=unit_c, year=2020, role="leader")
    campaign = Campaign.objects.create(
        name="Phong trào thi đua năm 2020",
        issuer=unit_a,
        issuing_bloc=bloc,
        council=council,
        year=2020,
        status=Campaign.Status.ACTIVE,
    )
    campaign.blocs.set([bloc])
    other_campaign = Campaign.objects.create(
        name="Phong trào của khối khác", issuer=unit_c, year=2020, status=Campaign.Status.ACTIVE
    )
    other_campaign.blocs.set([other_bloc])
    return {
        "province": province,
        "other_province": other_province,
        "council": council,
        "unit_a": unit_a,
        "unit_a_sub": unit_a_sub,
        "unit_b": unit_b,
        "unit_c": unit_c,
        "bloc": bloc,
        "other_bloc": other_bloc,
        "campaign": campaign,
        "other_campaign": other_campaign,
        "clerk_a": user_with_role("clerk_a", "unit_clerk", unit=unit_a),
        "clerk_b": user_with_role("clerk_b", "unit_clerk", unit=unit_b),
        "clerk_c": user_with_role("clerk_c", "unit_clerk", unit=unit_c),
        "leader": user_with_role("leader", "unit_clerk", unit=unit_a),
        "leader_c": user_with_role("leader_c", "unit_clerk", unit=unit_c),
        "secretary": user_with_role("secretary", "secretary", council=council),
        "member": user_with_role("member", "member", council=council),
        "office": user_with_role("office", "office", unit=province),
        "office_other": user_with_role("office_other", "office", unit=other_province),
        "admin": user_with_role("root", superuser=True),
        "today": date(2020, 6, 1),
    }


@pytest.fixture
def world(db):
    """The world (make_world), made for the test."""
    return make_world()


@pytest.fixture(scope="module")
def shared_world(request, django_db_setup, django_db_blocker):
    """The world made once for a whole module, for modules whose every database test reads it (with `db`).

    As shared_demo does, it is made inside a transaction held open for the module, each test runs in a savepoint
    of it that rolls back what the test changed, and the module's end rolls the world back too. The module gives
    each test a copy of its objects (copy.deepcopy, as Django's setUpTestData does), so what one test leaves on a
    user or a unit in Python, a cached viewer or a login's last_login, never reaches the next.
    """
    yield from _held_for_the_module(request, django_db_blocker, "shared_world", make_world, database_tests_only=True)


@pytest.fixture
def reg(world):
    """The bloc campaign with two mandatory items, one optional, staff in unit B and a deadline."""
    campaign = world["campaign"]
    items = [
        ContentItem.objects.create(campaign=campaign, position=1, label="1", text="Hoàn thành xuất sắc nhiệm vụ"),
        ContentItem.objects.create(campaign=campaign, position=2, label="2", text="Xây dựng công sở văn hóa"),
        ContentItem.objects.create(
            campaign=campaign, position=3, label="3", text="An toàn giao thông", is_mandatory=False
        ),
    ]
    staff = [
        Person.objects.create(unit=world["unit_b"], full_name="Nguyễn Thị Lan", gender="female"),
        Person.objects.create(unit=world["unit_b"], full_name="Trần Văn Đức", gender="male"),
    ]
    Milestone.objects.create(
        campaign=campaign,
        kind="registration",
        name="Đăng ký thi đua",
        due_on=timezone.localdate() + timedelta(days=10),
    )
    titles = {title.code: title for title in Title.objects.all()}
    return {**world, "items": items, "staff": staff, "titles": titles}


@pytest.fixture
def sw(world):
    """The bloc campaign with a scoring table: three criteria of 10, a bonus of 5, a deduction of 5."""
    campaign = world["campaign"]
    criteria = [
        Criterion.objects.create(
            campaign=campaign, position=1, group="I", label="1", text="Nhiệm vụ chính trị", max_points=10
        ),
        Criterion.objects.create(
            campaign=campaign, position=2, group="I", label="2", text="Cải cách hành chính", max_points=10
        ),
        Criterion.objects.create(
            campaign=campaign, position=3, group="II", label="3", text="Công tác thi đua", max_points=10
        ),
        Criterion.objects.create(
            campaign=campaign, position=4, label="+", text="Điểm cộng", max_points=5, kind="bonus"
        ),
        Criterion.objects.create(
            campaign=campaign, position=5, label="−", text="Điểm trừ", max_points=5, kind="deduction"
        ),
    ]
    today = timezone.localdate()
    Milestone.objects.create(
        campaign=campaign, kind="midyear_report", name="Báo cáo sơ kết", due_on=today + timedelta(days=5)
    )
    Milestone.objects.create(
        campaign=campaign, kind="yearend_report", name="Báo cáo tổng kết", due_on=today + timedelta(days=30)
    )
    unit_d = Unit.objects.create(name="Sở Du lịch Thử")
    world["bloc"].memberships.create(unit=unit_d, year=2020)
    return {
        **world,
        "criteria": criteria,
        "unit_d": unit_d,
        "clerk_d": user_with_role("clerk_d", "unit_clerk", unit=unit_d),
    }


@pytest.fixture
def council(world):
    """The province council with ten seats: the world's secretary and member, a chair and seven more."""
    chair = user_with_role("chair", "chair", council=world["council"])
    chair.first_name, chair.last_name = "Văn Hòa", "Lê"
    chair.save()
    others = [user_with_role(f"member{i}", "member", council=world["council"]) for i in range(7)]
    return {**world, "chair": chair, "members": [world["member"], *others]}


def session_of(user):
    """The session cookie of `user` signed in, without going through the login form."""
    signed_in = Client()
    signed_in.force_login(user)
    return signed_in.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def login(client):
    def do(user):
        client.force_login(user)
        return client

    return do


def clerks_awaiting_a_report(count):
    """A bloc of two units whose member has `count` clerks, each owed a reminder of the 15/6 report."""
    bloc = Bloc.objects.create(name="Khối thử tải")
    leader, member = Unit.objects.create(name="Đơn vị chủ trì"), Unit.objects.create(name="Đơn vị đông người")
    BlocMembership.objects.create(bloc=bloc, unit=leader, year=2020, role="leader")
    BlocMembership.objects.create(bloc=bloc, unit=member, year=2020, role="member")
    campaign = Campaign.objects.create(
        name="Phong trào thử", issuer=leader, issuing_bloc=bloc, year=2020, status="active"
    )
    campaign.blocs.set([bloc])
    Milestone.objects.create(campaign=campaign, kind="midyear_report", name="Báo cáo sơ kết", due_on=date(2020, 6, 15))
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"clerk{index:04d}", email=f"clerk{index:04d}@example.vn") for index in range(count)
    )
    RoleAssignment.objects.bulk_create(RoleAssignment(user=user, role="unit_clerk", unit=member) for user in users)


CHROMIUM = os.environ.get("THIDUA_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; scripts/test.sh installs Debian's chromium package")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                # Never a --disable-features: Chromium keeps only the last one, and it would undo Playwright's own.
            ],
        )
        yield browser
        browser.close()


# Reduced motion: Bootstrap scrolls smoothly otherwise, and each click below the fold waits up to a second for the
# page to stop moving (Playwright clicks only a stable element); transitions are cut short the same way.
BROWSER_CONTEXT = {"locale": "vi-VN", "reduced_motion": "reduce"}


AXE = Path(__file__).resolve().parent.parent / "static" / "vendor" / "axe" / "axe.min.js"
# Every WCAG 2 rule of levels A and AA that axe-core checks (2.0, 2.1 and 2.2).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUNNER = """
window.__thiduaAxe = async function () {
  if (window.__thiduaAxeCollected) return null;
  window.__thiduaAxeRun = window.__thiduaAxeRun || axe.run(document, {
    runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]
  });
  const result = await window.__thiduaAxeRun;
  if (window.__thiduaAxeCollected) return null;
  window.__thiduaAxeCollected = true;
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " – " + n.failureSummary.replace(/\\s+/g, " "))
  }));
};
"""
# Actions after which the page may be another: the page each of them starts from is checked first.
PAGE_ACTIONS = (
    "goto reload go_back go_forward click dblclick fill type press check uncheck select_option set_input_files "
    "dispatch_event tap"
).split()
LOCATOR_ACTIONS = PAGE_ACTIONS[4:] + "press_sequentially set_checked clear evaluate".split()


class AccessibilityViolation(AssertionError):
    pass


def _axe_check(page, originals, state):
    """Run axe-core once on the document the page shows, and fail on any WCAG 2 A or AA violation."""
    if state["checking"] or page.is_closed() or not page.url.startswith("http"):
        return
    state["checking"] = True
    try:
        for attempt in (1, 2):
            try:
                page.wait_for_load_state("load")
                violations = originals["evaluate"](page, "() => window.__thiduaAxe ? window.__thiduaAxe() : null")
                break
            except Exception:  # the page navigated while it was checked: check the one it went to
                if attempt == 2:
                    raise
    finally:
        state["checking"] = False
    if violations:
        lines = [f"{page.url}: {len(violations)} WCAG 2 A/AA violation(s) found by axe-core"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.extend(f"    {node}" for node in violation["nodes"])
        raise AccessibilityViolation("\n".join(lines))


class ContentSecurityPolicyViolation(AssertionError):
    pass


@pytest.fixture
def page(browser, live_server, monkeypatch):
    """A page in Vietnamese on the live server, with the demo data; axe-core checks every page it shows.

    Before each action that may leave the page (and when the test ends), the
    document it shows is checked once for WCAG 2 A and AA, so every page a
    test visits is checked, whatever the test looks at. Every refusal of the
    Content-Security-Policy the browser reports fails the test too
    (`page.csp_violations`).
    """
    from playwright.sync_api import Locator, Page

    snapshots.load_demo()
    context = browser.new_context(**BROWSER_CONTEXT, viewport={"width": 1280, "height": 900})
    context.add_init_script(script=AXE.read_text(encoding="utf-8") + AXE_RUNNER % AXE_TAGS)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    page.csp_violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text
        and page.csp_violations.append(f"{page.url}: {message.text}"),
    )
    originals = {"evaluate": Page.evaluate}
    state = {"checking": False}

    def checked(cls, name, page_of):
        original = getattr(cls, name)

        def action(self, *args, **kwargs):
            _axe_check(page_of(self), originals, state)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(cls, name, action)

    for name in PAGE_ACTIONS:
        checked(Page, name, lambda self: self)
    for name in LOCATOR_ACTIONS:
        checked(Locator, name, lambda self: self.page)
    yield page
    try:
        _axe_check(page, originals, state)
    finally:
        context.close()
    if page.csp_violations:
        raise ContentSecurityPolicyViolation("\n".join(page.csp_violations))
