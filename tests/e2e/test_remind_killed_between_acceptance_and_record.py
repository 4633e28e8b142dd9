"""`tracker remind` killed (SIGKILL) in the instant after the mail server took a message and before
the tracker could record it: the next run after the lease sends what is left, the message whose
answer was lost at most once more, and nothing is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from tests.e2e.commands import Snapshot, Tracker
from tests.integration.reminder_fixtures import mail_of
from tests.smtp_server import ReceivedMail, SmtpSink

T = "2019-08-26T07:30:00+07:00"  # the notice to the 13 units
KILL_AT = 3  # the server keeps the third message, then the sender dies before it hears "250"


class KillsTheSender(list[ReceivedMail]):
    """The sink's list of kept messages: keeping the `at`-th kills process `pid` on the spot, in the
    server's thread, before the server's reply to DATA goes out."""

    def __init__(self, pid: int, at: int) -> None:
        super().__init__()
        self.pid, self.at = pid, at

    def append(self, mail: ReceivedMail) -> None:
        super().append(mail)
        if len(self) == self.at:
            os.kill(self.pid, signal.SIGKILL)


def test_a_sender_killed_after_the_servers_acceptance_costs_at_most_one_duplicate_and_loses_nothing(
    tracker: Tracker, smtp_sink: SmtpSink, snapshot: Callable[[], Snapshot], tmp_path: Path
) -> None:
    tracker.env |= smtp_sink.env() | {"TRACKER_SMTP_CONNECTIONS": "1"}  # one message after another
    tracker.ok("load")
    env = {k: v for k, v in os.environ.items() if k not in tracker.env} | {
        k: v for k, v in tracker.env.items() if v is not None
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker.cli.main", "remind", "--as-of", T],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    with smtp_sink.lock:
        smtp_sink.received_mail = KillsTheSender(process.pid, KILL_AT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL, stderr.decode()
    assert len(smtp_sink.received) == KILL_AT
    # Each answer was recorded as it came: the two first are sent; the rest wait under the lease.
    states = Counter(row["state"] for row in snapshot()["outbox"])
    assert states == {"sent": KILL_AT - 1, "sending": 13 - (KILL_AT - 1)}

    # Within the dead sender's lease (10 minutes) its claimed reminders are left alone.
    assert tracker.json("remind", "--as-of", "2019-08-26T07:39:00+07:00") == []
    assert len(smtp_sink.received) == KILL_AT

    after_lease = tracker.json("remind", "--as-of", "2019-08-26T07:41:00+07:00")

    assert {line["state"] for line in after_lease} == {"sent"}
    assert Counter(row["state"] for row in snapshot()["outbox"]) == {"sent": 13}
    received = Counter((m.unit, m.step) for m in map(mail_of, smtp_sink.received))
    assert len(received) == 13  # every unit got its notice
    assert sum(received.values()) - len(received) <= 1  # and at most one of them twice
    assert tracker.json("remind", "--as-of", "2019-08-26T09:00:00+07:00") == []
