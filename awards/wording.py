"""How an award and its recipient are named on paper: the decision, its list, the certificate and its check."""

import re


def award_name(title):
    """A title as a decision names it: a commendation by its name, an emulation title as “danh hiệu …”.

    The “(cá nhân)” that tells the individual form apart in the product's lists
    is not part of the award's name.
    """
    name = re.sub(r"\s*\(cá nhân\)$", "", title.name)
    if title.kind == title.Kind.COMMENDATION or name.startswith("Cờ"):
        return name
    return f"danh hiệu “{name}”"


def unit_line(line, decision):
    """Under the name: a person's position and unit; a collective's parent, unless it is the awarding authority."""
    if line.person_id:
        return ", ".join(part for part in (line.person.position, line.person.unit.name) if part)
    parent = line.unit.parent
    return parent.name if parent and parent.pk != decision.authority_id else ""
