"""A daemon process for the soak test: what `tracker run` starts (the same shell, sweep, leases and the
reclaim at start of what dead processes of this host held), its sweeps run on the test's clock.

    python -m tests.e2e.soak_daemon CLOCK_FILE     (settings from TRACKER_* in the environment)

The test owns the clock: CLOCK_FILE holds the current moment (ISO, replaced atomically) and moves
when the test says. The daemon sweeps at that moment over and over, as `tracker run` would every few
minutes of the clock; a 451's retry "five minutes later" comes when the test moves the clock on.
SIGTERM stops it the way it stops `tracker run`; the soak kills it with SIGKILL.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

from tracker.cli.daemon import starting_daemon
from tracker.daemon.runner import StopFlag, install_signal_handlers
from tracker.daemon.service import DEFAULT_SWEEP_EVERY
from tracker.shell import App

PAUSE = 0.05  # seconds between two sweeps: the clock does not move by itself, the database does


def read_clock(path: Path) -> datetime:
    return datetime.fromisoformat(path.read_text(encoding="utf-8"))


def write_clock(path: Path, moment: datetime) -> None:
    """Move the clock every daemon reads (atomically: a reader sees the old moment or the new one)."""
    draft = path.with_suffix(".draft")
    draft.write_text(moment.isoformat(), encoding="utf-8")
    os.replace(draft, path)


def main(clock: Path) -> None:
    app = App()
    stop = StopFlag()
    install_signal_handlers(stop.set)
    daemon = starting_daemon(app, DEFAULT_SWEEP_EVERY, stop, read_clock(clock))
    while not stop():
        daemon.run_sweep(read_clock(clock))
        stop.wait(PAUSE)
    daemon.beat(read_clock(clock), stopped=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
