"""Odd input thrown at the rule book's and the merger's forms: never a server error, never anything half saved."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from activity.models import ActivityLog
from awards.models import AwardTerms, RuleSet, VoteThreshold
from organisation.models import UnitMerge
from tests.project.test_fuzz import (  # noqa: F401  (the autouse check that an example saved)
    FUZZ,
    check,
    odd_date,
    odd_number,
    odd_text,
    reaches_its_save_path,
    rolled_back,
    saved,
)


@pytest.fixture
def office(world, login):
    client = login(world["office"])
    client.raise_request_exception = False
    return {**world, "client": client}


@FUZZ
@example(name="Quy định tỉnh Thử", source="QĐ 15/2020/QĐ-UBND", start="01/01/2020", end="31/12/2020", copy="1")
@given(name=odd_text, source=odd_text, start=odd_date, end=odd_date, copy=odd_number)
def test_new_rule_set_form(office, name, source, start, end, copy):
    with rolled_back():
        before = counts()
        response = office["client"].post(
            reverse("awards:rule_set_new"),
            {
                "owner": office["province"].pk,
                "copy_from": RuleSet.objects.order_by("pk").first().pk if copy == "1" else copy,
                "name": name,
                "legal_source": source,
                "valid_from": start,
                "valid_to": end,
                "reason": "Tỉnh ban hành",
            },
        )
        check(response, before, RuleSet, VoteThreshold, AwardTerms, ActivityLog)
        assert response.status_code == 302 or name != "Quy định tỉnh Thử"


def counts():
    return {model.__name__: model.objects.count() for model in (RuleSet, VoteThreshold, AwardTerms, ActivityLog)}


@FUZZ
@example(quorum="66,67", members="", attendance="80", percent="50", over="present", reason="Đối chiếu")
@given(
    quorum=odd_number,
    members=odd_number,
    attendance=odd_number,
    percent=odd_number,
    over=st.one_of(odd_text, st.sampled_from(["all", "present"])),
    reason=odd_text,
)
def test_rule_set_figures_form(office, quorum, members, attendance, percent, over, reason):
    rule_set = RuleSet.objects.create(
        owner=office["province"], code="u-fuzz", name="Quy định", legal_source="QĐ 1/2020", valid_from="2020-01-01"
    )
    with rolled_back():
        before = {"version": rule_set.version, **counts()}
        response = office["client"].post(
            reverse("awards:rule_set_edit", args=[rule_set.pk]),
            {
                "version": rule_set.version,
                "name": "Quy định",
                "legal_source": "QĐ 1/2020",
                "valid_from": "01/01/2020",
                "quorum": quorum,
                "quorum_members": members,
                "attendance": attendance,
                "default_percent": percent,
                "default_counted_over": over,
                "default_source": "QĐ 1/2020, Điều 3",
                "reason": reason,
            },
        )
        assert response.status_code < 500
        if not saved(response):
            assert {"version": RuleSet.objects.get(pk=rule_set.pk).version, **counts()} == before
        assert response.status_code == 302 or (quorum, percent, reason) != ("66,67", "50", "Đối chiếu")
    rule_set.delete()


@FUZZ
@example(units="1", into="2", merged_on="01/07/2025", reason="Nghị quyết 1687/NQ-UBTVQH15")
@given(units=odd_number, into=odd_number, merged_on=odd_date, reason=odd_text)
def test_merge_form(office, units, into, merged_on, reason):
    from organisation.models import Unit

    if (units, into) == ("1", "2"):
        units, into = office["unit_a_sub"].pk, office["unit_b"].pk
    with rolled_back():
        before = {"merges": UnitMerge.objects.count(), "active": Unit.objects.filter(is_active=True).count()}
        response = office["client"].post(
            reverse("organisation:merges"), {"units": [units], "into": into, "merged_on": merged_on, "reason": reason}
        )
        assert response.status_code < 500
        if not saved(response):
            assert before == {
                "merges": UnitMerge.objects.count(),
                "active": Unit.objects.filter(is_active=True).count(),
            }
        else:
            assert UnitMerge.objects.count() == before["merges"] + 1
