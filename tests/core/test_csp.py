"""The Content-Security-Policy: every page says it, and no template the browser shows breaks it."""

import re
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
# Papers rendered by WeasyPrint or written to Word are not pages: the policy does not apply to them.
PAPERS = {"pdf", "docx"}
INLINE = [
    (re.compile(r"""\sstyle\s*=\s*["']"""), "a style attribute"),
    (re.compile(r"<style\b"), "a <style> element"),
    (re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>"), "an inline <script>"),
    (re.compile(r"""\son[a-z]+\s*=\s*["']"""), "an inline event handler"),
    (re.compile(r"javascript:", re.I), "a javascript: address"),
]


def page_templates():
    for directory in ROOT.glob("**/templates"):
        if ".venv" in directory.parts:
            continue
        for template in directory.rglob("*.html"):
            if not PAPERS & set(template.relative_to(directory).parts):
                yield template


def test_no_page_template_holds_inline_script_or_style():
    found = []
    for template in page_templates():
        text = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"))  # comments say what is not there
        found += [f"{template.relative_to(ROOT)}: {what}" for pattern, what in INLINE if pattern.search(text)]
    assert not found, "\n".join(found)


def test_every_response_carries_the_policy(client, world, settings):
    response = client.get(reverse("login"))
    assert response["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in settings.CONTENT_SECURITY_POLICY
    assert (
        "style-src 'self'" in settings.CONTENT_SECURITY_POLICY
        and "unsafe-inline" not in settings.CONTENT_SECURITY_POLICY
    )
