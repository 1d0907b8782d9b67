"""A bloc's leader and vice-leader (Khối trưởng, Khối phó) as the plan names them."""

import re

from .header import BODY, names_a_body
from .lines import Found, cites_another, loose

LEADER_ROLE = r"(?:kh\S{1,2}i\s+tr\S{1,4}ng|tr\S{1,4}ng\s+kh\S{1,2}i)"


VICE_ROLE = r"(?:kh\S{1,2}i\s+ph\S{1,2}|ph\S{1,2}\s+(?:tr\S{1,4}ng\s+)?kh\S{1,2}i)"


def _unit_before(text, end):
    """The name of a body that ends at `end`: from the first body word after the last break."""
    start = max(text.rfind(mark, 0, end) for mark in (";", ":", ".", "(", ")", "\n", " là ", " gồm "))
    segment = text[start + 1 : end]
    for match in BODY.finditer(loose(segment)):
        if segment[match.start()].isupper():
            name = segment[match.start() :].strip(" ,–-")
            if 1 <= len(name.split()) <= 14:
                return name
    return None


def _unit_after(text):
    segment = re.split(r"[;)\n]|\s+để\s+", text, maxsplit=1)[0].strip(" :–-(")
    segment = re.sub(r"^(?:là|đơn vị)\s+", "", segment).strip()
    if names_a_body(segment) and segment[:1].isupper() and 1 <= len(segment.split()) <= 14:
        return segment.rstrip(" .,")
    return None


# How far around a role's name its unit is looked for: a unit's name is a few words, and a bounded
# window keeps a plan written as one long line linear to read.
AROUND = 400


def _bloc_role(text, role):
    """A unit named as leader or vice-leader: "Khối trưởng: X", "Khối trưởng (X)", "X (Trưởng khối)", "X, Khối trưởng"."""
    folded = loose(text)
    for match in re.finditer(r"\b" + role + r"\b", folded):
        if role == LEADER_ROLE and re.search(r"ph\S{1,2}\s*$", folded[max(0, match.start() - 12) : match.start()]):
            continue  # "Phó Trưởng khối" is the vice-leader
        after = text[match.end() : match.end() + AROUND]
        if re.match(r"\s*(?::|là\b|\(|-|–)", after):
            name = _unit_after(re.sub(r"^\s*(?::|là\b|\(|-|–)\s*", "", after))
            if name:
                return name
        window = max(0, match.start() - AROUND)
        before = text[window : match.start()].rstrip()
        if before.endswith(("(", ",")) or re.search(r"\blàm\s*$", before):
            cut = before.rstrip("(, ")
            cut = re.sub(r"\s*(?:,\s*)?(?:đơn vị\s*)?(?:làm)?\s*$", "", cut)
            name = _unit_before(text[window:], len(cut))
            if name:
                return name
    return None


def read_bloc_leaders(draft, lines):
    for line in lines:
        if cites_another(line.text):
            continue
        if draft.leader is None and (name := _bloc_role(line.text, LEADER_ROLE)):
            draft.leader = Found(name, line)
        if draft.vice_leader is None and (name := _bloc_role(line.text, VICE_ROLE)):
            draft.vice_leader = Found(name, line)
