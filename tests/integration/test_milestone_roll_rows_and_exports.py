"""What a row of the roll says (last and next reminder, a refused address, what a receipt lacks), and
the view exported as CSV that Excel opens and as a workbook, with no cell run as a formula."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tests.integration.roll_fixtures import AFTER_DEADLINE, MILESTONE, PLAN, loaded_session, office_of
from tracker.core.roll import RollRow, RollView
from tracker.services.roll import milestone_context, milestone_roll, roll_csv, roll_xlsx, whole_view
from tracker.services.submissions import Receipt, receive
from tracker.store.repository import find_expected_report, load_office
from tracker.store.tables import OutboxRow

HOSTILE = '=HYPERLINK("http://x";"bấm")'
SENT = datetime(2019, 9, 10, 0, 30, tzinfo=UTC)
FAILED = datetime(2019, 9, 17, 0, 30, tzinfo=UTC)


@pytest.fixture
def session(engine: Engine, config_dir: Path) -> Iterator[Session]:
    path = config_dir / "units.csv"
    path.write_text(
        path.read_text("utf-8")
        + f'cd-hostile,"{HOSTILE.replace(chr(34), chr(34) * 2)}",,h@example.org,,,1\n',
        "utf-8",
    )
    yield from loaded_session(engine, config_dir)


def _outbox(
    session: Session, unit: str, step: str, state: str, at: datetime, refused: dict[str, str]
) -> None:
    report = find_expected_report(session, PLAN, MILESTONE, unit)
    assert report is not None
    session.add(
        OutboxRow(
            key=f"reminder:{PLAN}/{MILESTONE}/{unit}/{step}/0/v1",
            kind="reminder",
            expected_report_id=report.id,
            plan_code=PLAN,
            milestone_code=MILESTONE,
            unit_code=unit,
            step_key=step,
            repeat=0,
            deadline_version=1,
            state=state,
            due_at=at,
            created_at=at,
            sent_at=at,
            refused=refused,
        )
    )


def _rows(session: Session) -> dict[str, RollRow]:
    office = office_of(session)
    with session.begin():
        context = milestone_context(session, office, PLAN, MILESTONE)
        roll = milestone_roll(session, context, RollView(), AFTER_DEADLINE)
    return {r.unit_code: r for r in roll.rows}


def test_a_row_says_the_last_and_next_reminder_and_a_refused_address(session: Session) -> None:
    with session.begin():
        _outbox(session, "ldld-dong-ha", "nhac-lan-1", "sent", SENT, {})
        _outbox(
            session, "ldld-dong-ha", "qua-han", "failed", FAILED, {"ldld.dongha@example.org": "550 5.1.1"}
        )

    row = _rows(session)["ldld-dong-ha"]

    assert row.last_reminder is not None and row.last_reminder.label == "Thông báo quá hạn"
    assert row.last_reminder.at == FAILED
    assert row.next_reminder is not None and row.next_reminder.label == "Đôn đốc"
    assert row.next_reminder.at.isoformat() == "2019-09-19T07:30:00+07:00"
    assert row.delivery_failed and row.refused == ("ldld.dongha@example.org",)
    assert row.days_overdue == 1 and row.missing is None


def test_a_received_row_counts_what_it_lacks_and_has_no_next_reminder(session: Session) -> None:
    with session.begin():
        receipt = Receipt(
            date(2019, 9, 13), sections=("truoc-de-an", "phuong-huong"), figures={"cdcs_moi": "1.234"}
        )
        receive(
            session,
            load_office(session),
            PLAN,
            MILESTONE,
            "ldld-gio-linh",
            receipt,
            replace=False,
            now=AFTER_DEADLINE,
        )
    plan = office_of(session).plan(PLAN)
    assert plan is not None

    row = _rows(session)["ldld-gio-linh"]

    assert row.received and row.next_reminder is None and row.days_overdue is None
    assert row.missing == len(plan.sections) + len(plan.figures) - 3


def _export(session: Session) -> tuple[bytes, bytes]:
    office = office_of(session)
    with session.begin():
        context = milestone_context(session, office, PLAN, MILESTONE)
        view = RollView(sort=RollView.parse({"sort": ["code"]}).sort)
        return (
            roll_csv(whole_view(session, context, view, AFTER_DEADLINE), context),
            roll_xlsx(whole_view(session, context, view, AFTER_DEADLINE), context),
        )


def test_the_csv_opens_in_excel_with_vietnamese_headers_and_no_formula(session: Session) -> None:
    data, _ = _export(session)

    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    header, *lines = text.splitlines()
    assert header.startswith("Đơn vị,Mã,Tình trạng,Ngày nhận,Số văn bản")
    assert len(lines) == 14
    hostile = next(line for line in lines if "cd-hostile" in line)
    assert hostile.startswith("\"'=HYPERLINK(")
    assert "Quá hạn" in hostile
    assert "\r\n" in text


def test_the_workbook_keeps_text_as_text(session: Session) -> None:
    _, data = _export(session)

    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Đơn vị", "Mã", "Tình trạng"]
    hostile = next(row for row in values if row[1] == "cd-hostile")
    assert hostile[0] is not None and str(hostile[0]).endswith(HOSTILE)
    assert sheet["A2"].data_type == "s"
