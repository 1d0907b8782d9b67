"""Counts, in the browser, the page actions of one bloc year of six units, from an empty organisation to the
certificates (issue 23: goal at most 150, from 276).

Run: .venv/bin/python bench/bloc_year.py [--keep] [--shots DIR]

1. Makes a throwaway SQLite database, migrates it and creates the only thing not done in the pages: the province's
   root unit and one office account on it (what `bootstrap` gives a new province). No demo data.
2. Serves the app with `manage.py runserver --noreload` (DEBUG=True, emails written to files by Django's file
   backend in the work directory) on a free port.
3. Drives headless Chromium through the year as the people would, only through the app's pages (never /admin/):
   a person follows the link of an email the file backend wrote (read from the file, as they would read their
   inbox): the one that asks them to act, which sets their password first while they have none.
4. Counts every page action: a click (a link, a button that submits, a tick box), a navigation typed in the
   address bar or followed from an email (page.goto) and a file chosen for upload. Typing in a field is not an
   action, nor is pasting lines copied from a spreadsheet; the form's submit is. Prints a table by step and the
   total.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = os.environ.get("THIDUA_CHROMIUM", "/usr/bin/chromium")
YEAR = 2026
UNITS = [
    ("Sở Văn hóa, Thể thao và Du lịch tỉnh Mẫu", "VHTTDL"),
    ("Sở Y tế tỉnh Mẫu", "SYT"),
    ("Sở Giáo dục và Đào tạo tỉnh Mẫu", "SGDĐT"),
    ("Sở Lao động – Thương binh và Xã hội tỉnh Mẫu", "SLĐTBXH"),
    ("Sở Thông tin và Truyền thông tỉnh Mẫu", "STTTT"),
    ("Báo Mẫu", "BÁO"),
]
BLOC = "Khối 3"
FLAG = "Cờ thi đua của Ủy ban nhân dân tỉnh"
COUNCIL = "Hội đồng Thi đua – Khen thưởng tỉnh Mẫu"
CAMPAIGN = f"Phát động phong trào thi đua năm {YEAR}"
ITEMS = [
    "Hoàn thành xuất sắc nhiệm vụ chính trị được giao",
    "Xây dựng cơ quan, công sở văn hóa",
    "Cải cách hành chính, chuyển đổi số",
    "Thực hành tiết kiệm, chống lãng phí",
    "Phòng, chống tham nhũng",
    "Xây dựng tổ chức đảng, đoàn thể vững mạnh",
    "Bảo đảm an ninh, trật tự cơ quan",
    "Chăm lo đời sống người lao động",
    "Phong trào văn hóa, thể thao",
    "Công tác thi đua, khen thưởng",
]

from bloc_year_driver import (  # noqa: E402
    OFFICE,
    PASSWORD,
    ROOT_UNIT,
    Counter,
    User,
    email_link,
    pk_from,
    serve,
)


def pasted(rows):
    """Lines copied from the office's spreadsheet, as the clipboard holds them: a tab between cells."""
    return "\n".join("\t".join(str(cell) for cell in row) for row in rows)


def units_by_tree_import(user, state):
    user.log_in(OFFICE)
    user.link("Nhập các đơn vị trực thuộc", within="#office-setup")  # the dashboard's first step
    # The office's list of units, copied from its spreadsheet in the order the page gives (code, name, short name,
    # kind; the other columns empty) and pasted.
    rows = [(short, name, short, "Sở, ngành") for name, short in UNITS]
    user.fill("main textarea[name=pasted]", pasted(rows))
    user.click("main form button[type=submit]")
    user.button("Xác nhận nhập")
    assert all(name in user.text() for name, _short in UNITS), user.text()[:2000]


def next_setup_step(user, label):
    """The next of the office's first steps, linked at the top of the page the last one ended on."""
    user.link(label, within="#setup-next")


