"""A proposal's lines edited by two people, and by a form that shows only some of a line's fields."""

import re
from datetime import date

import pytest
from django.urls import reverse

from activity.models import ActivityLog
from awards.models import Proposal, ProposalLine
from campaigns.models import Title
from organisation.models import Person


@pytest.fixture
def line(world):
    proposal = Proposal.objects.create(
        campaign=world["campaign"],
        kind="unit",
        proposer=world["unit_a"],
        council=world["council"],
        summary="Đề nghị khen thưởng năm 2020",
        number="12/TTr-SVH",
        dated=date(2021, 1, 20),
        place="Thử",
        created_by=world["clerk_a"],
    )
    person = Person.objects.create(unit=world["unit_a_sub"], full_name="Lê Thị Hoa")
    return ProposalLine.objects.create(
        proposal=proposal,
        position=1,
        title=Title.objects.get(code="bang-khen-tinh-ca-nhan"),
        person=person,
        achievements="Hoàn thành xuất sắc nhiệm vụ năm 2020, có sáng kiến được công nhận.",
    )


def line_form(client, line):
    """What the proposal page's form of this line posts as it stands: its hidden fields, box and text."""
    page = client.get(reverse("awards:detail", args=[line.proposal_id])).content.decode()
    return line_form_from(page, reverse("awards:line_change", args=[line.proposal_id, line.pk]))


def test_saving_outstanding_keeps_achievements_text(client, world, line):
    client.force_login(world["clerk_a"])
    action, data = line_form(client, line)
    assert data["achievements"] == line.achievements  # the page shows the text it saves back
    response = client.post(action, data | {"outstanding": "on"})
    assert response.status_code == 302
    saved = ProposalLine.objects.get(pk=line.pk)
    assert saved.outstanding and saved.achievements == line.achievements
    # A form that shows only the box (as the page's used to) changes the box and nothing else.
    client.post(action, {"fields": ["outstanding"], "version": saved.version})
    saved = ProposalLine.objects.get(pk=line.pk)
    assert not saved.outstanding and saved.achievements == line.achievements and saved.version == 2


def test_stale_proposal_line_save_is_refused_and_shows_the_other_values(client, world, line):
    first, second = client, client.__class__()
    first.force_login(world["clerk_a"])
    second.force_login(world["leader"])
    action, loaded_first = line_form(first, line)  # the first loads the page
    _action, loaded_second = line_form(second, line)
    theirs = "Dẫn đầu khối về cải cách hành chính."
    assert second.post(action, loaded_second | {"achievements": theirs}).status_code == 302
    mine = "Chủ trì 3 đề tài cấp tỉnh."
    response = first.post(action, loaded_first | {"achievements": mine, "outstanding": "on"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Người khác đã lưu dòng này" in page
    assert re.search(rf'<td class="saved">{theirs}</td><td class="mine">{mine}</td>', page)
    assert re.search(r'<td class="saved">không</td><td class="mine">có</td>', page)
    current = ProposalLine.objects.get(pk=line.pk)
    assert current.achievements == theirs and not current.outstanding and current.version == 1
    assert ActivityLog.objects.filter(action="proposal.line_changed").count() == 1
    # Saving again from the refusal, which carries the saved version, is taken.
    _action, again = line_form_from(page, action)
    assert again["achievements"] == mine and again.get("outstanding") == "on"
    assert first.post(action, again).status_code == 302
    current = ProposalLine.objects.get(pk=line.pk)
    assert current.achievements == mine and current.outstanding and current.version == 2


def line_form_from(page, action):
    form = re.search(rf'<form method="post" action="{re.escape(action)}".*?</form>', page, re.S).group(0)
    data = {"fields": re.findall(r'name="fields" value="(\w+)"', form)}
    data["version"] = re.search(r'name="version" value="(\d+)"', form).group(1)
    data["achievements"] = re.search(r'name="achievements"[^>]*>(.*?)</textarea>', form, re.S).group(1)
    if re.search(r'name="outstanding" checked', form):
        data["outstanding"] = "on"
    return action, data
