"""What each demo user sees on the dashboard: the demo is loaded once for the module (it is only read)."""

from datetime import date

import pytest
from django.urls import reverse

# The demo carries Khối 8 into the current year by "copy last year's": its year-end deadlines are ahead (in January
# and February); 2020's are history, of which the dashboard keeps each campaign's last.
KHOI8_NOW = f"Tổ chức và phát động phong trào thi đua năm {date.today().year}"
# And gives it a second campaign this year, scored by a table of today (demo/table_of_today.py).
KHOI8_PAYMENTS = f"Chi trả an sinh xã hội không dùng tiền mặt” năm {date.today().year}"


@pytest.mark.parametrize(
    "username, campaign_words, deadline_words",
    [
        (
            "khoi8.truong",
            ["Tổ chức và phát động phong trào thi đua năm 2020", KHOI8_NOW, KHOI8_PAYMENTS],
            ["Báo cáo sơ kết 6 tháng", "Họp tổng kết, bình bầu"],
        ),
        (
            "gddt",
            ["Tổ chức và phát động phong trào thi đua năm 2020", KHOI8_NOW, KHOI8_PAYMENTS],
            [f"Báo cáo tổng kết và chấm điểm thi đua năm {date.today().year}"],
        ),
        (
            "tdkt.travinh",
            ["Tổ chức và phát động phong trào thi đua năm 2020", KHOI8_NOW, KHOI8_PAYMENTS],
            ["Họp tổng kết, bình bầu thi đua của Khối"],
        ),
        ("bantdkt.travinh", ["Tổ chức và phát động phong trào thi đua năm 2020", KHOI8_NOW, KHOI8_PAYMENTS], []),
        ("bqlda2", ["cải cách hành chính năm 2020"], ["Tổng kết phong trào thi đua năm 2020"]),
        ("bqlda2.vanphong", ["cải cách hành chính năm 2020"], ["Tổng kết phong trào thi đua năm 2020"]),
        ("taichinh", ["Về việc phát động phong trào thi đua năm 2020"], []),
        ("sxd", ["ngành Xây dựng"], []),
        ("sxd.thanhtra", ["ngành Xây dựng"], []),
        ("sxd.hoidong", ["ngành Xây dựng"], []),
    ],
)
def test_every_demo_user_sees_their_campaigns_and_deadlines(
    client, shared_demo, db, username, campaign_words, deadline_words
):
    assert client.login(username=username, password="thidua2020")
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    body = response.content.decode()
    for words in campaign_words + deadline_words:
        assert words in body
    shown = {c.name for c in response.context["campaigns"]}
    assert len(shown) == len(campaign_words)


def test_bloc_8_clerk_does_not_see_the_tay_ninh_campaign(client, shared_demo, db):
    client.login(username="gddt", password="thidua2020")
    body = client.get(reverse("dashboard")).content.decode()
    assert "ngành Xây dựng" not in body
    assert "cải cách hành chính" not in body
