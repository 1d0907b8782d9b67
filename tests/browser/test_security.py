"""The pages meet their Content-Security-Policy: no inline script, handler or style is refused anywhere."""

import pytest
from django.urls import reverse

from campaigns.models import Campaign
from organisation.models import Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAMPAIGN = "Tổ chức và phát động phong trào thi đua năm 2020"


def log_in(page, username):
    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "thidua2020")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{page.base_url}/")


def log_out(page):
    page.locator("form[action='/accounts/logout/'] button").evaluate("button => button.form.submit()")
    page.wait_for_url("**/accounts/login/")


def visit(page, path):
    response = page.goto(f"{page.base_url}{path}")
    assert response.status == 200, path
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")


def test_pages_meet_the_content_security_policy(page):
    campaign = Campaign.objects.filter(name=CAMPAIGN, year=2020).first()
    member = campaign.blocs.first().memberships.filter(year=2020, role="member").first().unit
    # The public side, outside the login: the published awards and the certificate check.
    for path in [reverse("public:awards"), reverse("public:certificate_form")]:
        visit(page, path)
    visit(page, "/accounts/login/")
    log_in(page, "khoi8.truong")
    for path in [
        "/",
        reverse("campaigns:detail", args=[campaign.pk]),
        reverse("scoring:hub", args=[campaign.pk]),
        reverse("scoring:score", args=[campaign.pk, member.pk]),
        reverse("scoring:ranking", args=[campaign.pk]),
        reverse("scoring:progress", args=[campaign.pk]),
        reverse("registrations:overview", args=[campaign.pk]),
    ]:
        visit(page, path)

    # A confirmation moved from an inline handler to thidua.js still asks, and "no" sends nothing.
    visit(page, reverse("campaigns:detail", args=[campaign.pk]))
    milestones = page.locator("#milestones tbody tr").count()
    assert milestones
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("form[data-confirm] button").first.click()
    assert asked and "?" in asked[0]
    assert page.locator("#milestones tbody tr").count() == milestones

    # The language switch sends its form when it changes, without an inline handler.
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    with page.expect_navigation():
        page.select_option("select[name=language]", "vi")
    assert page.locator("html").get_attribute("lang") == "vi"
    log_out(page)

    log_in(page, "bantdkt.travinh")
    province = Unit.objects.get(name="Ủy ban nhân dân tỉnh Trà Vinh")
    for path in [
        reverse("organisation:units"),
        reverse("organisation:accounts"),
        reverse("organisation:unit_detail", args=[province.pk]),
        reverse("honours:register"),
    ]:
        visit(page, path)
    log_out(page)

    visit(page, "/admin/login/")
    log_in(page, "admin")
    visit(page, "/admin/")
    assert page.csp_violations == []

    # The check sees a refusal: an inline handler put into the page is refused and reported.
    page.evaluate(
        'document.body.insertAdjacentHTML(\'beforeend\', \'<img alt="" src="/static/none.png" onerror="1">\')'
    )
    page.wait_for_timeout(300)
    assert any("inline event handler" in violation for violation in page.csp_violations)
    page.csp_violations.clear()
