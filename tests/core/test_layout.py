"""The house's shape: data flows one way through the apps, in code, templates and migrations; modules stay small;
the apps built on another extend it through Django signals only.

The project package `thidua/` (settings, root URLs) and the project-wide
templates in `templates/` sit on top and may reach every app; `core/` is the
floor and reaches none.
"""

import ast
import re
from pathlib import Path

import pytest
from django.dispatch import Signal

ROOT = Path(__file__).resolve().parents[2]
FLOW = [
    "core",
    "activity",
    "organisation",
    "campaigns",
    "notifications",
    "registrations",
    "scoring",
    "honours",
    "awards",
    "demo",
    "thidua",
]
APPS = FLOW[:-1]
# Template tag libraries, by the app that holds them.
TAG_LIBRARIES = {"thidua": "core", "activity": "activity"}
MAX_LINES = 500


def app_files(app, pattern):
    return sorted(path for path in (ROOT / app).rglob(pattern) if ".venv" not in path.parts)


def imported_apps(source):
    for node in ast.walk(ast.parse(source)):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top in FLOW:
                yield top, node.lineno


def template_references(source):
    """(app, line) for each app a template reaches: the URLs it links, the tag libraries it loads, the templates
    it extends or includes."""
    for number, line in enumerate(source.splitlines(), start=1):
        for namespace in re.findall(r"{%\s*url\s+['\"]([a-z_]+):", line):
            yield namespace, number
        for libraries in re.findall(r"{%\s*load\s+([^%]+?)\s*%}", line):
            for library in libraries.split():
                if library in TAG_LIBRARIES:
                    yield TAG_LIBRARIES[library], number
        for folder in re.findall(r"{%\s*(?:extends|include)\s+['\"]([a-z_]+)/", line):
            yield folder, number


def migration_dependencies(source):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "dependencies" for t in node.targets):
            for element in getattr(node.value, "elts", []):
                if isinstance(element, ast.Tuple) and isinstance(element.elts[0], ast.Constant):
                    yield element.elts[0].value, element.lineno


def back_edges(app, references):
    return [(target, line) for target, line in references if target in FLOW and FLOW.index(target) > FLOW.index(app)]


def test_no_import_runs_back_up_the_data_flow():
    backwards = []
    for app in FLOW:
        for path in app_files(app, "*.py"):
            for imported, line in back_edges(app, imported_apps(path.read_text(encoding="utf-8"))):
                backwards.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    assert not backwards, "\n".join(backwards)


def test_layout_no_back_edges_in_templates_and_migrations():
    backwards = []
    for app in APPS:
        for path in app_files(app, "*.html"):
            for target, line in back_edges(app, template_references(path.read_text(encoding="utf-8"))):
                backwards.append(f"{path.relative_to(ROOT)}:{line} reaches {target}")
        for path in app_files(app, "migrations/*.py"):
            for target, line in back_edges(app, migration_dependencies(path.read_text(encoding="utf-8"))):
                backwards.append(f"{path.relative_to(ROOT)}:{line} depends on {target}")
    assert not backwards, "\n".join(backwards)


@pytest.mark.parametrize(
    "detector, source",
    [
        (template_references, "<a href=\"{% url 'awards:index' %}\">"),
        (template_references, "{% load i18n activity %}"),
        (template_references, '{% include "scoring/_row.html" %}'),
        (migration_dependencies, 'dependencies = [("awards", "0001_initial")]'),
        (imported_apps, "from awards.models import Proposal"),
    ],
)
def test_each_kind_of_back_edge_is_seen(detector, source):
    assert back_edges("core", detector(source))


def test_no_module_over_500_lines():
    long = []
    for app in FLOW + ["bench", "scripts"]:
        for path in app_files(app, "*.py"):
            if "migrations" in path.parts:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                long.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert not long, "\n".join(long)


def registries(source):
    """Module-level lists, dicts or sets that a function of the module fills: a home-made registry."""
    tree = ast.parse(source)
    containers = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.List, ast.Dict, ast.Set))
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    filled = set()
    for function in (node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)):
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("append", "extend", "update", "add", "setdefault", "insert")
                and isinstance(node.func.value, ast.Name)
            ):
                filled.add(node.func.value.id)
            elif (
                isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name)
            ):
                filled.add(node.value.id)
    return sorted(containers & filled)


def test_every_extension_point_is_a_signal():
    """No app keeps a registry that later apps fill; each signal an app declares is answered by some app."""
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for app in APPS
        for path in app_files(app, "*.py")
        if "migrations" not in path.parts
        for name in registries(path.read_text(encoding="utf-8"))
    ]
    assert not found, "registries instead of signals:\n" + "\n".join(found)

    declared = {}
    for app in APPS:
        path = ROOT / app / "signals.py"
        if path.exists():
            module = __import__(f"{app}.signals", fromlist=["*"])
            public = {name: value for name, value in vars(module).items() if not name.startswith("_")}
            names = {name for name, value in public.items() if isinstance(value, Signal)}
            assert names, f"{app}/signals.py declares no signal"
            declared.update({f"{app}.{name}": public[name] for name in names})
    for extension in [
        "campaigns.campaign_copied",
        "campaigns.unit_steps",
        "campaigns.compiler_tasks",
        "notifications.milestone_completions",
        "organisation.unit_panels",
        "organisation.import_kinds",
        "activity.action_labels",
    ]:
        assert extension in declared, f"{extension} is not a signal"
    unanswered = [name for name, signal in declared.items() if not signal.has_listeners()]
    assert not unanswered, f"signals nobody answers: {unanswered}"


def test_the_registry_detector_sees_a_registry():
    assert registries("_KINDS = {}\n\ndef register(kind, spec):\n    _KINDS[kind] = spec\n") == ["_KINDS"]
    assert registries("_HOOKS = []\n\ndef add(hook):\n    _HOOKS.append(hook)\n") == ["_HOOKS"]
