"""A mail server that is down is not a quiet success: `remind` says on stderr that nothing could be
delivered, with the server's error and what waits, and exits 1; `status` and `/healthz` show the mail
waiting, since when, and the last error (issue 13, item 12)."""

from __future__ import annotations

import socket

from tests.e2e.commands import Tracker
from tests.smtp_server import SmtpSink

NOTICE = "2019-08-26T07:30:00+07:00"
AN_HOUR_LATER = "2019-08-26T08:30:00+07:00"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_server_down_is_said_on_stderr_and_in_the_status(tracker: Tracker) -> None:
    down = {
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_PORT": str(_closed_port()),
        "TRACKER_SMTP_TLS": "none",
    }
    tracker.env |= down
    tracker.ok("load")

    result = tracker("remind", "--as-of", NOTICE)

    assert result.exit_code == 1
    assert result.stderr.startswith("Không gửi được thư nào trong lượt này. 13 thư đang chờ gửi")
    assert "máy chủ thư báo lỗi" in result.stderr
    status = tracker.ok("status", "--as-of", AN_HOUR_LATER)
    assert "Thư: 13 thư đang chờ gửi, thư cũ nhất chờ từ" in status


def test_a_sweep_that_sends_says_nothing_on_stderr(tracker: Tracker, smtp_sink: SmtpSink) -> None:
    tracker.env |= smtp_sink.env()
    tracker.ok("load")

    result = tracker("remind", "--as-of", NOTICE)

    assert (result.exit_code, result.stderr) == (0, "")
    assert tracker.ok("status").splitlines()[-1] == "Thư: Không có thư nào chờ gửi."
