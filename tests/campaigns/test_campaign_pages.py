from datetime import date, timedelta
from decimal import Decimal

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign, Phase
from organisation.models import BlocMembership
from registrations.models import Registration


def test_dashboard_counts_days_left_from_today(login, world):
    today = timezone.localdate()
    world["campaign"].milestones.create(kind="midyear_report", name="Báo cáo sơ kết", due_on=today + timedelta(days=5))
    world["campaign"].milestones.create(kind="other", name="Đã qua", due_on=today - timedelta(days=3))
    # A deadline of long ago is history: its campaign's page lists it, the dashboard does not.
    world["campaign"].milestones.create(kind="other", name="Năm trước", due_on=today - timedelta(days=400))
    response = login(world["clerk_b"]).get(reverse("dashboard"))
    [row] = response.context["upcoming"]
    assert row["milestone"].name == "Báo cáo sơ kết"
    assert row["days_left"] == 5
    assert [past["days_left"] for past in response.context["past"]] == [-3]
    body = response.content.decode()
    assert "còn 5 ngày" in body
    assert "quá hạn 3 ngày" in body and "Năm trước" not in body
    campaign_page = login(world["clerk_b"]).get(reverse("campaigns:detail", args=[world["campaign"].pk]))
    assert "Năm trước" in campaign_page.content.decode()


def test_dashboard_query_count_does_not_grow_with_campaigns(login, world, django_assert_max_num_queries):
    client = login(world["admin"])
    client.get(reverse("dashboard"))
    with django_assert_max_num_queries(12) as before:
        client.get(reverse("dashboard"))
    for index in range(15):
        campaign = Campaign.objects.create(name=f"Phong trào {index}", issuer=world["unit_a"], year=2020)
        campaign.milestones.create(kind="other", name=f"Mốc {index}", due_on=date(2020, 6, index + 1))
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("dashboard"))


def test_campaign_search_ignores_accents_and_case(client, demo):
    client.login(username="admin", password="thidua2020")
    for query in ["thi dua", "THI ĐUA", "thi đua"]:
        names = {c.name for c in client.get(reverse("campaigns:list"), {"q": query}).context["campaigns"]}
        assert len(names) == 6, query  # the four seeds, Khối 8's copy and its second campaign of this year
    names = {c.name for c in client.get(reverse("campaigns:list"), {"q": "CAI CACH hanh chinh"}).context["campaigns"]}
    assert names == {"Phát động phong trào thi đua gắn với thực hiện cải cách hành chính năm 2020"}


def test_phase_form_reads_dd_mm_yyyy_and_saves(login, world):
    response = login(world["leader"]).post(
        reverse("campaigns:part_new", args=[world["campaign"].pk, "phases"]),
        {"number": 1, "name": "Đợt 1", "starts_on": "01/01/2020", "ends_on": "05/02/2020"},
    )
    assert response.status_code == 302
    phase = Phase.objects.get(campaign=world["campaign"])
    assert (phase.starts_on, phase.ends_on) == (date(2020, 1, 1), date(2020, 2, 5))


