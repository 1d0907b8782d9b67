"""Signing in: limits a stranger cannot turn against an account's owner, on every way in."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from activity.models import ActivityLog
from core import login as login_module

STRANGER = {"REMOTE_ADDR": "203.0.113.5"}
OWNER = {"REMOTE_ADDR": "198.51.100.7"}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def sign_in(client, username, password, path="login", **address):
    return client.post(reverse(path), {"username": username, "password": password}, **address)


def test_stranger_cannot_lock_out_a_user(client, world, settings, monkeypatch):
    victim = world["clerk_a"]
    stranger = Client()
    # Twenty wrong passwords for the victim's name, in any case: the stranger's own address is stopped.
    answers = [
        sign_in(stranger, name, "sai", **STRANGER).status_code
        for name in ["clerk_a", "CLERK_A", "Clerk_A", "clerk_A"] * 5
    ]
    assert answers[: settings.LOGIN_MAX_FAILURES] == [200] * settings.LOGIN_MAX_FAILURES
    assert set(answers[settings.LOGIN_MAX_FAILURES :]) == {429}
    assert sign_in(stranger, "clerk_a", "thidua2020", **STRANGER).status_code == 429
    # The owner, from their own address, signs in at once.
    assert sign_in(client, "clerk_a", "thidua2020", **OWNER).status_code == 302
    assert client.session["_auth_user_id"] == str(victim.pk)
    client.post(reverse("logout"))

    # A guess spread over many addresses slows the account down for unknown browsers, never locks it;
    # the owner's browser, which signed in before, is not slowed.
    moment = login_module.now()
    monkeypatch.setattr(login_module, "now", lambda: moment)
    answers = [
        sign_in(Client(), "clerk_a", "sai", REMOTE_ADDR=f"192.0.2.{host}").status_code
        for host in range(1, 11)
        for _attempt in range(settings.LOGIN_MAX_FAILURES)
    ]
    assert 429 in answers
    assert sign_in(client, "clerk_a", "thidua2020", **OWNER).status_code == 302
    client.post(reverse("logout"))
    new_browser = Client()
    slowed = sign_in(new_browser, "clerk_a", "thidua2020", REMOTE_ADDR="198.51.100.8")
    assert slowed.status_code == 429 and "Hãy thử lại sau" in slowed.content.decode()
    monkeypatch.setattr(login_module, "now", lambda: moment + settings.LOGIN_MAX_DELAY_SECONDS)
    assert sign_in(new_browser, "clerk_a", "thidua2020", REMOTE_ADDR="198.51.100.8").status_code == 302

    # Every failure checked is in the log the office reads, with the address it came from, and on its accounts page.
    failures = ActivityLog.objects.filter(object_id=victim.pk, action="login.failed")
    assert failures.count() == settings.LOGIN_MAX_FAILURES + answers.count(200)
    assert failures.filter(data__address="203.0.113.5").count() == settings.LOGIN_MAX_FAILURES
    office = Client()
    office.force_login(world["office"])
    page = office.get(reverse("organisation:accounts")).content.decode()
    assert f"{failures.count()} lần đăng nhập sai trong 30 ngày" in page


def test_one_address_sweeping_many_accounts_is_stopped(client, world, settings):
    for number in range(settings.LOGIN_ADDRESS_MAX_FAILURES):
        sign_in(client, f"nguoi_{number}", "sai", **STRANGER)
    refused = sign_in(client, "clerk_b", "thidua2020", **STRANGER)
    assert refused.status_code == 429 and "từ địa chỉ này" in refused.content.decode()
    assert sign_in(Client(), "clerk_b", "thidua2020", **OWNER).status_code == 302


def test_admin_login_is_throttled(client, world, settings):
    admin_login = reverse("admin:login")
    for _attempt in range(7):
        client.post(admin_login, {"username": "root", "password": "sai"}, **STRANGER)
    right = client.post(admin_login, {"username": "root", "password": "thidua2020"}, **STRANGER)
    assert "_auth_user_id" not in client.session
    assert "Đăng nhập sai quá nhiều lần" in right.content.decode()
    # The same count as the site's page: the attempts there are refused too.
    assert sign_in(client, "root", "thidua2020", **STRANGER).status_code == 429
    # The administrator from their own address is not locked out.
    owner = Client()
    assert owner.post(admin_login, {"username": "root", "password": "thidua2020"}, **OWNER).status_code == 302
    # The attempts checked are logged; those refused unchecked are not.
    logged = ActivityLog.objects.filter(object_id=world["admin"].pk, action="login.failed", data__via="admin")
    assert logged.count() == settings.LOGIN_MAX_FAILURES


def test_password_reset_requests_are_limited(client, world, settings):
    world["clerk_a"].email = "clerk@example.vn"
    world["clerk_a"].save()
    for _attempt in range(settings.PASSWORD_RESET_MAX_REQUESTS):
        response = client.post(reverse("password_reset"), {"email": "clerk@example.vn"}, **STRANGER)
        assert response.status_code == 302
    # A mailbox gets a few links, however many addresses ask.
    assert len(mail.outbox) == settings.PASSWORD_RESET_MAX_EMAILS
    refused = client.post(reverse("password_reset"), {"email": "clerk@example.vn"}, **STRANGER)
    assert refused.status_code == 429 and "Hãy chờ" in refused.content.decode()
    assert refused.context["form"]["email"].value() == "clerk@example.vn"
