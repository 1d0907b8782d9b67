"""Posting one form several times at the same instant, as a double click without JavaScript does.

Shared by the SQLite test (the quick start's runserver on a file) and the
PostgreSQL one (the live server on the test database): a logged-in browser
that posts without following redirects, and each form with what it must
leave behind. `site` gives the server's `url` and `one(sql, *params)`, a
query of its database with `?` placeholders.
"""

import http.cookiejar
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import date

import pytest
from django.urls import reverse

PASSWORD = "thidua2020"
AT_ONCE = 4
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Browser:
    """One logged-in user: cookies, the CSRF token, and posts that do not follow redirects."""

    def __init__(self, site, username):
        self.site = site
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.opener.open(site.url + reverse("login")).read()
        status = self.post(reverse("login"), {"username": username, "password": PASSWORD})
        assert status == 302, f"{username} could not log in"

    def post(self, path, fields, files=None):
        token = next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")
        fields = {**fields, "csrfmiddlewaretoken": token}
        if files:
            boundary = uuid.uuid4().hex
            body = b"".join(
                [
                    *(
                        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                        for name, value in fields.items()
                    ),
                    *(
                        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                        f"Content-Type: application/octet-stream\r\n\r\n".encode()
                        + data
                        + b"\r\n"
                        for name, (filename, data) in files.items()
                    ),
                    f"--{boundary}--\r\n".encode(),
                ]
            )
            content_type = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        request = urllib.request.Request(
            self.site.url + path, data=body, headers={"Content-Type": content_type, "Referer": self.site.url + path}
        )
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def post_at_once(self, path, fields, files=None, times=AT_ONCE):
        """The same post sent `times` times at the same instant; their statuses."""
        start = threading.Barrier(times)
        statuses = [None] * times

        def send(index):
            start.wait()
            statuses[index] = self.post(path, fields, files)

        threads = [threading.Thread(target=send, args=(index,)) for index in range(times)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return statuses


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def khoi8(site):
    return site.one(
        "SELECT c.id FROM campaigns_campaign c JOIN organisation_bloc b ON b.id = c.issuing_bloc_id "
        "WHERE b.name = ? AND c.year = 2020",
        "Khối 8",
    )


def unit_id(site, name):
    return site.one("SELECT id FROM organisation_unit WHERE name = ?", name)


def title_id(site, code):
    return site.one("SELECT id FROM campaigns_title WHERE code = ?", code)


def register_initiative(site):
    person = site.one("SELECT id FROM organisation_person WHERE full_name = ?", "Huỳnh Văn Lâm")
    fields = {"person": person, "year": 2020, "name": "Số hóa hồ sơ học sinh", "summary": "Tiết kiệm giấy"}
    statuses = Browser(site, "gddt").post_at_once(reverse("awards:initiatives"), fields)
    return statuses, site.one("SELECT count(*) FROM awards_initiative WHERE name = ?", fields["name"])


def draw_up_bloc_proposal(site):
    path = reverse("awards:create", args=[khoi8(site)])
    statuses = Browser(site, "khoi8.truong").post_at_once(path, {"kind": "bloc"})
    return statuses, site.one("SELECT count(*) FROM awards_proposal WHERE kind = 'bloc' AND status = 'draft'")


def draw_up_unit_proposal(site):
    unit = unit_id(site, "Sở Xây dựng tỉnh Tây Ninh")
    campaign = site.one(
        "SELECT r.campaign_id FROM registrations_registration r JOIN organisation_unit u ON u.id = r.unit_id "
        "WHERE u.parent_id = ? LIMIT 1",
        unit,
    )
    path = reverse("awards:create", args=[campaign])
    statuses = Browser(site, "sxd").post_at_once(path, {"kind": "unit", "unit": unit})
    return statuses, site.one("SELECT count(*) FROM awards_proposal WHERE proposer_id = ?", unit)


def add_proposal_line(site):
    leader = Browser(site, "khoi8.truong")
    assert leader.post(reverse("awards:create", args=[khoi8(site)]), {"kind": "bloc"}) == 302
    proposal = site.one("SELECT id FROM awards_proposal WHERE kind = 'bloc' AND status = 'draft'")
    fields = {"title": title_id(site, "ttldxs"), "unit": unit_id(site, "Sở Thông tin và Truyền thông")}
    statuses = leader.post_at_once(reverse("awards:line_add", args=[proposal]), fields)
    return statuses, site.one(
        "SELECT count(*) FROM awards_proposalline WHERE proposal_id = ? AND title_id = ? AND unit_id = ?",
        proposal,
        fields["title"],
        fields["unit"],
    )


def forward_registration_sheet(site):
    path = reverse("registrations:sheet_forward", args=[khoi8(site)])
    statuses = Browser(site, "khoi8.truong").post_at_once(path, {})
    return statuses, site.one("SELECT count(*) FROM registrations_registrationsheet")


def send_midyear_report(site):
    unit = unit_id(site, "Báo Trà Vinh")
    path = reverse("scoring:report", args=[khoi8(site), unit])
    statuses = Browser(site, "baotv").post_at_once(path, {}, files={"file": ("bao-cao.pdf", PDF)})
    return statuses, site.one("SELECT count(*) FROM scoring_midyearreport WHERE unit_id = ?", unit)


def add_criterion(site):
    # This year's copy of the Khối 8 campaign: 2020's ranking is final, and a final ranking's table is not changed.
    campaign = site.one(
        "SELECT c.id FROM campaigns_campaign c JOIN organisation_bloc b ON b.id = c.issuing_bloc_id "
        "WHERE b.name = ? AND c.year = ? AND c.name LIKE ?",
        "Khối 8",
        date.today().year,
        "Tổ chức và phát động%",
    )
    before = site.one("SELECT count(*) FROM scoring_criterion WHERE campaign_id = ?", campaign)
    fields = {"group": "III", "label": "11", "text": "Chuyển đổi số", "max_points": "5", "kind": "regular"}
    statuses = Browser(site, "khoi8.truong").post_at_once(reverse("scoring:criterion_new", args=[campaign]), fields)
    return statuses, site.one("SELECT count(*) FROM scoring_criterion WHERE campaign_id = ?", campaign) - before


def invite_a_person(site):
    fields = {
        "full_name": "Lê Thị Mới",
        "email": "le.thi.moi@example.vn",
        "unit": unit_id(site, "Báo Trà Vinh"),
        "role": "unit_clerk",
    }
    statuses = Browser(site, "bantdkt.travinh").post_at_once(reverse("organisation:account_invite"), fields)
    # An invitation's email is sent when, and only when, the invitation is logged.
    return statuses, site.one(
        "SELECT count(*) FROM activity_activitylog l JOIN auth_user u ON u.id = l.object_id "
        "WHERE u.email = ? AND l.action = 'account.invited'",
        fields["email"],
    )


CASES = [
    # One post registers it; a later one is told it is registered already.
    pytest.param(register_initiative, 1, {302, 400}, id="initiative"),
    pytest.param(draw_up_bloc_proposal, 1, {302}, id="proposal_from_the_vote"),
    pytest.param(draw_up_unit_proposal, 1, {302}, id="proposal_for_a_unit"),
    # The unit is proposed once; the other posts are told it is already.
    pytest.param(add_proposal_line, 1, {302, 400}, id="proposal_line"),
    pytest.param(forward_registration_sheet, 1, {302}, id="registration_sheet"),
    pytest.param(send_midyear_report, 1, {302}, id="midyear_report"),
    # Two criteria alike are two criteria; each gets its own position.
    pytest.param(add_criterion, AT_ONCE, {302}, id="criterion"),
    # One invitation, one email, however many posts arrive at once.
    pytest.param(invite_a_person, 1, {302}, id="invitation"),
]
