"""Invariants the database itself holds, whatever code path writes."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from campaigns.models import Milestone, Phase
from organisation.models import Bloc, BlocMembership, CouncilMember, RoleAssignment, Unit


def test_unit_cannot_be_in_two_blocs_the_same_year(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        BlocMembership.objects.create(bloc=world["other_bloc"], unit=world["unit_a"], year=2020)
    # Another year is fine.
    BlocMembership.objects.create(bloc=world["other_bloc"], unit=world["unit_a"], year=2021)


def test_bloc_has_one_leader_and_one_vice_leader_per_year(world):
    extra = Unit.objects.create(name="Đài Phát thanh Thử")
    with pytest.raises(IntegrityError), transaction.atomic():
        BlocMembership.objects.create(bloc=world["bloc"], unit=extra, year=2020, role="leader")
    with pytest.raises(IntegrityError), transaction.atomic():
        BlocMembership.objects.create(bloc=world["bloc"], unit=extra, year=2020, role="vice_leader")


def test_leader_is_always_a_member_because_leadership_is_a_membership(world):
    # The leading unit holds the bloc's one membership of its year: it cannot be listed again as a member.
    with pytest.raises(IntegrityError), transaction.atomic():
        BlocMembership.objects.create(bloc=world["bloc"], unit=world["unit_a"], year=2020, role="member")
    # Stepping down from the lead leaves it a member, on the same row.
    leader = BlocMembership.objects.get(bloc=world["bloc"], year=2020, role="leader")
    leader.role = "member"
    leader.save()
    assert BlocMembership.objects.get(bloc=world["bloc"], year=2020, unit=world["unit_a"]).role == "member"


def test_phase_cannot_end_before_it_starts_in_the_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Phase.objects.create(campaign=world["campaign"], number=1, starts_on=date(2020, 5, 1), ends_on=date(2020, 4, 1))


def test_milestone_needs_a_due_date_or_a_whole_window(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.create(campaign=world["campaign"], kind="other", name="x", window_starts_on=date(2020, 7, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.create(
            campaign=world["campaign"],
            kind="other",
            name="x",
            due_on=date(2020, 7, 1),
            window_starts_on=date(2020, 7, 1),
            window_ends_on=date(2020, 7, 31),
        )
    window = Milestone.objects.create(
        campaign=world["campaign"],
        kind="midyear_meeting",
        name="Sơ kết",
        window_starts_on=date(2020, 7, 1),
        window_ends_on=date(2020, 7, 31),
    )
    assert window.deadline == date(2020, 7, 31)


def test_role_must_name_its_unit(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=world["clerk_a"], role="unit_clerk")


def test_a_council_has_one_chair_and_seats_each_person_once(world):
    CouncilMember.objects.create(council=world["council"], user=world["clerk_a"], position="chair")
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilMember.objects.create(council=world["council"], user=world["clerk_b"], position="chair")
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilMember.objects.create(council=world["council"], user=world["clerk_a"], position="member")


def test_phase_clean_refuses_overlap_and_other_years_in_vietnamese(world):
    Phase.objects.create(campaign=world["campaign"], number=1, starts_on=date(2020, 1, 1), ends_on=date(2020, 5, 30))
    overlapping = Phase(campaign=world["campaign"], number=2, starts_on=date(2020, 5, 1), ends_on=date(2020, 12, 30))
    with pytest.raises(ValidationError) as error:
        overlapping.full_clean()
    assert "trùng" in str(error.value)
    next_year = Phase(campaign=world["campaign"], number=3, starts_on=date(2020, 12, 31), ends_on=date(2021, 1, 5))
    with pytest.raises(ValidationError) as error:
        next_year.full_clean()
    assert "2020" in str(error.value)


def test_names_are_folded_and_sorted_on_save(db):
    Bloc.objects.create(name="Khối Đ")
    Bloc.objects.create(name="Khối D")
    Bloc.objects.create(name="Khối Ă")
    assert [b.name for b in Bloc.objects.all()] == ["Khối Ă", "Khối D", "Khối Đ"]
    assert Bloc.objects.filter(search_name__contains="khoi d").count() == 2
