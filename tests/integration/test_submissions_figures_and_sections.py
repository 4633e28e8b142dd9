"""Figures and sections as a clerk types them: figures read the Vietnamese way (`.` groups thousands,
`,` is the decimal mark), a whole number stays whole, a section ticked twice counts once; what is not a
number the figure can take is refused, every problem at once, before anything is written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracker.config import load_config
from tracker.errors import InvalidFields
from tracker.services.loading import load_config_into
from tracker.services.submissions import Receipt, receive
from tracker.store.db import session_factory
from tracker.store.repository import find_expected_report, load_office

PLAN, MILESTONE, UNIT = "so-ket-de-an-2019", "bao-cao-don-vi", "ldld-hai-lang"
NOW = datetime(2019, 9, 17, 1, 30, tzinfo=UTC)


@pytest.fixture
def session(engine: Engine, config_dir: Path) -> Iterator[Session]:
    with session_factory(engine)() as session:
        with session.begin():
            load_config_into(session, load_config(config_dir), now=NOW - timedelta(days=40), actor="test")
        yield session


def _receive(
    session: Session, *, sections: tuple[str, ...] = (), figures: dict[str, str] | None = None
) -> None:
    receipt = Receipt(date(2019, 9, 13), sections=sections, figures=figures or {})
    with session.begin():
        receive(session, load_office(session), PLAN, MILESTONE, UNIT, receipt, replace=False, now=NOW)


def test_figures_are_stored_as_numbers_whole_when_they_are_whole(session: Session) -> None:
    _receive(
        session, figures={"doan_vien_moi": " 1.234 ", "dn_ngoai_nha_nuoc": "85", "doan_vien_sau": "12.500"}
    )

    row = find_expected_report(session, PLAN, MILESTONE, UNIT)
    assert row is not None
    assert row.figures == {"doan_vien_moi": 1234, "dn_ngoai_nha_nuoc": 85, "doan_vien_sau": 12500}
    assert isinstance(row.figures["dn_ngoai_nha_nuoc"], int)


def test_a_section_ticked_twice_is_recorded_once_in_the_order_given(session: Session) -> None:
    _receive(session, sections=("phuong-huong", "truoc-de-an", "phuong-huong"))

    row = find_expected_report(session, PLAN, MILESTONE, UNIT)
    assert row is not None
    assert row.sections == ["phuong-huong", "truoc-de-an"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("inf", "Số liệu doan_vien_moi: 'inf' không phải là số."),
        ("nan", "Số liệu doan_vien_moi: 'nan' không phải là số."),
        ("85.0", "Số liệu doan_vien_moi: '85.0' không phải là số."),
        (
            "2,5",
            "Số liệu doan_vien_moi: '2,5' có phần thập phân. Số đoàn viên kết nạp mới phải là số nguyên.",
        ),
        ("-5", "Số liệu doan_vien_moi: '-5' nhỏ hơn 0. Số đoàn viên kết nạp mới không được là số âm."),
    ],
)
def test_a_figure_the_plan_cannot_take_is_refused_and_nothing_is_written(
    session: Session, typed: str, message: str
) -> None:
    with pytest.raises(InvalidFields) as refused:
        _receive(session, figures={"cdcs_moi": "3", "doan_vien_moi": typed})

    assert list(refused.value.problems) == ["figures.doan_vien_moi"]
    assert refused.value.problems["figures.doan_vien_moi"].startswith(message)
    row = find_expected_report(session, PLAN, MILESTONE, UNIT)
    assert row is not None
    assert (row.received_on, row.figures) == (None, {})


def test_every_refused_figure_is_in_the_message_one_a_line(session: Session) -> None:
    with pytest.raises(InvalidFields) as refused:
        _receive(session, figures={"cdcs_moi": "1,5", "doan_vien_moi": "-1"})

    assert str(refused.value).splitlines() == list(refused.value.problems.values())
    assert list(refused.value.problems) == ["figures.cdcs_moi", "figures.doan_vien_moi"]
