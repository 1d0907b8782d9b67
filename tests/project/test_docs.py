"""The README and docs/ say what the code does, and point only inside the repository."""

import ast
import re
from pathlib import Path

from django.conf import settings

from tests.core.test_layout import FLOW

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
OPERATIONS = ROOT / "docs" / "operations.md"
ENV_READERS = {"env_str", "env_bool", "env_int", "env_list", "env_secret"}
SKIPPED = {".venv", ".git", "node_modules", "test-artifacts", ".pytest_cache"}
SYSTEM_VARIABLES = {"PATH", "HOME"}  # the machine's own, not settings of thidua


def project_files(pattern):
    for path in sorted(ROOT.rglob(pattern)):
        if not SKIPPED & set(path.relative_to(ROOT).parts):
            yield path


def environment_reads_in_python(path):
    """Names read through core.env's readers, os.environ.get/setdefault/[...] and os.getenv."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            function, name = node.func, node.args[0].value
            if isinstance(function, ast.Name) and function.id in ENV_READERS:
                yield name
                if function.id == "env_secret":
                    yield f"{name}_FILE"
            elif isinstance(function, ast.Attribute) and function.attr in ("get", "setdefault", "getenv"):
                if ast.unparse(function.value) in ("os.environ", "os"):
                    yield name
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            if ast.unparse(node.value) == "os.environ" and isinstance(node.slice, ast.Constant):
                yield node.slice.value


def environment_reads_in_shell(path):
    """Names a script reads with a default or as required: ${NAME:-…}, ${NAME-…}, ${NAME:?…}."""
    return re.findall(r"\$\{([A-Z][A-Z0-9_]*):?[-?]", path.read_text(encoding="utf-8"))


def test_every_environment_variable_the_code_reads_is_documented():
    reads = {}
    for path in project_files("*.py"):
        for name in environment_reads_in_python(path):
            reads.setdefault(name, path.relative_to(ROOT))
    for path in [*project_files("*.sh"), ROOT / ".ci" / "run"]:
        for name in environment_reads_in_shell(path):
            reads.setdefault(name, path.relative_to(ROOT))
    assert {"SECRET_KEY_FILE", "LOG_LEVEL", "PYTHON", "DATABASE_URL"} <= reads.keys()  # the scan sees each kind
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]*)`", OPERATIONS.read_text(encoding="utf-8")))
    undocumented = {name: str(where) for name, where in reads.items() if name not in documented | SYSTEM_VARIABLES}
    assert not undocumented, f"read but not documented in docs/operations.md: {undocumented}"


def test_docs_installed_apps_and_layout_test_agree_on_the_data_flow():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    written = re.search(r"^\s*(core -> .*)$", text, re.MULTILINE).group(1).split(" -> ")
    installed = [app for app in settings.INSTALLED_APPS if (ROOT / app / "apps.py").exists()]
    assert written == installed == FLOW[: FLOW.index("thidua")]


def slug(heading):
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_docs_point_only_at_what_the_repository_holds():
    broken = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for target, anchor in re.findall(r"\]\(([^)#\s]*)(?:#([^)\s]+))?\)", text):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            path = (doc.parent / target).resolve() if target else doc
            if ROOT not in path.parents or not path.exists():
                broken.append(f"{doc.name}: link to {target}")
            elif anchor and anchor not in {
                slug(line.lstrip("#")) for line in path.read_text().splitlines() if line.startswith("#")
            }:
                broken.append(f"{doc.name}: no heading #{anchor} in {target or doc.name}")
        for path in re.findall(r"`([a-z_.][\w.-]*/[^`\s<>]*)`", text):
            if path.startswith("../"):
                broken.append(f"{doc.name}: {path} is outside the repository")
            elif path.split("/")[0] in SKIPPED:  # made by a run (screenshots, caches), not kept in the repository
                continue
            elif (ROOT / path.split("/")[0]).is_dir() and not list(ROOT.glob(path.rstrip("/"))):
                broken.append(f"{doc.name}: {path} does not exist")
    assert not broken, "\n".join(broken)


def test_readme_stays_short():
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 150
