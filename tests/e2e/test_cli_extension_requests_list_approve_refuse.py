"""`tracker extension list|approve|refuse`: the same acts as the report page, for a clerk at a
terminal, on the real clock (the seed plan is moved to run now). A request is made as a unit makes it
through its link; the approval moves the unit's deadline in `status` and `schedule`; a refusal needs a
reason; an unknown number is refused, naming the command that lists them."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select

from tests.e2e.commands import Tracker
from tests.fixtures.config_edits import PLAN as PLAN_FILE
from tests.fixtures.config_edits import replace_in
from tracker.services.extensions import ExtensionAsked, ask
from tracker.store.db import session_factory
from tracker.store.repository import find_expected_report, load_office
from tracker.store.tables import AuditRow, ExtensionRequestRow

PLAN, MILESTONE = "so-ket-de-an-2019", "bao-cao-don-vi"
TODAY = datetime.now(UTC).date()
DUE = TODAY + timedelta(days=20)  # "before" this day: the last day is the day before (or after a weekend)


def _plan_running_now(config_dir: Path) -> None:
    plan = config_dir / PLAN_FILE
    replace_in(plan, 'issued = "12/8/2019"', f'issued = "{TODAY - timedelta(days=10):%d/%m/%Y}"')
    replace_in(plan, 'closes = "31/12/2019"', f'closes = "{TODAY + timedelta(days=200):%d/%m/%Y}"')
    replace_in(plan, 'due = "15/9/2019"', f'due = "{DUE:%d/%m/%Y}"')
    replace_in(plan, "due = 2019-10-01", f"due = {DUE + timedelta(days=40):%Y-%m-%d}")


def _ask(engine: Engine, unit: str, until: date) -> int:
    """What the unit's page does when the unit asks for more time."""
    with session_factory(engine)() as session, session.begin():
        report = find_expected_report(session, PLAN, MILESTONE, unit)
        assert report is not None
        asked = ExtensionAsked(until, "Chờ họp Ban Thường vụ.")
        row = ask(session, load_office(session), report, asked, now=datetime.now(UTC))
        session.flush()
        return row.id


def test_a_clerk_lists_approves_and_refuses_requests_at_the_terminal(
    tracker: Tracker, engine: Engine, config_dir: Path
) -> None:
    _plan_running_now(config_dir)
    tracker.ok("load")
    assert "Không có đề nghị gia hạn nào" in tracker.ok("extension", "list")
    until = DUE + timedelta(days=30)
    first, second = _ask(engine, "ldld-dong-ha", until), _ask(engine, "cd-y-te", until)

    listed = tracker.ok("extension", "list")
    assert "ldld-dong-ha" in listed and "cd-y-te" in listed and f"{until:%d/%m/%Y}" in listed

    said = tracker.ok("extension", "approve", str(first), "--by", "Trần Thị Lan")
    assert f"Đã đồng ý gia hạn cho Liên đoàn Lao động thành phố Đông Hà đến hết ngày {until:%d/%m/%Y}" in said
    rows = {
        r["unit"]: r
        for r in json.loads(tracker.ok("status", "--format", "json"))
        if r["milestone"] == MILESTONE
    }
    assert rows["ldld-dong-ha"]["due"] == f"{until.isoformat()}T23:59:59+07:00"
    assert rows["cd-y-te"]["due"] != rows["ldld-dong-ha"]["due"]

    assert "Hãy ghi lý do không đồng ý" in tracker.refused("extension", "refuse", str(second))
    said = tracker.ok("extension", "refuse", str(second), "--note", "Cần số liệu đúng hạn.")
    assert "không đồng ý gia hạn" in said
    assert "Không có đề nghị gia hạn số 999" in tracker.refused("extension", "approve", "999")
    assert "không xử lý lại" in tracker.refused("extension", "approve", str(first))

    with session_factory(engine)() as session:
        states = dict(session.execute(select(ExtensionRequestRow.id, ExtensionRequestRow.state)).all())
        actors = session.scalars(
            select(AuditRow.actor).where(AuditRow.action.in_(["extension.approve", "extension.refuse"]))
        ).all()
    assert states == {first: "approved", second: "refused"}
    assert sorted(actors) == ["Cán bộ Ban Tổ chức", "Trần Thị Lan"]  # --by, else TRACKER_CLERK
