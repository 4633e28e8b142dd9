"""One line of `make bench`'s table: a figure, the limit it is compared with (measured in the same run),
and the goal of issue 12 it is held to, on their ratio or on the figure itself.

Each benchmark prints its human report as before; with `--json` that report goes to stderr and stdout
gets one line, the JSON list of its rows, which `bench/run_all.py` gathers into one table.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Row:
    what: str  # the figure, then "vs" the limit
    figure: float
    unit: str  # of the figure and the limit: "ms", "msg/s", "MB", "%"
    goal: float
    limit: float | None = None  # measured in the same run; None when the goal is on the figure alone
    on_ratio: bool = True  # the goal holds the ratio figure / limit (else the figure itself)
    at_least: bool = False  # the goal is a floor (rates), not a ceiling

    @property
    def ratio(self) -> float | None:
        return None if self.limit is None else self.figure / self.limit

    @property
    def met(self) -> bool:
        held = self.ratio if self.on_ratio and self.ratio is not None else self.figure
        return held >= self.goal if self.at_least else held <= self.goal

    @property
    def goal_text(self) -> str:
        sign = "≥" if self.at_least else "≤"
        return f"{sign} {self.goal:g}×" if self.on_ratio else f"{sign} {self.goal:g} {self.unit}"

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Row:
        return cls(**data)  # type: ignore[arg-type]


def reported(as_json: bool, measure: Callable[[], list[Row]]) -> None:
    """Runs `measure`; with `as_json`, its human report goes to stderr and its rows to stdout as JSON."""
    if not as_json:
        measure()
        return
    with contextlib.redirect_stdout(sys.stderr):
        rows = measure()
    print(json.dumps([asdict(row) for row in rows], ensure_ascii=False), flush=True)
