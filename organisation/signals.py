"""What later apps hear from the organisation, through Django signals so that no import runs back up."""

from django.dispatch import Signal

unit_merged = Signal()
"""Sent by `organisation.merges.units_merge`, inside its transaction, with `units` (the merged units), `into`,
`merged_on` and `report` (a dict the receivers add to: what they moved, what they kept under the old name)."""
