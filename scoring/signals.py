"""What scoring asks of the apps built on it.

`approved_counts`: sent with `campaign` and `unit_ids` by the progress page.
A receiver answers {title id: how many of these units and their staff the
council approved}.

`table_parts`: sent without arguments to learn what the scoring table's
workbook carries beyond scoring's own sheets (scoring.table_excel). A
receiver answers a `TablePart` (scoring.table_excel.part): its sheet, how it
is written, checked line by line, previewed and saved with the table.

`vote_panels`: sent when the vote's page is drawn, with `request`,
`campaign` and `meeting` (the recorded vote, or None). A receiver answers a
`Panel` (organisation.panels) or None: awards offers the proposal that
follows from the vote.
"""

from django.dispatch import Signal

approved_counts = Signal()
table_parts = Signal()
vote_panels = Signal()
