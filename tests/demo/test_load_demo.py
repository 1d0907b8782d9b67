"""The demo's accounts share a published password: the demo loads only where that is safe.

The loads themselves are the fixtures': `demo` with DEBUG on, as the quick start does, `page` with --force.
"""

import os
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape

from campaigns.models import Campaign
from organisation.models import Unit
from scoring.models import Criterion


def test_load_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError) as refused:
        call_command("load_demo", stdout=open(os.devnull, "w"))
    assert "DEBUG=True" in str(refused.value) and "--force" in str(refused.value)
    assert not get_user_model().objects.exists()
    assert not Unit.objects.exists()


def test_demo_second_campaign_shows_a_tie_parted_by_rule_2_and_a_band_capped_by_an_event(client, demo):
    """Khối 8's campaign on payments without cash: a table of today, ranked, with a tie and a reprimand."""
    campaign = Campaign.objects.get(
        issuing_bloc__name="Khối 8", year=date.today().year, name__contains="không dùng tiền mặt"
    )
    methods = set(Criterion.objects.filter(campaign=campaign).values_list("method", flat=True))
    assert methods == {"typed", "ratio", "target", "two_levels", "tiers", "all_or_nothing", "per_occurrence"}
    client.force_login(get_user_model().objects.get(username="khoi8.truong"))
    response = client.get(reverse("scoring:ranking", args=[campaign.pk]))
    assert response.status_code == 200
    rows = {row.unit.name: row for row in response.context["rows"]}
    page = response.content.decode()
    parted = rows["Sở Lao động – Thương binh và Xã hội"]
    assert parted.total == rows["Sở Giáo dục và Đào tạo"].total == Decimal("85.50")
    assert parted.tie_rule.position == 2
    assert "quy tắc 2, “Nhiều “Số lượt chi trả hằng tháng đúng hạn (tiêu chí 1.3)” hơn”" in parted.tie_reason
    assert "xếp Sở Giáo dục và Đào tạo trên" in parted.tie_reason
    assert escape(parted.tie_reason) in page
    capped = rows["Sở Y tế"]
    assert capped.band.name == "Hoàn thành tốt"
    assert "Người đứng đầu bị kỷ luật khiển trách" in capped.band_reason and "Hoàn thành xuất sắc" in capped.band_reason
    assert escape(capped.band_reason) in page
    unit_page = client.get(reverse("scoring:score", args=[campaign.pk, capped.unit.pk])).content.decode()
    assert "Hoàn thành tốt" in unit_page and escape(capped.band_reason) in unit_page