def bloc_with_six_members(user, state):
    next_setup_step(user, "Tạo khối thi đua cùng các đơn vị thành viên, khối trưởng, khối phó")
    user.fill("input[name=name]", BLOC)
    user.fill("input[name=full_name]", "Khối thi đua các cơ quan Văn hóa – Xã hội tỉnh Mẫu")
    user.choose("organizer", ROOT_UNIT)
    # Its members for the year, with the leader and vice-leader, in the same form.
    form = user.page.locator("#more")
    form.locator("input[name=members-year]").fill(str(YEAR))
    for name, _short in UNITS:
        user.tick(form.get_by_label(name, exact=True))
    form.locator("select[name=members-leader]").select_option(label=UNITS[0][0])
    form.locator("select[name=members-vice_leader]").select_option(label=UNITS[1][0])
    user.click("main form button[type=submit]")
    state["bloc"] = pk_from(user.page.url, r"/blocs/(\d+)/")
    assert user.page.locator("#members tr").count() == 6, user.text()[:2000]


CLERKS = [(f"Nguyễn Thị Văn Thư {index + 1}", f"vanthu{index + 1}@mau.gov.vn") for index in range(len(UNITS))]
COUNCIL_SEATS = [  # (full name, email, position); the office's own account is the secretary
    ("Trần Văn Chủ Tịch", "chutich@mau.gov.vn", "chair"),
    (None, None, "secretary"),
    *[(f"Lê Văn Ủy Viên {index}", f"uyvien{index}@mau.gov.vn", "member") for index in range(1, 6)],
]


def clerk_accounts_from_excel(user, state):
    next_setup_step(user, "Mời cán bộ làm công tác thi đua của các đơn vị")
    # One line a person, in the columns the page lists (name, email, unit, role), without the heading row.
    rows = [
        (full_name, email, short, "Cán bộ thi đua đơn vị")
        for (full_name, email), (_name, short) in zip(CLERKS, UNITS, strict=True)
    ]
    user.fill("main textarea[name=pasted]", pasted(rows))
    user.click("main form button[type=submit]")
    user.button("Xác nhận nhập")
    assert all(email in user.text() for _name, email in CLERKS), user.text()[:2000]


def council_of_seven(user, state):
    next_setup_step(user, "Lập Hội đồng Thi đua – Khen thưởng và các thành viên")
    user.fill("input[name=name]", COUNCIL)
    user.choose("level", "Tỉnh")
    user.choose("unit", ROOT_UNIT)
    user.page.select_option("select[name=decision_issuer]", "authority")
    user.click("main form button[type=submit]")
    form = user.page.locator("#seat-several")
    for index, (full_name, email, position) in enumerate(COUNCIL_SEATS):
        if full_name:
            form.locator(f"input[name=seat{index}-full_name]").fill(full_name)
            form.locator(f"input[name=seat{index}-email]").fill(email)
        else:
            account = form.locator(f"select[name=seat{index}-account] option", has_text="vanphong@mau.gov.vn")
            form.locator(f"select[name=seat{index}-account]").select_option(account.get_attribute("value"))
        form.locator(f"select[name=seat{index}-position]").select_option(position)
    user.click(form.locator("button[type=submit]"))
    assert user.page.locator("#council-members tbody tr").count() == 7, user.text()[:2000]


MILESTONES = [  # (kind, due): all still ahead in the campaign's year; the form names them and says who acts
    ("registration", f"15/12/{YEAR}"),
    ("yearend_report", f"20/12/{YEAR}"),
    ("vote_meeting", f"25/12/{YEAR}"),
]
CRITERIA = [  # (group, label, text, maximum, kind)
    ("I", "1", "Thực hiện nhiệm vụ chuyên môn", 40, "Tiêu chí"),
    ("I", "2", "Cải cách hành chính, chuyển đổi số", 20, "Tiêu chí"),
    ("II", "3", "Công tác thi đua, khen thưởng", 20, "Tiêu chí"),
    ("II", "4", "Xây dựng tổ chức đảng, đoàn thể", 20, "Tiêu chí"),
    ("III", "5", "Sáng kiến được công nhận", 5, "Điểm cộng"),
]


