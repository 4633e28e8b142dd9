"""Figures and sections as a clerk types them: a decimal comma is a decimal, a whole number stays whole,
a section ticked twice counts once; what is not a number is refused before anything is written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracker.config import load_config
from tracker.services.errors import InputError
from tracker.services.loading import load_config_into
from tracker.services.submissions import Receipt, receive
from tracker.store.db import session_factory
from tracker.store.repository import find_expected_report

PLAN, MILESTONE, UNIT = "so-ket-de-an-2019", "bao-cao-don-vi", "ldld-hai-lang"
NOW = datetime(2019, 9, 17, 1, 30, tzinfo=UTC)


@pytest.fixture
def session(engine: Engine, config_dir: Path) -> Iterator[Session]:
    with session_factory(engine)() as session:
        with session.begin():
            load_config_into(session, load_config(config_dir), now=NOW - timedelta(days=40), actor="test")
        yield session


def _receive(session: Session, *, sections: tuple[str, ...] = (), figures: tuple[str, ...] = ()) -> None:
    receipt = Receipt(date(2019, 9, 13), sections=sections, figures=figures)
    with session.begin():
        receive(session, PLAN, MILESTONE, UNIT, receipt, replace=False, now=NOW)


def test_figures_are_stored_as_numbers_whole_when_they_are_whole(session: Session) -> None:
    _receive(session, figures=(" doan_vien_moi = 120 ", "dn_ngoai_nha_nuoc=85.0", "doan_vien_uu_tu=2,5"))

    row = find_expected_report(session, PLAN, MILESTONE, UNIT)
    assert row is not None
    assert row.figures == {"doan_vien_moi": 120, "dn_ngoai_nha_nuoc": 85, "doan_vien_uu_tu": 2.5}
    assert isinstance(row.figures["dn_ngoai_nha_nuoc"], int)


def test_a_section_ticked_twice_is_recorded_once_in_the_order_given(session: Session) -> None:
    _receive(session, sections=("phuong-huong", "truoc-de-an", "phuong-huong"))

    row = find_expected_report(session, PLAN, MILESTONE, UNIT)
    assert row is not None
    assert row.sections == ["phuong-huong", "truoc-de-an"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("doan_vien_moi=inf", "Số liệu doan_vien_moi: 'inf' không phải là số."),
        ("doan_vien_moi=nan", "Số liệu doan_vien_moi: 'nan' không phải là số."),
        ("doan_vien_moi=", "Số liệu doan_vien_moi: '' không phải là số."),
        ("=120", "Số liệu '=120' phải có dạng MÃ=GIÁ_TRỊ"),
    ],
)
def test_a_figure_that_is_not_a_finite_number_is_refused_and_nothing_is_written(
    session: Session, typed: str, message: str
) -> None:
    with pytest.raises(InputError) as refused:
        _receive(session, figures=("cdcs_moi=3", typed))

    assert message in str(refused.value)
    row = find_expected_report(session, PLAN, MILESTONE, UNIT)
    assert row is not None
    assert (row.received_on, row.figures) == (None, {})
