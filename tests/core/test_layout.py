"""The data flows one way: each app imports only the apps before it, never one after it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLOW = [
    "core",
    "activity",
    "organisation",
    "campaigns",
    "registrations",
    "scoring",
    "honours",
    "awards",
    "demo",
    "thidua",
]


def imported_apps(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top in FLOW:
                yield top, node.lineno


def test_no_import_runs_back_up_the_data_flow():
    backwards = []
    for rank, app in enumerate(FLOW):
        for path in sorted((ROOT / app).rglob("*.py")):
            for imported, line in imported_apps(path):
                if FLOW.index(imported) > rank:
                    backwards.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    assert not backwards, "\n".join(backwards)