def campaign_with_items_and_milestones(user, state):
    user.link("Phong trào thi đua", within="nav", exact=True)
    user.link("Tạo phong trào mới")
    user.choose("issuer", UNITS[0][0])
    user.choose("issuing_bloc", BLOC)  # its members take part: no bloc to tick
    user.fill("input[name=name]", CAMPAIGN)
    user.fill("input[name=year]", str(YEAR))
    user.choose("council", COUNCIL)
    user.fill("textarea[name=signer_title]", "TM. KHỐI 3\nKHỐI TRƯỞNG\nGIÁM ĐỐC")
    user.fill("textarea[name=items]", "\n".join(f"{index}. {text}" for index, text in enumerate(ITEMS, 1)))
    for kind, due in MILESTONES:
        user.fill(f"input[name=due_{kind}]", due)
    user.click("main form button[type=submit]")
    state["campaign"] = pk_from(user.page.url, r"/campaigns/(\d+)/")
    assert user.page.locator("#content-items li").count() == len(ITEMS), user.text()[:2000]
    assert user.page.locator("#participants li").count() == len(UNITS), user.text()[:2000]


def scoring_table_from_excel(user, state):
    # The campaign's page says its scoring table is empty and leads to its import.
    user.link("Nhập từ tệp Excel hoặc dán các dòng", within="#scoring-table-empty")
    rows = [("Nhóm", "STT", "Tiêu chí", "Điểm tối đa", "Loại"), *CRITERIA]
    user.fill("main textarea[name=pasted]", pasted(rows))
    user.click("main form button[type=submit]")
    user.button("Xác nhận nhập")
    assert CRITERIA[-1][2] in user.text(), user.text()[:2000]


def campaign_opened(user, state):
    user.link(CAMPAIGN, within="main .breadcrumb")
    user.fill("#status-reason", "Bắt đầu năm thi đua.")
    user.button("Mở phong trào")
    assert "Đang triển khai" in user.text("#campaign-status"), user.text()[:2000]
    assert user.page.locator("#participants li").count() == len(UNITS)


def set_password_from_email(user, state, email, subject):
    """A person without a password yet opens the link of the email that asks them to act (one action): it sets
    their password, then opens the page the email is about."""
    user.log_out()
    link = email_link(state["workdir"], email, subject)
    assert "/accounts/invitation/" in link and "next=" in link, link
    user.goto(link)
    user.fill("input[name=new_password1]", PASSWORD)
    user.fill("input[name=new_password2]", PASSWORD)
    user.button("Đặt mật khẩu và đăng nhập")


def log_in_from_email(user, state, username, email, subject):
    """A person with a password opens the link of the email that asks them to act, logs in and lands there."""
    user.log_out()
    user.log_in(username, at=email_link(state["workdir"], email, subject))


def next_step(user, expected):
    """The dashboard's "Next:" link of the user's unit, the way the app leads a clerk; it must lead to `expected`."""
    link = user.page.locator(".unit-progress .next-action a").first
    href = link.get_attribute("href")
    assert expected in href, (expected, href, user.text()[:1500])
    user.click(link)


def waiting(user, expected):
    """The dashboard's "Waiting for you" entry leading to `expected`."""
    links = user.page.locator(".compiler-tasks a, #council-work a, #office-waiting a")
    for link in links.all():
        if expected in (link.get_attribute("href") or ""):
            user.click(link)
            return
    raise AssertionError(f"nothing waiting leads to {expected}: {user.text()[:1500]}")


def units_register(user, state):
    for _full_name, email in CLERKS:
        # The campaign's opening asked each unit to register: its email leads to the unit's form.
        set_password_from_email(user, state, email, "Đăng ký thi đua")
        assert "/registrations/units/" in user.page.url, user.page.url
        targets = user.page.locator("#items textarea, #items input[type=text]")
        for index in range(targets.count()):
            targets.nth(index).fill("Hoàn thành 100% kế hoạch năm")
        # The flag of the province's People's Committee: the title the bloc's vote and the council decide on.
        user.tick(user.page.locator("#collective tbody tr").first.locator("input[type=checkbox]").nth(2))
        user.button("Gửi đăng ký")
        assert "Đã gửi" in user.text() or "đã gửi" in user.text(), user.text()[:2000]


def leader_accepts_all(user, state):
    user.log_out()
    user.log_in("vanthu1@mau.gov.vn")
    waiting(user, "/registrations/")
    user.button("Duyệt các bản đăng ký đã đánh dấu")
    assert user.page.locator("#units").inner_text().count("Đã chấp nhận") == len(UNITS), user.text()[:2000]


