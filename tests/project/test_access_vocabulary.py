"""One access vocabulary: every view says what it needs with `requires`, and no view decides access by hand."""

import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from core.access import requires, scopes

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "core",
    "activity",
    "organisation",
    "campaigns",
    "notifications",
    "registrations",
    "scoring",
    "honours",
    "awards",
]

# What deciding by hand looks like in a view: a refusal raised, or the roles read to decide.
BY_HAND = re.compile(
    r"raise PermissionDenied|raise Http404|viewer_for\(|\.is_admin\b|\.is_superuser\b|\bkeeps_\w+\(|"
    r"\.acts_for\(|\.compiles\(|\.may_read\(|require_own|require_read|getattr\(access|can_manage_\w+|"
    r"clerk_unit_ids|office_unit_ids|council_ids"
)

# Pages anyone may open (signing in, accepting an invitation, the language switch, the public checks) and the
# admin, which keeps its own staff check.
PUBLIC = ("login", "logout", "password_", "invitation_accept", "set_language", "public", "admin:")


def view_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "views" in relative.parts or relative.name.endswith("views.py"):
                yield relative, path.read_text(encoding="utf-8")


def hand_decisions(source):
    return [(number, line.strip()) for number, line in enumerate(source.splitlines(), 1) if BY_HAND.search(line)]


def test_no_view_module_decides_access_by_hand():
    found = [
        f"{relative}:{number}: {line}"
        for relative, source in view_modules()
        if relative.parts[0] != "core"
        for number, line in hand_decisions(source)
    ]
    assert not found, "access decided in a view:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "line",
    [
        "        raise PermissionDenied",
        "    if not access.compiles(unit.pk):",
        "    viewer = viewer_for(request.user)",
        "    if request.user.is_superuser:",
    ],
)
def test_the_detector_sees_a_decision_by_hand(line):
    assert hand_decisions(line)


def url_patterns(patterns=None, namespace=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", entry.callback


def test_every_page_names_what_it_requires_in_the_vocabulary():
    known = scopes()
    missing, unknown = [], []
    for name, callback in url_patterns():
        if name.startswith(PUBLIC) or "admin:" in name or getattr(callback, "view_class", None) is not None:
            continue
        need = getattr(callback, "required_need", None)
        if need is None:
            missing.append(name)
            continue
        scope, verb = need.split(".", 1)
        if scope not in known or verb not in known[scope].verbs:
            unknown.append(f"{name}: {need}")
    assert not missing, f"pages without @requires: {missing}"
    assert not unknown, f"needs no scope declares: {unknown}"


def test_requires_keeps_the_need_on_the_view():
    @requires("campaign.compile")
    def page(request, campaign):
        return campaign

    assert page.required_need == "campaign.compile"
