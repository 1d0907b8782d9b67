"""Read a plan file and print what the plan reader finds in it, for batch work and for measuring the reader."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns import plan_reader


class Command(BaseCommand):
    help = "Read a plan (.txt, .docx or PDF) and print the fields read from it."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the plan: a .txt (UTF-8), .docx or PDF with a text layer")
        parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(str(error)) from None
        try:
            draft = plan_reader.parse_plan(plan_reader.read_text(data=data, name=path.name))
        except plan_reader.PlanError as error:
            raise CommandError(str(error)) from None
        summary = plan_reader.draft_summary(draft)
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        width = max(len(key) for key in summary)
        for key, value in summary.items():
            shown = value if not isinstance(value, list) else json.dumps(value, ensure_ascii=False)
            self.stdout.write(f"{key.ljust(width)}  {'—' if value in (None, []) else shown}")
        for note in draft.notes:
            self.stdout.write(f"! {note}")
