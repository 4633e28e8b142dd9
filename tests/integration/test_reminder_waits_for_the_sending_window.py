"""Reminders leave only inside the sending window (working days, 07:30 included, 17:00 excluded): a
step due on a holiday, a weekend or after hours goes when the office next opens, dated then."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from tests.integration.reminder_fixtures import at, keep_units, load, mails, sweep_for
from tests.smtp_server import SmtpSink

UNITS = ["ldld-dong-ha", "cd-y-te"]
EARLY_REMINDER = """
[[ladders.standard.steps]]
key = "nhac-som"
offset = "-14d"
template = "reminder"
cc = []
"""


def sent_at_each(sweep_moments: list[datetime], engine: Engine, sink: SmtpSink) -> list[tuple[datetime, int]]:
    sweep = sweep_for(engine, sink.env())
    counts = []
    for now in sweep_moments:
        before = len(sink.received)
        sweep.run(now)
        counts.append((now, len(sink.received) - before))
    return counts


def test_a_step_falling_on_the_national_day_goes_out_when_the_office_opens_on_tuesday(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink
) -> None:
    keep_units(config_dir, UNITS)
    # -14d from Monday 16/9 is Monday 2/9, Quốc khánh.
    with (config_dir / "ladders.toml").open("a", encoding="utf-8") as ladders:
        ladders.write(EARLY_REMINDER)
    load(engine, config_dir)
    moments = [at(26, 8), at(2, 9), at(2, 9, 12, 0), at(3, 9, 7, 29), at(3, 9), at(3, 9, 16, 59)]

    counts = sent_at_each(moments, engine, smtp_sink)

    assert counts == [
        (at(26, 8), 2),
        (at(2, 9), 0),
        (at(2, 9, 12, 0), 0),
        (at(3, 9, 7, 29), 0),
        (at(3, 9), 2),
        (at(3, 9, 16, 59), 0),
    ]
    early = [m for m in mails(smtp_sink.received) if m.step == "nhac-som"]
    assert [(m.unit, m.at) for m in early] == [(u, at(3, 9)) for u in sorted(UNITS)]


def test_a_step_found_due_after_17_00_waits_for_07_30_of_the_next_working_day(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink
) -> None:
    keep_units(config_dir, UNITS)
    load(engine, config_dir)
    moments = [at(26, 8, 7, 29), at(26, 8, 17, 0), at(27, 8, 7, 29), at(27, 8)]

    counts = sent_at_each(moments, engine, smtp_sink)

    assert [n for _, n in counts] == [0, 0, 0, 2]
    assert [(m.unit, m.step, m.at) for m in mails(smtp_sink.received)] == [
        (u, "thong-bao", at(27, 8)) for u in sorted(UNITS)
    ]


def test_the_window_is_still_open_at_16_59(engine: Engine, config_dir: Path, smtp_sink: SmtpSink) -> None:
    keep_units(config_dir, UNITS)
    load(engine, config_dir)

    counts = sent_at_each([at(26, 8, 16, 59)], engine, smtp_sink)

    assert counts == [(at(26, 8, 16, 59), 2)]
