"""The site's own Vietnamese error pages, with a way back, in every mode: the quick start's DEBUG=True too."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import path, reverse

ROOT = Path(__file__).resolve().parents[2]


def quick_start_settings():
    """DEBUG and DEBUG_ERROR_PAGES as scripts/start.sh's environment makes them."""
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG_ERROR_PAGES", "SECRET_KEY", "SECRET_KEY_FILE")}
    env.update(DEBUG="True", DJANGO_SETTINGS_MODULE="thidua.settings")
    script = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.DEBUG_ERROR_PAGES)"
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return out.stdout.split()


def crash(request):
    raise RuntimeError("secret internals")


urlpatterns = [path("boom/", crash)]


@pytest.fixture
def quick_start(settings):
    """The quick start's mode: DEBUG on, Django's debug pages not asked for."""
    assert quick_start_settings() == ["True", "False"]
    settings.DEBUG = True
    return settings


def test_404_is_vietnamese_in_the_quick_start(quick_start, login, world, client):
    # No URL matches: Django's debug page would list every URL of the site, in English.
    for who in (client, login(world["clerk_a"])):
        response = who.get("/khong-co-trang-nay/")
        body = response.content.decode()
        assert response.status_code == 404
        assert "Không tìm thấy trang" in body and 'href="/"' in body
        assert "URLconf" not in body and "admin/" not in body and "Page not found" not in body
    # A view that finds nothing the clerk may see.
    response = login(world["clerk_a"]).get(reverse("organisation:unit_detail", args=[world["unit_c"].pk]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert response["Content-Security-Policy"]


def test_403_and_500_are_vietnamese_in_the_quick_start(quick_start, login, world):
    response = login(world["clerk_b"]).get(reverse("campaigns:edit", args=[world["campaign"].pk]))
    assert response.status_code == 403
    assert "Không có quyền" in response.content.decode() and 'href="/"' in response.content.decode()
    quick_start.ROOT_URLCONF = __name__
    client = login(world["clerk_a"])
    client.raise_request_exception = False
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Đã có lỗi" in body and 'href="/"' in body
    assert "secret internals" not in body and "Traceback" not in body


def test_a_developer_asks_for_djangos_debug_pages(quick_start, client, db):
    quick_start.DEBUG_ERROR_PAGES = True
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "URLconf" in response.content.decode()


def test_a_refused_form_opens_with_a_summary_linked_to_its_boxes(login, world):
    response = login(world["leader"]).post(
        reverse("campaigns:part_new", args=[world["campaign"].pk, "phases"]),
        {"number": 1, "starts_on": "31/02/2020", "ends_on": "hôm qua"},
    )
    body = response.content.decode()
    summary = body[body.index('id="form-errors"') : body.index("</div>", body.index('id="form-errors"'))]
    assert body.index('id="form-errors"') < body.index('name="starts_on"')
    assert "Biểu mẫu chưa được lưu" in summary
    assert 'href="#id_starts_on"' in summary and 'href="#id_ends_on"' in summary
    assert summary.count("Nhập một ngày hợp lệ.") == 2