def self_scores(index):
    """Each unit's own points, different enough for a ranking: the first unit best."""
    return [40 - index, 20 - index % 3, 18 - index, 17 + index % 2, 5 - index % 4]


def units_send_self_assessments(user, state):
    for index, (_full_name, email) in enumerate(CLERKS):
        user.log_out()
        user.log_in(email)
        next_step(user, "/self/")
        boxes = user.page.locator("#self-scores input[name^=points_]")
        for box, points in zip(boxes.all(), self_scores(index), strict=True):
            box.fill(str(points))
        user.button("Gửi bản tự chấm")
        assert "đã gửi" in user.text().lower(), user.text()[:2000]


def leader_scores_and_publishes(user, state):
    user.log_out()
    user.log_in("vanthu1@mau.gov.vn")
    waiting(user, "/scoring/")  # the self-assessments received, not scored yet
    user.button("Đồng ý điểm tự chấm của mọi đơn vị")  # every unit scored: on to the ranking
    user.button("Chốt và công bố kết quả")  # and the dialog's OK
    assert "đã công bố" in user.text().lower(), user.text()[:2000]


def leader_records_the_vote(user, state):
    user.click("#to-vote")  # the published ranking leads to the vote
    user.fill("input[name=held_on]", time.strftime("%d/%m/%Y"))
    presence = user.page.locator("main input[name^=present_]")
    for box in presence.all():
        if not box.is_checked():
            user.tick(box)
    # Every other unit votes the first (best-scored) unit for the province's flag: its column of the grid.
    state["flag_unit"] = UNITS[0][0]
    grid = user.page.locator("main .card", has=user.page.locator(".vote-grid")).filter(has_text=FLAG)
    headings = [text.strip() for text in grid.locator("thead th").all_inner_texts()]
    column = headings.index(UNITS[0][1])
    for row in grid.locator("tbody tr").all():
        box = row.locator("td").nth(column).locator("input[type=checkbox]")
        if box.count():
            user.tick(box)
    user.button("Ghi kết quả bình bầu")
    assert "đã ghi" in user.text().lower(), user.text()[:2000]


def leader_proposes(user, state):
    user.button("Lập tờ trình từ kết quả bình bầu", within="#vote-proposal")
    state["proposal"] = pk_from(user.page.url, r"/proposals/(\d+)/")
    assert state["flag_unit"] in user.text(), user.text()[:2000]
    user.button(f"Trình {COUNCIL}")  # and the dialog's OK
    assert "đã trình" in user.text().lower() or "chờ" in user.text().lower(), user.text()[:2000]


def secretary_opens_the_ballot(user, state):
    user.log_out()
    user.log_in(OFFICE)
    waiting(user, "#ballot-open")
    if user.page.locator("main").get_by_role("link", name="Xác nhận hoặc nhập quy định đang có hiệu lực").count():
        # The province has not yet confirmed the national rule set's defaults: the ballot waits for it.
        user.link("Xác nhận hoặc nhập quy định đang có hiệu lực")
        user.button("Xác nhận")  # and back to the proposal
    user.page.locator("#ballot-open input[name=held_on]").fill(time.strftime("%d/%m/%Y"))
    user.button("Mở phiếu")
    assert user.page.url.endswith("/ballot/"), user.text()[:3000]


def cast_ballot(user):
    for line in user.page.locator("#ballot-lines tbody tr").all():
        user.tick(line.locator("input[type=radio]").first)  # the first choice: in favour
    user.button("Ghi phiếu")


def council_votes(user, state):
    # The secretary's own ballot first: the office's account holds the seat.
    assert user.page.url.endswith(f"/proposals/{state['proposal']}/ballot/"), user.page.url  # where opening led
    cast_ballot(user)
    for full_name, email, _position in COUNCIL_SEATS:
        if not full_name:
            continue
        # The ballot's opening email leads each member, password first, to their ballot.
        set_password_from_email(user, state, email, "Hội đồng mở phiên bỏ phiếu")
        assert user.page.url.endswith(f"/proposals/{state['proposal']}/ballot/"), user.page.url
        cast_ballot(user)


