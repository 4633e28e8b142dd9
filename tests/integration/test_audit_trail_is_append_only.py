"""The audit trail only grows: one row per state change, stamped with the moment given, earlier rows never
rewritten by later actions, and nothing at all for an action that was refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracker.config import load_config
from tracker.errors import BadInput
from tracker.services.loading import load_config_into
from tracker.services.submissions import Receipt, exempt, receive, unreceive
from tracker.store.db import session_factory
from tracker.store.repository import audit_trail, load_office

PLAN, MILESTONE, UNIT = "so-ket-de-an-2019", "bao-cao-don-vi", "ldld-gio-linh"
LOADED = datetime(2019, 8, 12, 2, 0, tzinfo=UTC)
T1, T2, T3, T4 = (datetime(2019, 9, 17, 2, 0, tzinfo=UTC) + timedelta(hours=h) for h in range(4))


@pytest.fixture
def session(engine: Engine, config_dir: Path) -> Iterator[Session]:
    with session_factory(engine)() as session:
        with session.begin():
            load_config_into(session, load_config(config_dir), now=LOADED, actor="tracker load")
        yield session


def _trail(session: Session) -> list[tuple[Any, ...]]:
    return [
        (a.at, a.actor, a.action, a.unit_code, a.before, a.after, a.note)
        for a in audit_trail(session)
        if a.at > LOADED
    ]


def test_each_action_adds_one_row_and_leaves_the_earlier_ones_as_they_were(session: Session) -> None:
    receive(
        session,
        load_office(session),
        PLAN,
        MILESTONE,
        UNIT,
        Receipt(date(2019, 9, 16), "5/BC", by="Hà"),
        replace=False,
        now=T1,
    )
    session.commit()
    after_receive = _trail(session)

    unreceive(session, load_office(session), PLAN, MILESTONE, UNIT, by="Bình", note="Nhầm đơn vị", now=T2)
    exempt(session, load_office(session), PLAN, MILESTONE, UNIT, by="Bình", note="Đã sáp nhập", now=T3)
    receive(
        session,
        load_office(session),
        PLAN,
        MILESTONE,
        UNIT,
        Receipt(date(2019, 9, 17), "6/BC", by="Hà"),
        replace=True,
        now=T4,
    )
    session.commit()

    trail = _trail(session)
    assert trail[:1] == after_receive
    assert [(at, actor, action, note) for at, actor, action, _, _, _, note in trail] == [
        (T1, "Hà", "submission.receive", ""),
        (T2, "Bình", "submission.unreceive", "Nhầm đơn vị"),
        (T3, "Bình", "submission.exempt", "Đã sáp nhập"),
        (T4, "Hà", "submission.replace", ""),
    ]
    # Each row's "before" is the previous row's "after": the history can be replayed.
    for previous, current in pairwise(trail):
        assert current[4] == previous[5]
    assert (trail[3][4]["exempt"], trail[3][5]["exempt"], trail[3][5]["doc_number"]) == (True, False, "6/BC")


def test_a_refused_action_leaves_no_trace(session: Session) -> None:
    receive(
        session,
        load_office(session),
        PLAN,
        MILESTONE,
        UNIT,
        Receipt(date(2019, 9, 16)),
        replace=False,
        now=T1,
    )
    session.commit()
    before = _trail(session)

    with pytest.raises(BadInput, match="đã được ghi nhận"):
        receive(
            session,
            load_office(session),
            PLAN,
            MILESTONE,
            UNIT,
            Receipt(date(2019, 9, 17)),
            replace=False,
            now=T2,
        )
    with pytest.raises(BadInput, match="ở tương lai"):
        receive(
            session,
            load_office(session),
            PLAN,
            MILESTONE,
            UNIT,
            Receipt(date(2019, 9, 18)),
            replace=True,
            now=T2,
        )
    session.commit()

    assert _trail(session) == before
