"""Every page on a 390 px phone, as each role of the demo: nothing wider than the screen.

The pages are found as tools/crawl.py finds them: the links of each page,
from the dashboard, followed in Chromium at 390 × 844, one page per page
pattern (URL route) and role; a page wider than the screen fails the test.
A table may scroll inside its own box (.table-responsive); the page itself
may not.
"""

import os
import re
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import BROWSER_CONTEXT, session_of
from tests.snapshots import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ.get("THIDUA_PHONE_SHOTS", Path(__file__).resolve().parents[2] / "test-artifacts" / "phone"))
# One person of each role in the demo, and no one (the login and the public pages).
ROLES = {
    "administrator": "admin",
    "office": "bantdkt.travinh",
    "bloc leader": "khoi8.truong",
    "unit clerk": "gddt",
    "council secretary": "tdkt.travinh",
    "council member": "hoidong.travinh",
    "council chair": "chutich.travinh",
    "anonymous": None,
}
# Fewer pages than this (about half of what each role reaches in the demo) means the walk itself broke.
MINIMUM_PAGES = {
    "administrator": 35,
    "office": 35,
    "bloc leader": 25,
    "unit clerk": 15,
    "council secretary": 12,
    "council member": 12,
    "council chair": 12,
    "anonymous": 3,
}
# Pages a reviewer looks at on a phone: a screenshot of each, the first time a role opens it.
SHOT_VIEWS = {"scoring:ranking", "scoring:results", "registrations:edit", "scoring:score", "scoring:self"}
SKIP = re.compile(r"^/(admin|static|media|i18n|accounts/logout)|logout|delete|remove|\.(pdf|xlsx|docx|zip)$")
# Where an element sticks out, for the message: its tag, id and classes, and how far right it reaches.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return null;
  const clipped = element => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") return true;
    }
    return false;
  };
  const wide = [];
  for (const element of document.body.querySelectorAll("*")) {
    const right = Math.round(element.getBoundingClientRect().right);
    const parent = element.parentElement.getBoundingClientRect().right;
    if (right > width && parent <= width && !clipped(element)) {
      const classes = typeof element.className === "string" && element.className.trim() ? "." + element.className.trim().split(/\\s+/).join(".") : "";
      wide.push([right, element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") + classes + " → " + right + " px"]);
    }
  }
  wide.sort((a, b) => b[0] - a[0]);
  return {scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 3).map(item => item[1])};
}"""


def resolved(path):
    try:
        return resolve(urlparse(path).path)
    except Resolver404:
        return None


def followed(hrefs):
    """The paths of this site among a page's links, the ones the walk leaves alone (logout, files…) aside."""
    for href in hrefs:
        url = urlparse(urldefrag(href)[0])
        if url.scheme or url.netloc or not url.path.startswith("/") or SKIP.search(url.path):
            continue
        yield url.path + (f"?{url.query}" if url.query else "")


def phone_page(browser, live_server, username):
    """A phone-sized page of the live server, signed in as `username` (or nobody) without going through the form."""
    context = browser.new_context(
        **BROWSER_CONTEXT, viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True
    )
    if username:
        session = session_of(get_user_model().objects.get(username=username))
        host = urlparse(live_server.url).hostname
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "domain": host, "path": "/"}])
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_390px_for_every_role(browser, live_server, role):
    """One role a case, so that the roles' walks run side by side on the test workers. Each page is found and
    measured in one visit: the links followed are those of the page the phone shows."""
    load_demo()
    username = ROLES[role]
    page = phone_page(browser, live_server, username)
    starts = ["/"] if username else ["/accounts/login/", reverse("public:awards"), reverse("public:certificate_form")]
    queue, seen, routes, too_wide = deque(starts), set(), set(), []
    while queue:
        path = queue.popleft()
        match = resolved(path)
        if path in seen or match is None or match.route in routes:
            continue
        seen.add(path)
        try:
            response = page.goto(f"{live_server.url}{path}", wait_until="load")
        except PlaywrightError as error:  # a link to a file without its extension in the address: a download
            if "Download is starting" in str(error):
                continue
            raise
        if (
            response is None
            or response.status != 200
            or response.request.redirected_from  # the page of another route: measured when the walk gets there
            or "html" not in response.headers.get("content-type", "")
        ):
            continue
        routes.add(match.route)
        view = match.view_name
        if view in SHOT_VIEWS:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"{view.replace(':', '-')}-{role.replace(' ', '-')}.png"), full_page=True)
        overflow = page.evaluate(OVERFLOW)
        if overflow:
            too_wide.append(f"{role} {path}: {overflow['scrollWidth']} px; {', '.join(overflow['wide'])}")
        queue.extend(followed(page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")))
    page.context.close()
    visited = len(routes)
    assert visited >= MINIMUM_PAGES[role], visited
    assert not too_wide, f"{len(too_wide)} of {visited} pages are wider than 390 px:\n" + "\n".join(too_wide)


def test_locked_score_sheet_shows_server_totals(browser, live_server):
    """D1: the sheet of a finalised ranking has no boxes to count from: the script leaves the server's totals."""
    from scoring.models import Ranking

    load_demo()
    ranking = Ranking.objects.filter(status="final", entries__total__gt=0).select_related("campaign").first()
    entry = ranking.entries.filter(total__gt=0, self_total__isnull=False).select_related("unit").first()
    compiler = get_user_model().objects.filter(roles__unit=ranking.compiler, roles__role="unit_clerk").first()
    page = phone_page(browser, live_server, compiler.username)
    page.goto(f"{live_server.url}{reverse('scoring:score', args=[ranking.campaign.pk, entry.unit.pk])}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "scoring-score-locked.png"), full_page=True)
    assert page.locator("#scores input[name^=points_]").count() == 0  # locked: the points are text
    total = page.locator("#scores [data-total=final]")
    assert total.inner_text() == f"{entry.total:.2f}".replace(".", ",") != "0,00"
    difference = entry.total - entry.self_total
    sign = "+" if difference > 0 else "-" if difference < 0 else ""
    expected = sign + f"{abs(difference):.2f}".replace(".", ",")
    assert page.locator("#scores [data-total-difference=final]").inner_text() == expected
    assert "—" not in [cell.inner_text() for cell in page.locator("#scores tbody .line-difference").all()][:1]
    page.context.close()
