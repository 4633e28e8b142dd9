"""`make bench`: every benchmark, each in a process of its own, then one table of where the product stands.

Run: `make bench` (or `.venv/bin/python bench/run_all.py [--full] [--only status load]`). The sizes
are chosen to finish in under ten minutes in all on a 2-core machine; `--full` runs the sizes of issue
12 instead (100,000 units for planning, the digest's memory, and the web pages; 10,000 notices; the
idle daemon for 10 minutes), which takes about an hour. Each benchmark's own report goes to
var/bench/<name>.log; the table goes to stdout and to var/bench/table.txt.

One row per goal: the figure, the limit it is compared with (measured in the same run, on the same
machine, so that the ratio means the same on a slow or a fast one), their ratio, the goal, and whether
it is met. A goal on the figure itself (memory, CPU, a page's p95) has its limit shown for information.
The machine may be busy with other work: a row that looks off is worth running again (`--only`).
"""

from __future__ import annotations

import argparse
import compileall
import json
import subprocess
import sys
import time
from pathlib import Path

from rows import Row
from world import PROJECT_DIR

BENCH_DIR = Path(__file__).resolve().parent
LOGS = PROJECT_DIR / "var" / "bench"

# name: (the arguments of `make bench`, those of --full)
BENCHES: dict[str, tuple[list[str], list[str]]] = {
    "startup": (["--repeat", "10"], ["--repeat", "15"]),
    "status": (["--units", "10000", "--repeat", "3"], ["--units", "10000", "--repeat", "5"]),
    "load": (["--units", "10000"], ["--units", "100000"]),
    "reminders": (
        ["--units", "2000", "--planning-units", "30000", "--repeat", "3"],
        ["--units", "10000", "--planning-units", "100000", "--repeat", "5"],
    ),
    "digest": (["--units", "10000", "--history-factor", "1"], ["--units", "10000", "100000"]),
    "web": (
        ["--units", "10000", "--requests", "20", "--database-url", ""],
        ["--units", "10000", "100000", "--requests", "40"],
    ),
    "idle": (["--seconds", "150", "--warm-up", "30"], ["--seconds", "600", "--warm-up", "60"]),
}


def run(name: str, args: list[str]) -> tuple[list[Row], float, str]:
    """The rows of one benchmark, its seconds, and an error ("" when it went through)."""
    LOGS.mkdir(parents=True, exist_ok=True)
    log = LOGS / f"{name}.log"
    start = time.perf_counter()
    with log.open("w") as err:
        done = subprocess.run(
            [sys.executable, str(BENCH_DIR / f"bench_{name}.py"), *args, "--json"],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            cwd=PROJECT_DIR,
        )
    seconds = time.perf_counter() - start
    if done.returncode != 0 or not done.stdout.strip():
        return [], seconds, f"failed (exit {done.returncode}), see {log.relative_to(PROJECT_DIR)}"
    return [Row.from_json(data) for data in json.loads(done.stdout.splitlines()[-1])], seconds, ""


def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:.0f}" if abs(value) >= 100 else f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return f"{text} {unit}".rstrip()


def table(rows: list[Row], failures: list[str]) -> str:
    """The rows as aligned plain text, one line each, and a line for each benchmark that failed."""
    header = ("what", "figure", "limit", "ratio", "goal", "met")
    lines = [
        (
            row.what,
            number(row.figure, row.unit),
            number(row.limit, row.unit),
            "—" if row.ratio is None else f"{number(row.ratio)}×",
            row.goal_text,
            "yes" if row.met else "NO",
        )
        for row in rows
    ]
    widths = [max(len(line[n]) for line in [header, *lines]) for n in range(len(header))]
    flush_left = (True, False, False, False, True, True)

    def cells(line: tuple[str, ...]) -> str:
        columns = zip(line, widths, flush_left, strict=True)
        return "  ".join(cell.ljust(w) if left else cell.rjust(w) for cell, w, left in columns).rstrip()

    text = [cells(header), "  ".join("-" * w for w in widths), *map(cells, lines), *failures]
    met = sum(row.met for row in rows)
    text.append(f"{met} of {len(rows)} goals met")
    return "\n".join(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the sizes of issue 12 (about an hour)")
    parser.add_argument("--only", nargs="+", choices=list(BENCHES), default=list(BENCHES))
    options = parser.parse_args()
    # An installed package has its bytecode; an editable checkout writes it on first use, unless
    # PYTHONDONTWRITEBYTECODE is set (as in some shells and CI): then every command would compile
    # the whole package again, and start-up would measure the compiler.
    compileall.compile_dir(PROJECT_DIR / "tracker", quiet=1)
    rows: list[Row] = []
    failures: list[str] = []
    start = time.perf_counter()
    for name in options.only:
        args = BENCHES[name][1 if options.full else 0]
        print(f"bench_{name} {' '.join(args)} …", end=" ", file=sys.stderr, flush=True)
        found, seconds, error = run(name, args)
        print(error or f"{seconds:.0f} s", file=sys.stderr, flush=True)
        rows += found
        if error:
            failures.append(f"bench_{name}: {error}")
    text = table(rows, failures)
    text += f" ({time.perf_counter() - start:.0f} s, {time.strftime('%Y-%m-%d %H:%M %Z')})"
    (LOGS / "table.txt").write_text(text + "\n")
    print(text)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
