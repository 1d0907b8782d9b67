"""What organisation asks of the apps built on it, so that it never imports them.

`unit_panels`: sent when a unit's page is drawn, with `request` and `unit`.
A receiver answers a `Panel` (organisation.panels) or None.

`bloc_panels`: the same for a bloc's page, with `request`, `bloc` and the
`year` shown.

`import_kinds`: sent to learn which Excel lists the one import flow takes
(organisation.imports), without arguments. A receiver answers
{kind: ImportKind} for the lists it owns.
"""

from django.dispatch import Signal

unit_panels = Signal()
bloc_panels = Signal()
import_kinds = Signal()
