"""What the daemon costs while it waits: `tracker run` with the shipped seed loaded, memory and CPU.

Run by hand (not by pytest): `.venv/bin/python bench/bench_idle.py [--seconds 600] [--warm-up 30]
[--sweep-minutes 1] [--json]`. Everything happens in a temporary folder on SQLite: `tracker load` of
the shipped config, then `tracker run` on the real clock without a mail server (emails, if any are due,
go to the outbox folder) and without a mailbox. After `--warm-up` seconds (the first sweep and digest),
the process is sampled once a second for `--seconds`: its resident size (VmRSS in /proc/<pid>/status,
the largest sample) and its CPU time (utime + stime in /proc/<pid>/stat, all threads) over the
wall time. It sweeps every `--sweep-minutes`, so that the window holds sweeps as well as waiting.

Goal (issue 12): RSS under 80 MB and CPU under 1% (the issue's figure is over 10 minutes).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_load import TRACKER, tracker_env
from rows import Row, reported
from world import SHIPPED_CONFIG

RSS_GOAL_MB = 80
CPU_GOAL_PERCENT = 1
TICKS = os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def cpu_seconds(pid: int) -> float:
    """utime + stime of the process (its threads included), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # fields 14 and 15 of proc(5), after the name


def measure(seconds: int, warm_up: int, sweep_minutes: int) -> list[Row]:
    print(f"Python {sys.version.split()[0]}, SQLite, the shipped seed, sweeping every {sweep_minutes} min")
    with tempfile.TemporaryDirectory(prefix="bench-idle-") as folder:
        root = Path(folder)
        env = tracker_env(root, SHIPPED_CONFIG)
        subprocess.run([TRACKER, "load"], env=env, check=True, capture_output=True, cwd=root)
        with (root / "daemon.log").open("wb") as log:
            daemon = subprocess.Popen(
                [TRACKER, "run", "--sweep-minutes", str(sweep_minutes)],
                env=env,
                cwd=root,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                time.sleep(warm_up)
                if daemon.poll() is not None:
                    raise RuntimeError(f"tracker run ended: {(root / 'daemon.log').read_text()}")
                start_cpu, start = cpu_seconds(daemon.pid), time.monotonic()
                largest = rss_mb(daemon.pid)
                while time.monotonic() - start < seconds:
                    time.sleep(1)
                    largest = max(largest, rss_mb(daemon.pid))
                cpu = cpu_seconds(daemon.pid) - start_cpu
                wall = time.monotonic() - start
            finally:
                daemon.send_signal(signal.SIGTERM)
                daemon.wait(30)
        sent = len(list((root / "outbox").glob("**/*.eml"))) if (root / "outbox").exists() else 0
    percent = 100 * cpu / wall
    print(
        f"  sampled {wall:.0f} s after a warm-up of {warm_up} s ({sent} emails written to the outbox folder)"
    )
    print(f"  largest RSS {largest:6.1f} MB   (goal < {RSS_GOAL_MB} MB)")
    print(f"  CPU {cpu:.2f} s of {wall:.0f} s = {percent:.2f}%   (goal < {CPU_GOAL_PERCENT}%)")
    what = f"idle daemon, shipped seed, {wall:.0f} s"
    return [
        Row(f"{what}: largest RSS", largest, "MB", RSS_GOAL_MB, on_ratio=False),
        Row(f"{what}: CPU", percent, "%", CPU_GOAL_PERCENT, on_ratio=False),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=int, default=600, help="sampled time, after the warm-up")
    parser.add_argument("--warm-up", type=int, default=30)
    parser.add_argument("--sweep-minutes", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="the rows of `make bench` on stdout")
    options = parser.parse_args()
    reported(options.json, lambda: measure(options.seconds, options.warm_up, options.sweep_minutes))


if __name__ == "__main__":
    main()
