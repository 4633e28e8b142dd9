"""`tracker remind` against a server that refuses our password: nothing is sent, every reminder is
listed as pending, and the operator is told on stderr why sending stopped."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.e2e.commands import Tracker
from tests.smtp_server import SmtpSink


@pytest.fixture
def guarded_sink() -> Iterator[SmtpSink]:
    with SmtpSink(credentials=("bantochuc", "mật khẩu đúng")) as sink:
        yield sink


def test_a_refused_password_is_reported_and_nothing_leaves(tracker: Tracker, guarded_sink: SmtpSink) -> None:
    tracker.env |= guarded_sink.env() | {"TRACKER_SMTP_PASSWORD": "mật khẩu cũ"}
    tracker.ok("load")

    result = tracker("remind", "--as-of", "2019-08-26T07:30:00+07:00", "--format", "json")

    assert result.exit_code == 1
    assert result.stderr.startswith("Đã dừng gửi thư: auth_failed: 535 ")
    lines = json.loads(result.stdout)
    assert len(lines) == 13
    assert {line["state"] for line in lines} == {"pending"}
    assert guarded_sink.received == []
