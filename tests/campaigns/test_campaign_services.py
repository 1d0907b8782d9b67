from datetime import date

import pytest
from django.core.exceptions import ValidationError

from activity.models import ActivityLog
from campaigns import services
from campaigns.models import Campaign, Phase
from organisation import services as org_services
from organisation.models import BlocMembership, Unit


def test_phase_save_logs_who_and_when(world):
    phase = Phase(campaign=world["campaign"], number=1, starts_on=date(2020, 1, 1), ends_on=date(2020, 5, 30))
    services.campaign_part_save(user=world["leader"], part=phase)
    entry = ActivityLog.objects.get(action="phase.created")
    assert entry.user == world["leader"]
    assert entry.subject == world["campaign"]
    assert entry.data["phase"] == phase.pk


def test_phase_save_refuses_a_duplicate_number_with_a_message(world):
    services.campaign_part_save(
        user=world["leader"],
        part=Phase(campaign=world["campaign"], number=1, starts_on=date(2020, 1, 1), ends_on=date(2020, 2, 1)),
    )
    with pytest.raises(ValidationError):
        services.campaign_part_save(
            user=world["leader"],
            part=Phase(campaign=world["campaign"], number=1, starts_on=date(2020, 3, 1), ends_on=date(2020, 4, 1)),
        )
    assert Phase.objects.filter(campaign=world["campaign"]).count() == 1


def test_campaign_update_refuses_a_stale_edit_and_keeps_the_other_save(world):
    first = Campaign.objects.get(pk=world["campaign"].pk)
    second = Campaign.objects.get(pk=world["campaign"].pk)
    first.slogan = "Khẩu hiệu của người thứ nhất"
    services.campaign_update(user=world["leader"], campaign=first, expected_version=1)
    second.slogan = "Khẩu hiệu của người thứ hai"
    with pytest.raises(services.StaleEdit) as stale:
        services.campaign_update(user=world["secretary"], campaign=second, expected_version=1)
    assert stale.value.current.slogan == "Khẩu hiệu của người thứ nhất"
    assert Campaign.objects.get(pk=world["campaign"].pk).slogan == "Khẩu hiệu của người thứ nhất"
    change = ActivityLog.objects.get(action="campaign.changed")
    assert change.data["slogan"] == ["", "Khẩu hiệu của người thứ nhất"]


def test_campaign_year_cannot_move_away_from_its_phases(world):
    services.campaign_part_save(
        user=world["leader"],
        part=Phase(campaign=world["campaign"], number=1, starts_on=date(2020, 1, 1), ends_on=date(2020, 5, 30)),
    )
    campaign = Campaign.objects.get(pk=world["campaign"].pk)
    campaign.year = 2021
    with pytest.raises(ValidationError):
        services.campaign_update(user=world["leader"], campaign=campaign, expected_version=campaign.version)
    assert Campaign.objects.get(pk=campaign.pk).year == 2020


def test_bloc_membership_refuses_a_unit_already_in_another_bloc(world):
    with pytest.raises(ValidationError) as error:
        org_services.bloc_membership_set(
            user=world["admin"], bloc=world["other_bloc"], year=2020, unit=world["unit_a"], role="member"
        )
    assert "Khối 1" in str(error.value)


def test_bloc_membership_refuses_a_second_leader_until_the_first_steps_down(world):
    with pytest.raises(ValidationError):
        org_services.bloc_membership_set(
            user=world["admin"], bloc=world["bloc"], year=2020, unit=world["unit_b"], role="leader"
        )
    org_services.bloc_membership_set(
        user=world["admin"], bloc=world["bloc"], year=2020, unit=world["unit_a"], role="member"
    )
    org_services.bloc_membership_set(
        user=world["admin"], bloc=world["bloc"], year=2020, unit=world["unit_b"], role="leader"
    )
    assert BlocMembership.objects.get(bloc=world["bloc"], year=2020, role="leader").unit == world["unit_b"]
    assert ActivityLog.objects.filter(action="bloc.member_set", user=world["admin"]).count() == 2


def test_bloc_membership_adds_a_new_member_for_a_year(world):
    newcomer = Unit.objects.create(name="Báo Thử")
    org_services.bloc_membership_set(user=world["admin"], bloc=world["bloc"], year=2021, unit=newcomer, role="member")
    assert BlocMembership.objects.filter(bloc=world["bloc"], year=2021, unit=newcomer).exists()
