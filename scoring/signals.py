"""What scoring asks of the apps built on it.

`approved_counts`: sent with `campaign` and `unit_ids` by the progress page.
A receiver answers {title id: how many of these units and their staff the
council approved}.
"""

from django.dispatch import Signal

approved_counts = Signal()