def secretary_counts(user, state):
    log_in_from_email(user, state, OFFICE, "vanphong@mau.gov.vn", "Mọi thành viên đã bỏ phiếu")
    user.button("Kiểm phiếu")
    assert "kiểm phiếu" in user.text().lower(), user.text()[:2000]


def decision_prepared_and_issued(user, state):
    user.click("#to-decision")  # the counted ballot leads its secretary to the decision
    dated = user.page.locator("main input[name=signed_on], main input[name=dated], main input[name$=_on]")
    for box in dated.all():
        if not box.input_value():
            box.fill(time.strftime("%d/%m/%Y"))
    user.button("Soạn quyết định trình Chủ tịch")
    log_in_from_email(user, state, "chutich@mau.gov.vn", "chutich@mau.gov.vn", "Quyết định khen thưởng chờ ban hành")
    user.button("Ban hành quyết định")  # and the dialog's OK
    assert "/decision/" not in user.page.url or "đã ban hành" in user.text().lower(), user.text()[:2000]


def certificates_printed(user, state):
    log_in_from_email(user, state, OFFICE, "vanphong@mau.gov.vn", "Đã ban hành quyết định khen thưởng")
    pdf = user.open_pdf(user.page.locator("main").get_by_role("link", name="Toàn bộ bằng khen, giấy khen (PDF)"))
    assert pdf.ok, pdf.status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the work directory and print where it is")
    parser.add_argument("--shots", help="a directory for a screenshot where a step fails")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    workdir = tempfile.mkdtemp(prefix="bloc-year-")
    server, base = serve(workdir)
    counter, state = Counter(), {"workdir": workdir}
    steps = [
        ("1. Office: six units by the tree import (pasted from Excel)", units_by_tree_import),
        ("2. Office: the bloc with its six members (one form)", bloc_with_six_members),
        ("3. Office: six unit clerks invited, lines pasted from Excel", clerk_accounts_from_excel),
        ("4. Office: the council of seven (one form)", council_of_seven),
        ("5. Office: the campaign, ten items pasted, three milestones", campaign_with_items_and_milestones),
        ("6. Office: the scoring table (pasted from Excel)", scoring_table_from_excel),
        ("7. Office: the campaign opened", campaign_opened),
        ("8. Six clerks: password from the campaign's email, registered", units_register),
        ("9. Leader: the six registrations accepted at once", leader_accepts_all),
        ("10. Six clerks: self-assessment sent", units_send_self_assessments),
        ("11. Leader: agrees with all self-scores, finalises, publishes", leader_scores_and_publishes),
        ("12. Leader: records the bloc's vote", leader_records_the_vote),
        ("13. Leader: the proposal from the vote, sent to the council", leader_proposes),
        ("14. Secretary: opens the ballot", secretary_opens_the_ballot),
        ("15. Council: seven ballots (six set a password first)", council_votes),
        ("16. Secretary: counts the ballot", secretary_counts),
        ("17. Secretary prepares the decision, the chair issues it", decision_prepared_and_issued),
        ("18. Office: the certificates printed (PDF)", certificates_printed),
    ]
    failed = None
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            page.set_default_timeout(15000)
            # A confirmation dialog answered OK is one more click.
            page.on("dialog", lambda dialog: (counter.add("click"), dialog.accept()))
            user = User(page, counter, base)
            for name, step in steps:
                counter.start(name)
                try:
                    step(user, state)
                except Exception as error:  # a partial count is still a count: say where it stopped
                    failed = (name, error)
                    if args.shots:
                        Path(args.shots).mkdir(parents=True, exist_ok=True)
                        page.screenshot(path=str(Path(args.shots) / "failed.png"), full_page=True)
                        Path(args.shots, "failed.html").write_text(page.content())
                    break
            browser.close()
    finally:
        server.terminate()
        server.wait()
    print(counter.table())
    if failed:
        print(f"\nSTOPPED in step {failed[0]!r} at {user.page.url}: {failed[1]!r}"[:3000])
    if args.keep:
        print(f"\nwork directory: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
