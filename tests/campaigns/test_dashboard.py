"""The dashboards say where each unit stands and what waits for whom, and link only where the reader may go."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.registrations.test_registrations import edit_url, form_data


def year_work(client):
    page = client.get(reverse("dashboard")).content.decode()
    match = re.search(r'<section id="year-work".*?</section>', page, flags=re.S)
    return unescape(re.sub(r"\s+", " ", match.group(0))) if match else ""


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_a_clerk_sees_where_the_unit_stands_and_the_next_action_with_its_deadline(login, reg):
    clerk = login(reg["clerk_b"])
    work = year_work(clerk)
    assert "Sở Y tế Thử" in work and "Phong trào thi đua năm 2020" in work
    due = reg["campaign"].milestones.get(kind="registration").due_on.strftime("%d/%m/%Y")
    assert f"Việc tiếp theo: Gửi đăng ký · trước ngày {due} (còn 10 ngày)" in text(work)
    assert f'<a href="{edit_url(reg)}">Gửi đăng ký</a>' in work
    for step in [
        "Đăng ký thi đua",
        "Báo cáo sơ kết 6 tháng",
        "Tự chấm điểm cuối năm",
        "Kết quả công bố",
        "Khen thưởng",
    ]:
        assert step in work
    clerk.post(edit_url(reg), form_data(reg, action="submit"))
    # The campaign asks for no mid-year report: the year-end self-assessment is next.
    work = year_work(login(reg["clerk_b"]))
    assert "Việc tiếp theo: Tự chấm điểm và gửi" in text(work)
    assert "Chưa công bố" in work
    reg["campaign"].milestones.create(kind="midyear_report", name="Báo cáo sơ kết", due_on=date(2099, 6, 15))
    assert "Việc tiếp theo: Gửi báo cáo sơ kết" in text(year_work(login(reg["clerk_b"])))


def next_action(client):
    match = re.search(r'<div class="card-body[^"]*next-action">.*?</div>', year_work(client), flags=re.S)
    return text(match.group(0)) if match else ""


def test_the_next_step_is_never_a_past_step_that_no_longer_matters(login, reg):
    login(reg["clerk_b"]).post(edit_url(reg), form_data(reg, action="submit"))
    today = timezone.localdate()
    campaign = reg["campaign"]
    # The mid-year report asked for and due: it is the next step.
    midyear = campaign.milestones.create(kind="midyear_report", name="Sơ kết", due_on=today + timedelta(days=5))
    assert "Gửi báo cáo sơ kết" in next_action(login(reg["clerk_b"]))
    # Its day gone, the year-end's ahead: the year-end leads, the mid-year report is no longer proposed.
    midyear.due_on = today - timedelta(days=174)
    midyear.save()
    yearend = campaign.milestones.create(kind="yearend_report", name="Tổng kết", due_on=today + timedelta(days=20))
    shown = next_action(login(reg["clerk_b"]))
    assert "Tự chấm điểm và gửi" in shown and "sơ kết" not in shown
    # After the year-end too: the self-assessment, late, and still no mid-year reminder.
    yearend.due_on = today - timedelta(days=3)
    yearend.save()
    shown = next_action(login(reg["clerk_b"]))
    assert "Tự chấm điểm và gửi" in shown and "quá hạn 3 ngày" in shown and "quá hạn 174" not in shown
    # Without a mid-year milestone, the mid-year report is never the next step, however things stand.
    midyear.delete()
    shown = next_action(login(reg["clerk_b"]))
    assert "Tự chấm điểm và gửi" in shown and "sơ kết" not in shown


def test_the_leader_sees_what_waits_and_reaches_its_own_units_forms_in_one_click(login, reg):
    login(reg["clerk_b"]).post(edit_url(reg), form_data(reg, action="submit"))
    leader = login(reg["leader"])
    work = year_work(leader)
    overview = reverse("registrations:overview", args=[reg["campaign"].pk])
    assert re.search(rf'<a href="{overview}">Bản đăng ký chờ chấp nhận hoặc trả lại</a>\s*<span[^>]*>1</span>', work)
    own = edit_url(reg, unit="unit_a")
    assert f'href="{own}"' in work  # the leader's own unit, one click away
    assert f'href="{own}"' in leader.get(reverse("campaigns:detail", args=[reg["campaign"].pk])).content.decode()
    assert f'href="{own}"' in leader.get(reverse("organisation:unit_detail", args=[reg["unit_a"].pk])).content.decode()
    assert f'href="{own}"' in leader.get(overview).content.decode()
    assert leader.get(own).status_code == 200


LINK = re.compile(r'href="(/[^"#]*)"')
SKIP = ("/admin/", "/static/", "/accounts/logout/")


@pytest.mark.parametrize("role", ["clerk_a", "clerk_b", "leader", "clerk_c", "member", "secretary", "office", "admin"])
def test_no_link_leads_to_a_refusal(login, reg, sw, role):
    login(reg["clerk_b"]).post(edit_url(reg), form_data(reg, action="submit"))
    client = login(reg[role])
    pages = [
        reverse("dashboard"),
        reverse("campaigns:detail", args=[reg["campaign"].pk]),
        reverse("organisation:unit_detail", args=[reg["unit_a"].pk]),
        reverse("organisation:unit_detail", args=[reg["unit_b"].pk]),
    ]
    links = set()
    for page in pages:
        response = client.get(page)
        if response.status_code == 200:
            links |= {unescape(link) for link in LINK.findall(response.content.decode()) if not link.startswith(SKIP)}
    assert links
    refused = {link: client.get(link).status_code for link in sorted(links)}
    assert not {link: status for link, status in refused.items() if status in (403, 404)}


def test_a_council_member_is_linked_to_no_campaign_page_they_would_be_refused(login, world):
    """A campaign of a bloc under the council, but not reviewed by it (the demo's campaign 6): its members see the
    campaign and its proposals, not the registrations or the scoring of units they do not read."""
    campaign = world["campaign"]
    campaign.council = None
    campaign.save()
    client = login(world["member"])
    page = client.get(reverse("dashboard")).content.decode()
    listed = re.search(r'<ul class="list-group list-group-flush" id="my-campaigns">.*?</ul>', page, flags=re.S).group(0)
    links = [unescape(link) for link in LINK.findall(listed)]
    assert reverse("campaigns:detail", args=[campaign.pk]) in links
    assert reverse("awards:campaign", args=[campaign.pk]) in links
    assert reverse("registrations:overview", args=[campaign.pk]) not in links
    assert reverse("scoring:hub", args=[campaign.pk]) not in links
    assert {link: client.get(link).status_code for link in links} == {link: 200 for link in links}
    # The campaign's own page shows the same buttons only.
    detail = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert reverse("scoring:hub", args=[campaign.pk]) not in detail
    # A member of the reviewing council reads everything: the links come back and open.
    campaign.council = world["council"]
    campaign.save()
    page = client.get(reverse("dashboard")).content.decode()
    listed = re.search(r'<ul class="list-group list-group-flush" id="my-campaigns">.*?</ul>', page, flags=re.S).group(0)
    links = [unescape(link) for link in LINK.findall(listed)]
    assert reverse("scoring:hub", args=[campaign.pk]) in links
    assert {link: client.get(link).status_code for link in links} == {link: 200 for link in links}
