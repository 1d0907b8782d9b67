"""The machinery of bench/bloc_year.py: a throwaway server, a counting browser user, and the emails it reads."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = os.environ.get("THIDUA_CHROMIUM", "/usr/bin/chromium")
# The one account made outside the pages: the province's office, on its root unit.
PASSWORD = "Mau-2026-an-toan"
OFFICE = "vanphong.mau"
ROOT_UNIT = "Ủy ban nhân dân tỉnh Mẫu"


# click: a link or a button (a form's submit); tick: a box ticked in a list; goto: an address typed in the bar;
# file: a file chosen for an upload.
KINDS = ("click", "tick", "goto", "file")


class Counter:
    """The page actions of each step, counted as the tester did (clicks, submits, navigations)."""

    def __init__(self):
        self.steps = OrderedDict()
        self.step = None

    def start(self, name):
        self.step = name
        self.steps.setdefault(name, dict.fromkeys(KINDS, 0))

    def add(self, kind):
        self.steps[self.step][kind] += 1

    def table(self):
        def row(name, counts):
            return f"{name:<62}" + "".join(f"{counts[kind]:>7}" for kind in KINDS) + f"{sum(counts.values()):>7}"

        lines = [f"{'step':<62}" + "".join(f"{kind:>7}" for kind in KINDS) + f"{'total':>7}"]
        totals = dict.fromkeys(KINDS, 0)
        for name, counts in self.steps.items():
            for kind in KINDS:
                totals[kind] += counts[kind]
            lines.append(row(name, counts))
        lines.append(row("TOTAL", totals))
        return "\n".join(lines)


class User:
    """One person at the browser: every action goes through here and is counted."""

    def __init__(self, page, counter, base):
        self.page, self.counter, self.base = page, counter, base

    def goto(self, path):
        self.counter.add("goto")
        response = self.page.goto(self.base + path)
        assert response.status < 400, (path, response.status)
        return response

    def click(self, locator):
        locator = self.page.locator(locator) if isinstance(locator, str) else locator
        locator.first.click()
        self.counter.add("click")
        self.page.wait_for_load_state()

    def link(self, name, *, within="main", exact=False):
        self.click(self.page.locator(within).get_by_role("link", name=name, exact=exact))

    def button(self, name, *, within="main", exact=False):
        self.click(self.page.locator(within).get_by_role("button", name=name, exact=exact))

    def tick(self, locator):
        self.counter.add("tick")
        locator = self.page.locator(locator) if isinstance(locator, str) else locator
        locator.check()

    def fill(self, selector, value):  # typing: not an action
        self.page.fill(selector, value)

    def choose(self, name, label):  # choosing in a list: not an action, the submit is
        self.page.select_option(f"select[name='{name}']", label=label)

    def open_pdf(self, locator):
        """A PDF opened in the browser (served inline, perhaps after a page that waits for its rendering)."""
        with self.page.expect_response(
            lambda response: "application/pdf" in response.headers.get("content-type", ""), timeout=60000
        ) as response:
            locator.first.click()
            self.counter.add("click")
        return response.value

    def log_in(self, username, password=PASSWORD, *, at="/accounts/login/"):
        """Typed in the address bar, or followed from an email (`at`): the login page, then where it leads."""
        self.goto(at)
        self.fill("input[name=username]", username)
        self.fill("input[name=password]", password)
        self.click("main button[type=submit]")
        if at == "/accounts/login/":
            self.page.wait_for_url(self.base + "/")

    def log_out(self):
        self.page.context.clear_cookies()  # closing the browser: not a page action

    def text(self, selector="main"):
        return self.page.locator(selector).inner_text()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(workdir):
    env = dict(os.environ)
    for key in ("DATABASE_URL", "CELERY_BROKER_URL"):
        env.pop(key, None)
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{workdir}/bloc_year.sqlite3",
            "DEBUG": "True",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": f"{workdir}/mail",
            "SECURE_COOKIES": "False",
            "SECURE_SSL_REDIRECT": "False",
        }
    )
    return env


FIRST_ACCOUNT = f"""
from django.contrib.auth import get_user_model
from organisation.models import RoleAssignment, Unit
root = Unit.objects.create(name={ROOT_UNIT!r}, kind=Unit.Kind.PEOPLES_COMMITTEE, province="Mẫu")
office = get_user_model().objects.create_user({OFFICE!r}, password={PASSWORD!r}, last_name="Võ Thị", first_name="Hạnh",
    email="vanphong@mau.gov.vn")
RoleAssignment.objects.create(user=office, role=RoleAssignment.Role.OFFICE, unit=root)
"""


def serve(workdir):
    env = environment(workdir)
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "shell", "-c", FIRST_ACCOUNT], cwd=ROOT, env=env, check=True)
    port = free_port()
    log = open(Path(workdir) / "server.log", "w")  # noqa: SIM115 - open while the server runs
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(100):
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    return server, base


def inbox(workdir, email):
    """The emails sent to `email`, oldest first, as (subject, body), read from the file backend's files."""
    from email import message_from_bytes, policy

    messages = []
    for path in sorted(Path(workdir, "mail").glob("*.log"), key=os.path.getmtime):
        for raw in path.read_bytes().split(b"-" * 79):
            message = message_from_bytes(raw.strip(), policy=policy.default)
            if message["To"] == email:
                messages.append((str(message["Subject"]), message.get_body(preferencelist=("plain",)).get_content()))
    return messages


def email_link(workdir, email, subject):
    """The link a person follows in the last email to `email` whose subject holds `subject`: the one that sets
    their password and then opens the page, while they have none, else the page's own ("Thực hiện tại: …")."""
    found = [body for title, body in inbox(workdir, email) if subject in title]
    assert found, f"no email “{subject}” to {email}: {[title for title, _body in inbox(workdir, email)]}"
    body = found[-1]
    match = re.search(r"https?://[^/\s]+(/accounts/invitation/\S+)", body) or re.search(
        r"^Thực hiện tại: https?://[^/\s]+(\S+)", body, re.M
    )
    assert match, body
    return match.group(1)


def pk_from(url, pattern):
    return int(re.search(pattern, url).group(1))
