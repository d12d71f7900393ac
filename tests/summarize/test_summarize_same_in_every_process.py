"""digest gives the same output in every process, whatever Python's string hashing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

LEAD = "Dock workers at Port Almsby began a four-day strike on {} over pay and shift patterns."
MORE = [
    '"We have been pushed to this by years of falling pay," said union organiser Mara Tellow.',
    "The strike at Port Almsby is expected to hold up container ships for the rest of the week.",
    "The port's operator said it was disappointed by the walkout and that its offer was fair.",
    "The union said its members had rejected a pay offer of 4 percent.",
    "Talks between the operator and the union broke down last month.",
]


def test_digest_is_the_same_under_any_string_hashing(tmp_path: Path) -> None:
    # Wire copies with another weekday and other sentences: their sentences cite each other
    # with equal similarities, whose rounding once followed the order of a set of words.
    records = []
    for number in range(9):
        day = ("Tuesday", "Wednesday", "Thursday")[number % 3]
        rest = [MORE[(number + step) % len(MORE)] for step in (0, 2, 3, 4)]
        lead = LEAD.format(day)
        paragraphs = [lead[:80], f"{lead} {rest[0]}", f"{rest[1]} {rest[2]}", rest[3]]
        text = "\n\n".join(paragraphs)
        records.append({"id": f"copy-{number}", "text": text, "published": "2024-03-12T08:00:00Z"})
    path = tmp_path / "strike.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    outputs = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        done = subprocess.run(
            [sys.executable, "-m", "storyline", "digest", str(path), "-f", "json"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
