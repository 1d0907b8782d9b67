"""The machinery of bench/bloc_year.py: a throwaway server, a counting browser user, the invitation emails
and the Excel templates it fills."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections import OrderedDict
from io import BytesIO
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

    def menu(self, name):
        """A page of the organisation menu: the menu opened, then its entry (two clicks)."""
        self.click("#organisation-menu")
        self.click(self.page.locator(".dropdown-menu.show").get_by_role("link", name=name, exact=True))

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

    def download(self, locator):
        self.counter.add("click")
        with self.page.expect_download() as download:
            locator.first.click()
        return Path(download.value.path()).read_bytes()

    def open_pdf(self, locator):
        """A PDF opened in the browser (served inline, perhaps after a page that waits for its rendering)."""
        with self.page.expect_response(
            lambda response: "application/pdf" in response.headers.get("content-type", ""), timeout=60000
        ) as response:
            locator.first.click()
            self.counter.add("click")
        return response.value

    def upload(self, selector, name, data):
        self.counter.add("file")
        self.page.set_input_files(
            selector,
            files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}],
        )

    def log_in(self, username, password=PASSWORD):
        self.goto("/accounts/login/")
        self.fill("input[name=username]", username)
        self.fill("input[name=password]", password)
        self.click("main button[type=submit]")
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


def invitation_link(workdir, email):
    """The set-password link of the last email sent to `email`, read from the file backend's files."""
    found = None
    for path in sorted(Path(workdir, "mail").glob("*.log"), key=os.path.getmtime):
        for message in path.read_text().split("-" * 79):
            if re.search(rf"^To: {re.escape(email)}$", message, re.M):
                match = re.search(r"https?://[^/\s]+(/accounts/invitation/\S+/)", message)
                if match:
                    found = match.group(1)
    assert found, f"no invitation for {email}"
    return found


def filled_template(template, rows):
    """The downloaded template with `rows` ({heading: value}) typed under its heading row, as a clerk fills it."""
    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(template))
    sheet = workbook.worksheets[0]
    for heading_row in sheet.iter_rows():
        headings = [str(cell.value or "").strip() for cell in heading_row]
        if any(headings) and all(key in headings for key in rows[0]):
            break
    start = heading_row[0].row + 1
    for index in range(start, sheet.max_row + 1):  # the template's example lines give way to ours
        for cell in sheet[index]:
            cell.value = None
    for offset, row in enumerate(rows):
        for key, value in row.items():
            sheet.cell(row=start + offset, column=headings.index(key) + 1, value=value)
    data = BytesIO()
    workbook.save(data)
    return data.getvalue()


def pk_from(url, pattern):
    return int(re.search(pattern, url).group(1))
