"""The crash-loop guard: a report whose decision or email rendering raises is logged with its key and
put off for an hour (its next look written in a transaction of its own); the sweep goes on, and the
other units get their reminders. Without it, one bad report would roll back every sweep, forever."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

import tracker.services.reminding as reminding
from tests.integration.reminder_fixtures import (
    PLAN,
    UNITS_REPORT,
    at,
    keep_units,
    load,
    mails,
    outbox,
    sweep_for,
)
from tests.smtp_server import SmtpSink
from tracker.core.reports import ExpectedReport
from tracker.store.db import session_factory
from tracker.store.tables import ExpectedReportRow, UnitRow

UNITS = ["ldld-dong-ha", "cd-giao-duc", "cd-y-te"]
BROKEN = "cd-giao-duc"


def next_look(engine: Engine, unit: str) -> Any:
    with session_factory(engine)() as session:
        return session.scalar(
            select(ExpectedReportRow.next_reminder_at)
            .join(ExpectedReportRow.unit)
            .where(UnitRow.code == unit, ExpectedReportRow.milestone.has(code=UNITS_REPORT))
        )


def broken_for_one_unit(real: Any, unit_of: Any) -> Any:
    def maybe_raise(*args: Any, **kwargs: Any) -> Any:
        if unit_of(*args, **kwargs) == BROKEN:
            raise RuntimeError("a template bug that only this unit's name triggers")
        return real(*args, **kwargs)

    return maybe_raise


@pytest.mark.parametrize(
    ("target", "unit_of"),
    [
        # The email cannot be rendered for one unit.
        ("build_reminder_message", lambda **kwargs: kwargs["unit"].code),
        # The decision itself raises for one report.
        ("decide", lambda report, *args: report.unit.code if isinstance(report, ExpectedReport) else None),
    ],
    ids=["rendering", "decision"],
)
def test_a_report_that_raises_waits_an_hour_while_the_other_units_get_their_reminders(
    engine: Engine,
    config_dir: Path,
    smtp_sink: SmtpSink,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    target: str,
    unit_of: Any,
) -> None:
    keep_units(config_dir, UNITS)
    load(engine, config_dir)
    sweep = sweep_for(engine, smtp_sink.env())
    with monkeypatch.context() as patch:
        patch.setattr(reminding, target, broken_for_one_unit(getattr(reminding, target), unit_of))
        with caplog.at_level(logging.ERROR):
            swept = sweep.run(at(26, 8))

    others = sorted(set(UNITS) - {BROKEN})
    assert [(line.unit, line.state) for line in swept.lines] == [(u, "sent") for u in others]
    assert [(m.unit, m.step) for m in mails(smtp_sink.received)] == [(u, "thong-bao") for u in others]
    assert next_look(engine, BROKEN) == at(26, 8, 8, 30)
    assert f"{PLAN}/{UNITS_REPORT}/{BROKEN}" in caplog.text
    assert "RuntimeError: a template bug" in caplog.text

    # Fixed (here: the fault gone), it is looked at again an hour later, not before, and sent then.
    assert sweep.run(at(26, 8, 8, 0)).lines == []
    later = sweep.run(at(26, 8, 8, 30))
    assert [(line.unit, line.step, line.state) for line in later.lines] == [(BROKEN, "thong-bao", "sent")]
    assert sorted(r.unit_code for r in outbox(engine)) == sorted(UNITS)
