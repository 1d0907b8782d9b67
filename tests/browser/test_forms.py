"""What every form does in the browser, whatever page it is on (static/js/thidua.js)."""

import pytest

from activity.models import ActivityLog
from campaigns.models import Campaign, Milestone
from tests.browser.test_browser import expect, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_cancelled_confirm_leaves_the_form_usable(page):
    campaign = Campaign.objects.get(name="Tổ chức và phát động phong trào thi đua năm 2020")
    milestones = Milestone.objects.filter(campaign=campaign)
    before = milestones.count()
    log_in(page, "khoi8.truong")
    page.goto(f"{page.base_url}/campaigns/{campaign.pk}/")
    row = page.locator("#milestones tbody tr").first
    milestone = milestones.get(name=row.locator("td").first.inner_text().splitlines()[0])
    delete = row.get_by_role("button", name="Xóa")
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    delete.click()
    # Cancelled: nothing sent, and the button is as it was.
    assert questions == ["Xóa mốc này?"]
    expect(delete).not_to_have_attribute("aria-disabled", "true")
    expect(delete).not_to_have_class("disabled")
    assert milestones.count() == before

    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    delete.click()
    expect(page.get_by_text("Đã xóa.")).to_be_visible()
    assert len(questions) == 2
    assert milestones.count() == before - 1
    assert not milestones.filter(pk=milestone.pk).exists()
    assert ActivityLog.objects.filter(action="milestone.deleted", data__milestone=milestone.pk).count() == 1
