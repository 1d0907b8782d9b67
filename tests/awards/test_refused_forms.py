"""A council's forms that refuse what was typed show it again, with why, and change nothing."""

import re

from django.urls import reverse

from awards.models import CouncilBallot, Proposal
from awards.selectors import ballot_title_thresholds
from campaigns.models import Campaign
from organisation.models import Person
from tests.awards.test_decisions import submitted
from tests.awards.test_way_up import agency  # noqa: F401  (the fixture)


def field_value(page, name):
    """The value an <input name=…> of the page holds."""
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert match, name
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else None


def test_refused_ballot_open_keeps_what_was_typed(client, world):
    proposal = submitted(world, [("ldtt", Person.objects.create(unit=world["unit_a"], full_name="Trần Văn An"))])
    client.force_login(world["secretary"])
    typed = {"held_on": "31/02/2021", "confirm": "1"}
    council_set = [item for item in ballot_title_thresholds(proposal=proposal) if item.council_sets]
    typed |= {f"threshold_{item.title.pk}": "72,5" for item in council_set}
    url = reverse("awards:ballot_open", args=[proposal.pk])

    # A date that does not exist: the page comes back with the form as typed and the reason beside it.
    response = client.post(url, typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert field_value(page, "held_on") == "31/02/2021"
    assert all(field_value(page, name) == "72,5" for name in typed if name.startswith("threshold_"))
    assert "Nhập một ngày hợp lệ." in page
    assert not CouncilBallot.objects.exists()

    # A refusal of the service (the campaign is closed) keeps what was typed too, and says why.
    Campaign.objects.filter(pk=world["campaign"].pk).update(status=Campaign.Status.CLOSED)
    typed["held_on"] = "25/02/2021"
    response = client.post(url, typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert field_value(page, "held_on") == "25/02/2021"
    assert "Phong trào đã kết thúc" in page
    assert not CouncilBallot.objects.exists()


def test_refused_forward_keeps_what_was_typed(client, agency):  # noqa: F811
    client.force_login(agency["clerk_a"])
    url = reverse("awards:forward", args=[agency["proposal"].pk])
    response = client.post(url, {"number": "20/TTr-SVH", "dated": "32/01/2021"})
    assert response.status_code == 400
    page = response.content.decode()
    assert field_value(page, "number") == "20/TTr-SVH" and field_value(page, "dated") == "32/01/2021"
    assert not Proposal.objects.filter(forwarded_from=agency["proposal"]).exists()


def test_refused_return_keeps_the_reason(client, world):
    proposal = submitted(world, [("ldtt", Person.objects.create(unit=world["unit_a"], full_name="Trần Văn An"))])
    client.force_login(world["secretary"])
    reason = "Thiếu biên bản họp. " * 120
    response = client.post(reverse("awards:return", args=[proposal.pk]), {"reason": reason})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Lý do quá dài: tối đa 2000 ký tự" in page
    assert reason.strip() in page
    assert Proposal.objects.get(pk=proposal.pk).status == "submitted"
