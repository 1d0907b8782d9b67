"""The demo's accounts share a published password: the demo loads only where that is safe.

The loads themselves are the fixtures': `demo` with DEBUG on, as the quick start does, `page` with --force.
"""

import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from organisation.models import Unit


def test_load_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError) as refused:
        call_command("load_demo", stdout=open(os.devnull, "w"))
    assert "DEBUG=True" in str(refused.value) and "--force" in str(refused.value)
    assert not get_user_model().objects.exists()
    assert not Unit.objects.exists()
