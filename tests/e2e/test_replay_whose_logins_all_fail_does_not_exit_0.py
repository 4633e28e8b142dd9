"""`tracker run --replay-from` against a server that refuses our password sends nothing: it ends with
exit code 1 and says so, with what waits, instead of a quiet success (issue 13, item 12)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.commands import Tracker
from tests.smtp_server import SmtpSink


@pytest.fixture
def guarded_sink() -> Iterator[SmtpSink]:
    with SmtpSink(credentials=("bantochuc", "mật khẩu đúng")) as sink:
        yield sink


def test_a_replay_whose_logins_all_fail_says_so_and_exits_1(tracker: Tracker, guarded_sink: SmtpSink) -> None:
    tracker.env |= guarded_sink.env() | {"TRACKER_SMTP_PASSWORD": "mật khẩu cũ"}
    tracker.ok("load")

    result = tracker("run", "--replay-from", "2019-08-26", "--until", "2019-08-27", "--speed", "max")

    assert result.exit_code == 1, result.output
    assert "Chạy lại xong nhưng thư không đi được. 14 thư đang chờ gửi" in result.stderr  # and the digest
    assert guarded_sink.received == []


def test_a_replay_that_sends_ends_with_0(tracker: Tracker, smtp_sink: SmtpSink) -> None:
    tracker.env |= smtp_sink.env()
    tracker.ok("load")

    result = tracker("run", "--replay-from", "2019-08-26", "--until", "2019-08-27", "--speed", "max")

    assert result.exit_code == 0, result.output
    assert len(smtp_sink.received) == 14  # the 13 notices and the weekly digest
