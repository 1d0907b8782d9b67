"""Fifty simultaneous submits of the same registration, and of the same score, from several processes;
every form that creates something, posted several times at once.

Real HTTP against the live server, on PostgreSQL (SQLite serialises writers
by locking the whole file; tests/project/test_sqlite_concurrency.py covers it).
"""

import http.cookiejar
import urllib.parse
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from activity.models import ActivityLog
from campaigns.models import ContentItem
from registrations.models import Registration
from scoring.models import Criterion, Score, ScoreSheet
from tests.simultaneous import CASES
from tests.snapshots import load_demo

pytestmark = pytest.mark.django_db(transaction=True)
REQUESTS = 50


@pytest.fixture(autouse=True)
def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("the concurrency tests need PostgreSQL (set DATABASE_URL)")


def session_for(client, user):
    client.force_login(user)
    return client.cookies["sessionid"].value


def csrf_token(base, session):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("Cookie", f"sessionid={session}")]
    opener.open(f"{base}/").read()
    return next(cookie.value for cookie in jar if cookie.name == "csrftoken")


def post(args):
    """Runs in another process: one form POST with the session's cookies."""
    url, session, token, data = args
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode(),
        headers={"Cookie": f"sessionid={session}; csrftoken={token}", "Referer": url},
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def fire(payloads):
    with ProcessPoolExecutor(max_workers=10) as pool:
        return list(pool.map(post, payloads))


def test_fifty_simultaneous_sends_of_one_registration_send_it_once(live_server, world, client):
    campaign = world["campaign"]
    item = ContentItem.objects.create(campaign=campaign, position=1, label="1", text="Hoàn thành nhiệm vụ")
    session = session_for(client, world["clerk_b"])
    token = csrf_token(live_server.url, session)
    url = live_server.url + reverse("registrations:edit", args=[campaign.pk, world["unit_b"].pk])
    data = {"version": 0, "action": "submit", f"item_{item.pk}_text": "Đạt 100% chỉ tiêu"}
    statuses = fire([(url, session, token, data)] * REQUESTS)
    assert set(statuses) <= {302, 409}, statuses
    registration = Registration.objects.get(unit=world["unit_b"])
    assert registration.status == "submitted"
    assert registration.version == 2  # one save, one send
    assert ActivityLog.objects.filter(action="registration.submitted").count() == 1
    assert ActivityLog.objects.filter(action="registration.saved").count() == 1
    assert registration.items.get().commitment == "Đạt 100% chỉ tiêu"


def test_fifty_simultaneous_scores_leave_a_consistent_history(live_server, world, client):
    """Fifty saves of one unit's scores, all from pages that showed the same version: one is kept, and the
    forty-nine others are refused (409) without writing anything, so no save silently overwrites another."""
    campaign = world["campaign"]
    criterion = Criterion.objects.create(campaign=campaign, position=1, text="Nhiệm vụ", max_points=10)
    session = session_for(client, world["leader"])
    token = csrf_token(live_server.url, session)
    url = live_server.url + reverse("scoring:score", args=[campaign.pk, world["unit_b"].pk])
    values = [f"{i / 5:.2f}" for i in range(1, REQUESTS + 1)]
    statuses = fire([(url, session, token, {f"points_{criterion.pk}": value, "version": 0}) for value in values])
    assert sorted(statuses) == [302] + [409] * (REQUESTS - 1), statuses
    score = Score.objects.get(criterion=criterion, unit=world["unit_b"])
    changes = [entry.data for entry in ActivityLog.objects.filter(action="score.changed")]
    assert len(changes) == 1
    assert changes[0]["old"] is None and Decimal(changes[0]["new"]) == score.points
    assert ScoreSheet.objects.get(campaign=campaign, unit=world["unit_b"]).version == 1


class LiveServerDatabase:
    """The live server's database, read with the placeholders the shared cases use."""

    def __init__(self, url):
        self.url = url

    def one(self, sql, *params):
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("?", "%s"), params)
            (row,) = cursor.fetchall()
        return row[0]


@pytest.mark.parametrize("post, rows, statuses", CASES)
def test_simultaneous_posts_on_postgresql_do_not_fail(live_server, settings, tmp_path, post, rows, statuses):
    settings.MEDIA_ROOT = tmp_path
    # The browser keeps its cookies as a real one does, and this server speaks plain HTTP.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    load_demo()
    answered, created = post(LiveServerDatabase(live_server.url))
    assert set(answered) <= statuses, answered
    assert created == rows


def test_fifty_simultaneous_sends_of_one_ballot_take_it_once(live_server, world, client):
    from awards.models import BallotSeat, CouncilBallot, Proposal, ProposalLine, SecretVote
    from campaigns.models import Title
    from organisation.models import Person

    proposal = Proposal.objects.create(
        campaign=world["campaign"],
        kind="unit",
        proposer=world["unit_a"],
        council=world["council"],
        summary="Đề nghị",
        status="submitted",
        created_by=world["admin"],
    )
    person = Person.objects.create(unit=world["unit_a"], full_name="Nguyễn Văn Một")
    line = ProposalLine.objects.create(proposal=proposal, title=Title.objects.get(code="cstd-tinh"), person=person)
    ballot = CouncilBallot.objects.create(
        proposal=proposal, held_on="2021-03-05", member_count=2, quorum=50, quorum_source="x", opened_by=world["admin"]
    )
    seat = BallotSeat.objects.create(ballot=ballot, user=world["member"], position="member", name="member")
    session = session_for(client, world["member"])
    token = csrf_token(live_server.url, session)
    url = live_server.url + reverse("awards:ballot_cast", args=[proposal.pk])
    choices = ["agree", "disagree"] * (REQUESTS // 2)
    statuses = fire([(url, session, token, {"version": 0, "page": 1, f"line_{line.pk}": c}) for c in choices])
    assert set(statuses) == {302}, statuses  # each refused one is told why on the page it returns to
    assert BallotSeat.objects.get(pk=seat.pk).version == 1
    assert SecretVote.objects.filter(seat=seat).count() == 1
    assert ActivityLog.objects.filter(action="ballot.cast").count() == 1
