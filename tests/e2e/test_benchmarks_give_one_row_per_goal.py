"""`make bench` gathers each benchmark's rows as JSON (`--json`): at a tiny size, the cheap ones give a
row per goal with figures and limits measured, whatever the machine's speed (nothing here is timed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def rows_of(name: str, *args: str) -> list[dict[str, object]]:
    done = subprocess.run(
        [sys.executable, str(BENCH / f"bench_{name}.py"), *args, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows: list[dict[str, object]] = json.loads(done.stdout.splitlines()[-1])
    return rows


@pytest.mark.parametrize(
    ("name", "args", "whats"),
    [
        ("startup", ("--repeat", "1"), ["tracker --help vs python -c pass"]),
        (
            "status",
            ("--units", "20", "--repeat", "1"),
            [
                "tracker status --format json, shipped config, process vs python -c pass",
                "status of 20 units x 3 milestones, in-process vs bare SELECT",
            ],
        ),
        (
            "load",
            ("--units", "20"),
            ["tracker load, 20 units x 3 milestones, first time, vs bulk Core insert"],
        ),
    ],
)
def test_a_bench_gives_its_rows_as_json(name: str, args: tuple[str, ...], whats: list[str]) -> None:
    rows = rows_of(name, *args)
    assert [row["what"] for row in rows] == whats
    for row in rows:
        assert row["unit"] == "ms" and row["on_ratio"] is True and row["at_least"] is False
        assert isinstance(row["figure"], float) and row["figure"] > 0
        assert isinstance(row["limit"], float) and row["limit"] > 0
