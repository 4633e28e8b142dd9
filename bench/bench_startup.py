"""How long the command line takes to start: `tracker --help` and a command's help, as processes,
against `python -c pass` with the same interpreter (its own start, measured in the same run).

Run by hand (not by pytest): `.venv/bin/python bench/bench_startup.py [--repeat 15] [--json]`. Each command
imports what it uses when it runs (tracker/cli/main.py), so help needs neither the database nor the
services. Goal (issue 12): `tracker --help` at most 3 times `python -c pass`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rows import Row, reported

TRACKER = str(Path(sys.executable).with_name("tracker"))
RUNS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "tracker --help": [TRACKER, "--help"],
    "tracker status --help": [TRACKER, "status", "--help"],
    "tracker receive --help": [TRACKER, "receive", "--help"],
}
GOAL = 3.0


def median_seconds(command: list[str], repeat: int) -> float:
    subprocess.run(command, check=True, capture_output=True)  # warm the file cache
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def measure(repeat: int) -> list[Row]:
    medians = {name: median_seconds(command, repeat) for name, command in RUNS.items()}
    limit = medians["python -c pass"]
    print(f"{'what':<26}{'median ms':>10}{'× python -c pass':>18}  goal ≤ {GOAL:g}×")
    for name, seconds in medians.items():
        ratio = seconds / limit
        verdict = "" if name == "python -c pass" else ("met" if ratio <= GOAL else "not met")
        print(f"{name:<26}{seconds * 1000:10.0f}{ratio:18.1f}  {verdict}")
    help_ms = medians["tracker --help"] * 1000
    return [Row("tracker --help vs python -c pass", help_ms, "ms", GOAL, limit=limit * 1000)]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="the rows of `make bench` on stdout")
    options = parser.parse_args()
    reported(options.json, lambda: measure(options.repeat))


if __name__ == "__main__":
    main()
