"""Field accuracy of the plan reader over the corpus of plans it was not written against, and time per plan.

Run: .venv/bin/python bench/plan_reader.py [--verbose]
Reads every fixtures/plans/corpus/<slug>.txt with the reader, compares each
field with the hand-written `expected` of <slug>.json, and prints the share
of fields right, by field and overall, the fields invented (read where the
plan gives nothing), and the slowest plan. Strings are compared without
regard to case, accents, spacing and punctuation; an `accept` list gives
other spellings the plan itself uses.
"""

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "fixtures" / "plans" / "corpus"
FIELDS = [
    "kind",
    "period",
    "issuer",
    "number",
    "place",
    "date_issued",
    "year",
    "slogan",
    "content_items",
    "targets",
    "phases",
    "deadlines",
    "windows",
    "signer",
    "leader",
    "vice_leader",
]


def _plain(value):
    from core.text import fold

    return re.sub(r"[^\w/]+", " ", fold(str(value))).strip()


def same(field, read, expected, accept=()):
    if expected in (None, []) or read in (None, []):
        return read in (None, []) and expected in (None, [])
    if isinstance(expected, str):
        return any(_plain(read).replace(" ", "") == _plain(option).replace(" ", "") for option in [expected, *accept])
    if field == "targets":
        return [[_plain(t) if t else None, p] for t, p in read] == [[_plain(t) if t else None, p] for t, p in expected]
    return read == expected


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true", help="print every wrong field")
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    os.environ.setdefault("DEBUG", "True")
    import django

    django.setup()
    from django.utils import translation

    from campaigns.plan_reader import draft_summary, parse_plan, read_text

    translation.activate("vi")
    right = {field: 0 for field in FIELDS}
    labelled = {field: 0 for field in FIELDS}  # plans whose sidecar gives the field (kind and period: the newer)
    present = {field: [0, 0] for field in FIELDS}  # right, total where the plan gives the field
    invented, wrong, times = [], [], []
    plans = sorted(CORPUS.glob("*.txt"))
    for path in plans:
        sidecar = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        started = time.perf_counter()
        read = draft_summary(parse_plan(read_text(data=path.read_bytes(), name=path.name)))
        times.append((time.perf_counter() - started, path.stem))
        for field in FIELDS:
            if field not in sidecar["expected"]:
                continue
            labelled[field] += 1
            expected = sidecar["expected"][field]
            ok = same(field, read[field], expected, sidecar.get("accept", {}).get(field, ()))
            right[field] += ok
            if expected not in (None, [], 0):
                present[field][0] += ok
                present[field][1] += 1
            elif not ok:
                invented.append((path.stem, field, read[field]))
            if not ok:
                wrong.append((path.stem, field, read[field], expected))
    total = sum(labelled.values())
    print(f"{len(plans)} plans, {total} fields labelled")
    print(f"{'field':<14}{'right':>8}{'where given':>14}")
    for field in FIELDS:
        given = f"{present[field][0]}/{present[field][1]}" if present[field][1] else "—"
        print(f"{field:<14}{right[field] / max(labelled[field], 1):>8.0%}{given:>14}")
    given_right = sum(r for r, _t in present.values())
    given_total = sum(t for _r, t in present.values())
    print(f"{'all':<14}{sum(right.values()) / total:>8.1%}{f'{given_right}/{given_total}':>14}")
    print(f"invented: {len(invented)}" + "".join(f"\n  {slug}: {field} = {value!r}" for slug, field, value in invented))
    slowest = max(times)
    print(
        f"time per plan: mean {sum(t for t, _s in times) / len(times) * 1000:.0f} ms, "
        f"slowest {slowest[0] * 1000:.0f} ms ({slowest[1]})"
    )
    if arguments.verbose:
        for slug, field, read, expected in wrong:
            print(f"{slug}: {field}: read {read!r}, expected {expected!r}")


if __name__ == "__main__":
    main()
