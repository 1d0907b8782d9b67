"""A plan's text read into a PlanDraft, and the draft as plain data."""

import re

from django.utils.translation import gettext as _

from core.text import fold

from .blocs import read_bloc_leaders
from .content import read_content, read_slogan, read_targets, read_year
from .files import MAX_CHARS, PlanError, too_long
from .header import read_flattened_header, read_from_prose, read_header, read_signature, read_signed_by, read_title
from .kind import KIND_NAMES, not_a_single_year, read_kind
from .lines import Found, PlanDraft, is_basis, logical_lines, prepare_text, similar, split_sections
from .schedule import read_milestones, read_phases


def looks_like_plan(text):
    head = text[:3000]
    return (
        len(text.strip()) >= 200
        and (similar(head, "kế hoạch") or similar(head, "phát động") or similar(head, "hướng dẫn"))
        and similar(text[:20000], "thi đua")
    )


def parse_plan(text, *, titles=()):
    """Read a plan's text into a PlanDraft; what cannot be read is left empty, with a note."""
    if len(text) > MAX_CHARS:
        raise too_long()
    text = prepare_text(text)
    if not looks_like_plan(text):
        raise PlanError(_("This does not look like an emulation plan (Kế hoạch … thi đua)."))
    draft = PlanDraft()
    raw, lines = logical_lines(text)
    sections = split_sections(lines)
    read_header(draft, raw)
    read_title(draft, raw)
    read_kind(draft, raw)
    flattened = read_flattened_header(raw) if draft.issuer is None else None
    read_from_prose(draft, lines)
    if draft.issuer is None:
        draft.issuer = flattened
    read_year(draft, lines)
    read_signed_by(draft, raw)
    read_slogan(draft, lines)
    draft.legal_basis = [
        Found(
            re.split(r"(?<=\.)\s+(?=[A-ZĐ])", re.sub(r"^\S+\s+\S+\s+", "", line.text, count=1))[0].rstrip(" ;."), line
        )
        for line in lines
        if is_basis(line.text)
    ]
    purposes = sections.get("purposes", [])
    if purposes:
        draft.purposes = Found("\n".join(line.text for line in purposes), purposes[0])
    read_content(draft, sections)
    read_targets(draft, sections, titles)
    read_phases(draft, lines)
    read_milestones(draft, sections)
    read_signature(draft, raw)
    read_bloc_leaders(draft, lines)
    _notes(draft, text)
    return draft


def _notes(draft, text):
    labels = {
        "issuer": _("Issuing body"),
        "number": _("Number and symbol"),
        "place": _("Place of issue"),
        "title": _("Title"),
        "year": _("Year"),
        "slogan": _("Slogan"),
        "purposes": _("Purposes and requirements"),
    }
    for attribute, label in labels.items():
        if getattr(draft, attribute) is None:
            draft.empty(label)
    for attribute, label in [
        ("legal_basis", _("Legal basis")),
        ("content_items", _("Content items")),
        ("targets", _("Targets")),
        ("phases", _("Phases")),
        ("milestones", _("Milestones")),
    ]:
        if not getattr(draft, attribute):
            draft.empty(label)
    if draft.period:
        draft.notes.insert(0, not_a_single_year(draft, draft.period.value))
    if draft.kind and draft.kind.value != "ke_hoach":
        draft.notes.insert(
            0,
            _("This is %(kind)s, not a plan: check that each field belongs to the campaign.")
            % {"kind": KIND_NAMES[draft.kind.value]},
        )
    head = fold(text[:20000])
    if "nam" not in head.split() or "¢" in text or re.search(r"\b(nim|cin|k&)\b", head):
        draft.notes.append(_("The text seems to have lost its diacritics (OCR); check every field against the plan."))


def draft_summary(draft):
    """What was read, as plain data: the keys of `manage.py read_plan --json`."""

    def value(found):
        return found.value if found else None

    def day(when):
        return when.isoformat() if when else None

    milestones = [found.value for found in draft.milestones]
    return {
        "kind": value(draft.kind),
        "period": list(draft.period.value) if draft.period else None,
        "issuer": value(draft.issuer),
        "number": value(draft.number),
        "place": value(draft.place),
        "date_issued": day(value(draft.issued_on)),
        "year": value(draft.year),
        "slogan": value(draft.slogan),
        "content_items": len(draft.content_items),
        "targets": [
            [found.value["title_text"], float(found.value["percentage"]) if found.value["percentage"] else None]
            for found in draft.targets
        ],
        "phases": [[day(found.value["starts_on"]), day(found.value["ends_on"])] for found in draft.phases],
        "deadlines": [day(m["due_on"]) for m in milestones if m["due_on"]],
        "windows": [[day(m["window_starts_on"]), day(m["window_ends_on"])] for m in milestones if not m["due_on"]],
        "signer": value(draft.signer_name),
        "leader": value(draft.leader),
        "vice_leader": value(draft.vice_leader),
    }
