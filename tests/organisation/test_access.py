"""Who sees and changes what, checked on the server whatever URL is typed.

Every view test has an owner, a member and an outsider (healthchecks' rule).
"""

import pytest
from django.urls import reverse

from organisation import access


def test_anonymous_users_are_sent_to_login(client, world):
    for url in [
        reverse("dashboard"),
        reverse("campaigns:list"),
        reverse("campaigns:detail", args=[world["campaign"].pk]),
        reverse("organisation:unit_detail", args=[world["unit_a"].pk]),
        reverse("organisation:bloc_detail", args=[world["bloc"].pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "username, expected",
    [
        ("clerk_a", 200),  # owner: its unit issued the campaign
        ("clerk_b", 200),  # member: its unit competes in the bloc
        ("clerk_c", 404),  # outsider
        ("leader", 200),
        ("leader_c", 404),  # leader of another bloc
        ("secretary", 200),  # the reviewing council
        ("member", 200),
        ("admin", 200),
    ],
)
def test_campaign_detail_by_role(login, world, username, expected):
    response = login(world[username]).get(reverse("campaigns:detail", args=[world["campaign"].pk]))
    assert response.status_code == expected


@pytest.mark.parametrize(
    "username, expected", [("clerk_a", 200), ("clerk_b", 404), ("clerk_c", 404), ("leader", 200), ("admin", 200)]
)
def test_unit_pages_are_for_the_unit_its_leader_and_council(login, world, username, expected):
    response = login(world[username]).get(reverse("organisation:unit_detail", args=[world["unit_a_sub"].pk]))
    assert response.status_code == expected


def test_clerk_cannot_open_another_units_page_by_typing_its_url(login, world):
    client = login(world["clerk_b"])
    assert client.get(reverse("organisation:unit_detail", args=[world["unit_a"].pk])).status_code == 404
    assert client.get(reverse("organisation:unit_detail", args=[world["unit_c"].pk])).status_code == 404
    assert client.get(reverse("organisation:unit_detail", args=[world["unit_b"].pk])).status_code == 200
    assert client.get(reverse("organisation:bloc_detail", args=[world["other_bloc"].pk])).status_code == 404
    assert client.get(reverse("campaigns:detail", args=[world["other_campaign"].pk])).status_code == 404


def test_bloc_leader_sees_member_units(login, world):
    assert login(world["leader"]).get(reverse("organisation:unit_detail", args=[world["unit_b"].pk])).status_code == 200


@pytest.mark.parametrize(
    "username, expected",
    [
        ("clerk_a", 200),
        ("leader", 200),
        ("office", 200),
        ("admin", 200),
        ("secretary", 403),
        ("clerk_b", 403),
        ("member", 403),
        ("clerk_c", 404),
        ("office_other", 404),
    ],
)
def test_only_the_issuer_the_leader_and_the_office_edit_a_campaign(login, world, username, expected):
    response = login(world[username]).get(reverse("campaigns:edit", args=[world["campaign"].pk]))
    assert response.status_code == expected


def test_member_cannot_add_a_phase_by_posting(login, world):
    response = login(world["clerk_b"]).post(
        reverse("campaigns:part_new", args=[world["campaign"].pk, "phases"]),
        {"number": 1, "starts_on": "01/01/2020", "ends_on": "30/05/2020"},
    )
    assert response.status_code == 403
    assert not world["campaign"].phases.exists()


def test_phase_of_another_campaign_cannot_be_reached_through_mine(login, world):
    other_phase = world["other_campaign"].phases.create(number=1, starts_on="2020-01-01", ends_on="2020-02-01")
    client = login(world["clerk_a"])
    url = reverse("campaigns:part_delete", args=[world["campaign"].pk, "phases", other_phase.pk])
    assert client.post(url).status_code == 404
    assert world["other_campaign"].phases.filter(pk=other_phase.pk).exists()


@pytest.mark.parametrize(
    "username, expected",
    [("office", 302), ("admin", 302), ("secretary", 403), ("leader", 403), ("clerk_b", 403), ("office_other", 404)],
)
def test_only_the_office_changes_bloc_membership(login, world, username, expected):
    response = login(world[username]).post(
        reverse("organisation:bloc_member_set", args=[world["bloc"].pk]),
        {"unit": world["unit_a_sub"].pk, "year": 2021, "role": "member"},
    )
    assert response.status_code == expected


def test_campaign_list_only_lists_visible_campaigns(login, world):
    response = login(world["clerk_c"]).get(reverse("campaigns:list"))
    assert list(response.context["campaigns"]) == [world["other_campaign"]]


def test_viewer_is_computed_once_per_request(world, django_assert_max_num_queries):
    user = world["leader"]
    access.viewer_for(user)
    with django_assert_max_num_queries(0):
        access.viewer_for(user)
