"""The plan reader: a Kế hoạch (a campaign's plan) read into a draft campaign, field by field, each with the line it came from.

The reader follows the structure every Vietnamese administrative document
shares (Decree 30/2020): a header with the issuing body under its parent,
"Số: …/KH-…" and "<place>, ngày … tháng … năm …" beside the national motto;
the type and title; the legal basis; sections I, II, III with numbered or
bulleted items; the signature block ("TM.", "KT.", a title, the name). Where
a plan is only summarised ("Ngày 18/3/2021, UBND tỉnh ban hành Kế hoạch số
42/KH-UBND …", as news pages and launch letters put it), the same fields are
read from that sentence.

Keywords are matched without regard to accents and case and with some
tolerance, so a plan whose text lost its diacritics in OCR (seed 001) still
reads: "Cin cir" is close enough to "căn cứ". Values are never guessed: a
date is taken only where the plan writes it whole, dates of the documents a
plan implements and of the anniversaries it celebrates are not its own, and
a field the reader cannot find stays empty with a note saying so.

`files` turns an upload into text, `lines` cuts the text into logical lines
and sections, `header` reads the header, title and signature, `content` the
year, slogan, items and targets, `schedule` the phases and milestones,
`blocs` a bloc's leader and vice-leader, and `reader` puts them together.
"""

from .files import MAX_BYTES, MAX_CHARS, PlanError, read_text  # noqa: F401
from .lines import Found, Line, PlanDraft, is_basis, loose, similar  # noqa: F401
from .reader import draft_summary, looks_like_plan, parse_plan  # noqa: F401