def test_phase_form_rejects_overlap_in_vietnamese_and_keeps_what_was_typed(login, world):
    Phase.objects.create(campaign=world["campaign"], number=1, starts_on=date(2020, 1, 1), ends_on=date(2020, 5, 30))
    response = login(world["leader"]).post(
        reverse("campaigns:part_new", args=[world["campaign"].pk, "phases"]),
        {"number": 2, "name": "Đợt hai gõ dở", "starts_on": "15/05/2020", "ends_on": "30/12/2020"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "trùng" in body
    assert 'value="Đợt hai gõ dở"' in body
    assert 'value="15/05/2020"' in body
    assert Phase.objects.filter(campaign=world["campaign"]).count() == 1


def test_phase_form_rejects_a_bad_date_with_a_message(login, world):
    response = login(world["leader"]).post(
        reverse("campaigns:part_new", args=[world["campaign"].pk, "phases"]),
        {"number": 1, "starts_on": "31/02/2020", "ends_on": "hôm qua"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("Nhập một ngày hợp lệ.") == 4  # beside each box, and in the summary at the form's top
    assert 'value="hôm qua"' in body


def test_milestone_form_requires_a_date_or_a_window(login, world):
    client = login(world["leader"])
    url = reverse("campaigns:part_new", args=[world["campaign"].pk, "milestones"])
    response = client.post(url, {"kind": "midyear_report", "name": "Báo cáo sơ kết", "actor": "members"})
    assert response.status_code == 200
    assert "hạn nộp" in response.content.decode()
    response = client.post(
        url,
        # A date already past is kept once confirmed (issue 23).
        {
            "kind": "midyear_report",
            "name": "Báo cáo sơ kết",
            "actor": "members",
            "due_on": "15/06/2020",
            "confirm": "1",
        },
    )
    assert response.status_code == 302
    assert world["campaign"].milestones.get().due_on == date(2020, 6, 15)


def test_second_editor_is_told_and_shown_what_changed(login, world):
    url = reverse("campaigns:edit", args=[world["campaign"].pk])
    form_data = {"name": world["campaign"].name, "year": 2020, "version": 1}
    client = login(world["leader"])
    assert client.post(url, {**form_data, "slogan": "Bản của khối trưởng"}).status_code == 302
    client = login(world["office"])
    response = client.post(url, {**form_data, "slogan": "Bản của thư ký"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bản của khối trưởng" in body  # the other person's save, shown
    assert "Bản của thư ký" in body  # what this person typed, kept
    assert Campaign.objects.get(pk=world["campaign"].pk).slogan == "Bản của khối trưởng"
    # Saving again, knowingly, goes through.
    assert client.post(url, {**form_data, "version": 2, "slogan": "Bản của thư ký"}).status_code == 302


def test_bloc_membership_form_explains_a_refusal(login, world):
    BlocMembership.objects.create(bloc=world["other_bloc"], unit=world["unit_a_sub"], year=2020)
    response = login(world["office"]).post(
        reverse("organisation:bloc_member_set", args=[world["bloc"].pk]),
        {"unit": world["unit_a_sub"].pk, "year": 2020, "role": "member"},
    )
    assert response.status_code == 400
    assert "Khối 2" in response.content.decode()


def test_pages_are_in_vietnamese_and_switch_to_english(client, world):
    client.force_login(world["clerk_a"])
    assert "Bảng điều khiển" in client.get(reverse("dashboard")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Dashboard" in client.get(reverse("dashboard")).content.decode()


def test_not_found_page_is_in_vietnamese(login, world):
    response = login(world["clerk_a"]).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_server_error_page_is_in_vietnamese_without_a_stack_trace(client, world, settings):
    from django.urls import path

    def boom(request):
        raise RuntimeError("secret internals")

    settings.ROOT_URLCONF = type("urls", (), {"urlpatterns": [path("boom/", boom)], "handler500": None})
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Đã có lỗi" in body
    assert "secret internals" not in body and "Traceback" not in body


def test_login_logout_and_password_change(client, world):
    response = client.post(reverse("login"), {"username": "clerk_a", "password": "sai mật khẩu"})
    assert response.status_code == 200
    assert 'value="clerk_a"' in response.content.decode()
    response = client.post(reverse("login"), {"username": "clerk_a", "password": "thidua2020"})
    assert response.status_code == 302
    response = client.post(
        reverse("password_change"),
        {"old_password": "thidua2020", "new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
    )
    assert response.status_code == 302
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard")).status_code == 302
    assert client.login(username="clerk_a", password="Mat-khau-moi-2026")


def test_password_reset_sends_a_vietnamese_email(client, world):
    world["clerk_a"].email = "clerk@example.vn"
    world["clerk_a"].save()
    response = client.post(reverse("password_reset"), {"email": "clerk@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "mật khẩu" in mail.outbox[0].subject
    assert "/accounts/reset/" in mail.outbox[0].body


def test_forbidden_page_is_in_vietnamese(login, world):
    response = login(world["clerk_b"]).get(reverse("campaigns:edit", args=[world["campaign"].pk]))
    assert response.status_code == 403
    assert "Không có quyền" in response.content.decode()


def test_expired_form_gets_a_vietnamese_explanation(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world["leader"])
    response = client.post(reverse("campaigns:part_new", args=[world["campaign"].pk, "phases"]), {"number": 1})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()
    assert not world["campaign"].phases.exists()


def test_admin_constraint_errors_are_in_vietnamese(client, world):
    client.force_login(world["admin"])
    response = client.post(
        reverse("admin:organisation_blocmembership_add"),
        {"bloc": world["other_bloc"].pk, "unit": world["unit_a"].pk, "year": 2020, "role": "member"},
    )
    assert response.status_code == 200
    assert "Đơn vị này đã thuộc một khối thi đua trong năm này." in response.content.decode()


def test_an_english_browser_still_gets_vietnamese_until_the_user_switches(client, world):
    client.force_login(world["clerk_a"])
    page = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Bảng điều khiển" in page


def test_login_is_rate_limited_per_account(client, world, settings):
    from django.core.cache import cache

    cache.clear()
    for _attempt in range(settings.LOGIN_MAX_FAILURES):
        assert client.post(reverse("login"), {"username": "clerk_a", "password": "sai"}).status_code == 200
    response = client.post(reverse("login"), {"username": "clerk_a", "password": "thidua2020"})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session
    cache.clear()
    assert client.post(reverse("login"), {"username": "clerk_a", "password": "thidua2020"}).status_code == 302


def test_login_lockout_uses_forwarded_client_address(client, world, settings):
    """Behind the proxy every request comes from its address; the limits must count the client's."""
    from django.core.cache import cache

    settings.CLIENT_ADDRESS_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 1
    cache.clear()
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _attempt in range(settings.LOGIN_MAX_FAILURES):
        # A stranger typing wrong passwords for clerk_a, through the proxy.
        response = client.post(
            reverse("login"),
            {"username": "clerk_a", "password": "sai"},
            HTTP_X_FORWARDED_FOR="203.0.113.5",
            **proxy,
        )
        assert response.status_code == 200
    # clerk_a, from their own address through the same proxy, is not held back.
    owner = client.post(
        reverse("login"),
        {"username": "clerk_a", "password": "thidua2020"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    assert owner.status_code == 302
    client.post(reverse("logout"))
    # The proxy appends the address it saw, so a forged first entry changes nothing.
    forged = client.post(
        reverse("login"),
        {"username": "clerk_a", "password": "thidua2020"},
        HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.5",
        **proxy,
    )
    assert forged.status_code == 429
    cache.clear()


def test_production_settings_pass_the_deploy_check():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "DEBUG": "False",
        "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "thidua.example.vn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_static_files_collect_for_production(tmp_path, monkeypatch, settings):
    """collectstatic into production's storage, the one thidua.settings chooses with DEBUG off (the manifest of
    hashed names, compressed copies), run in this process rather than in a second one that loads Django again."""
    import runpy

    from django.core.management import call_command

    import thidua.settings

    monkeypatch.setenv("DEBUG", "False")
    monkeypatch.setenv("SECRET_KEY", "collectstatic-test")
    settings.STORAGES = runpy.run_path(thidua.settings.__file__)["STORAGES"]
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_history_reads_as_sentences_in_vietnamese(login, world):
    client = login(world["leader"])
    client.post(
        reverse("campaigns:part_new", args=[world["campaign"].pk, "phases"]),
        {"number": 1, "name": "Đợt 1", "starts_on": "01/01/2020", "ends_on": "05/02/2020"},
    )
    page = client.get(reverse("campaigns:detail", args=[world["campaign"].pk])).content.decode()
    assert "thêm đợt thi đua" in page and "phase.created" not in page


def test_manager_adds_edits_and_deletes_content_items_and_targets(login, world):
    from campaigns.models import ContentItem, Target, Title

    client = login(world["leader"])
    campaign = world["campaign"]
    new_item = reverse("campaigns:part_new", args=[campaign.pk, "items"])
    assert client.get(new_item).status_code == 200
    assert (
        client.post(
            new_item, {"position": 1, "label": "1", "text": "Hoàn thành nhiệm vụ", "is_mandatory": "on"}
        ).status_code
        == 302
    )
    item = ContentItem.objects.get(campaign=campaign)
    client.post(
        reverse("campaigns:part_edit", args=[campaign.pk, "items", item.pk]),
        {"position": 1, "label": "1", "text": "Hoàn thành xuất sắc nhiệm vụ"},
    )
    item.refresh_from_db()
    assert (item.text, item.is_mandatory) == ("Hoàn thành xuất sắc nhiệm vụ", False)
    response = client.post(
        reverse("campaigns:part_new", args=[campaign.pk, "targets"]),
        {
            "position": 1,
            "text": "95% đạt LĐTT",
            "title": Title.objects.get(code="ldtt").pk,
            "comparison": "at_least",
            "percentage": "95,5",
        },
    )
    assert response.status_code == 302
    assert Target.objects.get(campaign=campaign).percentage == Decimal("95.5")
    registration = Registration.objects.create(campaign=campaign, unit=world["unit_b"])
    registration.items.create(content_item=item, commitment="Đạt")
    client.post(reverse("campaigns:part_delete", args=[campaign.pk, "items", item.pk]))
    assert ContentItem.objects.filter(pk=item.pk).exists()  # registrations use it
    registration.delete()
    client.post(reverse("campaigns:part_delete", args=[campaign.pk, "items", item.pk]))
    assert not ContentItem.objects.filter(pk=item.pk).exists()
    assert login(world["clerk_b"]).get(new_item).status_code == 403
    assert client.get(f"/campaigns/{campaign.pk}/proposals/new/").status_code == 405  # other apps' words stay theirs
