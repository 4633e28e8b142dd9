"""Authentication refused: nothing is sent, every reminder stays pending without counting a try,
sending stops at once (it would fail alike for every message) and the sweep says why; with the
right password the next sweep sends them all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.integration.reminder_fixtures import at, load, mails, outbox, sweep_for
from tests.smtp_server import SmtpSink

CREDENTIALS = ("bantochuc", "mật khẩu đúng")
NOTICE = at(26, 8)  # the notice to all 13 units of the seed is due


@pytest.fixture
def guarded_sink() -> Iterator[SmtpSink]:
    with SmtpSink(credentials=CREDENTIALS) as sink:
        yield sink


@pytest.mark.filterwarnings("ignore:Session.login_data is deprecated")  # aiosmtpd 1.4, on a good login
def test_a_wrong_password_sends_nothing_keeps_all_pending_and_says_so_then_the_right_one_sends_all(
    engine: Engine, config_dir: Path, guarded_sink: SmtpSink
) -> None:
    load(engine, config_dir)
    wrong = {**guarded_sink.env(), "TRACKER_SMTP_PASSWORD": "mật khẩu cũ"}

    refused = sweep_for(engine, wrong).run(NOTICE)

    assert refused.stopped.startswith("auth_failed: 535 ")
    assert {line.state for line in refused.lines} == {"pending"}
    assert len(refused.lines) == 13
    assert (guarded_sink.mail_commands, guarded_sink.received) == (0, [])
    assert {(r.state, r.attempts, r.next_attempt_at) for r in outbox(engine)} == {("pending", 0, NOTICE)}

    fixed = sweep_for(engine, guarded_sink.env()).run(at(26, 8, 7, 35))

    assert fixed.stopped == ""
    assert {line.state for line in fixed.lines} == {"sent"}
    assert len({m.unit for m in mails(guarded_sink.received)}) == len(guarded_sink.received) == 13
    assert {(r.state, r.attempts) for r in outbox(engine)} == {("sent", 1)}


def test_a_server_demanding_a_login_we_do_not_give_stops_sending_after_its_first_refusal(
    engine: Engine, config_dir: Path, guarded_sink: SmtpSink
) -> None:
    load(engine, config_dir)
    login = ("TRACKER_SMTP_USER", "TRACKER_SMTP_PASSWORD")
    anonymous = {key: value for key, value in guarded_sink.env().items() if key not in login}

    result = sweep_for(engine, {**anonymous, "TRACKER_SMTP_CONNECTIONS": "1"}).run(NOTICE)

    assert result.stopped == "auth_failed: 530 5.7.0 Authentication required"
    assert guarded_sink.mail_commands == 1  # one refusal, then no more hammering
    assert guarded_sink.received == []
    assert {line.state for line in result.lines} == {"pending"}
    assert {(r.state, r.attempts) for r in outbox(engine)} == {("pending", 0)}
