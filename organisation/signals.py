"""What organisation asks of the apps built on it, so that it never imports them.

`unit_panels`: sent when a unit's page is drawn, with `request` and `unit`.
A receiver answers a `Panel` (organisation.panels) or None.

`bloc_panels`: the same for a bloc's page, with `request`, `bloc` and the
`year` shown.

`import_kinds`: sent to learn which Excel lists the one import flow takes
(organisation.imports), without arguments. A receiver answers
{kind: ImportKind} for the lists it owns.

`unit_merged`: sent by `organisation.merges.units_merge`, inside its
transaction, with `units` (the merged units), `into`, `merged_on` and
`report` (a dict the receivers add to: what they moved, what they kept
under the old name). A receiver answers nothing.
"""

from django.dispatch import Signal

unit_panels = Signal()
bloc_panels = Signal()
import_kinds = Signal()
unit_merged = Signal()
