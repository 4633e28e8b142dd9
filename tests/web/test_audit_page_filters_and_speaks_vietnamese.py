"""The audit page: what each person did, newest first, in words with figures by their titles and local
time; filtered by plan, unit, person, action and days; a bad day said next to its field; paged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask.testing import FlaskClient
from sqlalchemy import Engine

from tests.web.helpers import log_in
from tracker.services.submissions import Receipt, receive
from tracker.store.db import session_factory
from tracker.store.repository import load_office, record_audit

PLAN, MILESTONE = "so-ket-de-an-2019", "bao-cao-don-vi"
RECEIVED_AT = datetime(2019, 9, 13, 2, 30, tzinfo=UTC)  # 09:30 in Quảng Trị


def _receive(engine: Engine, unit: str, by: str) -> None:
    with session_factory(engine)() as session, session.begin():
        office = load_office(session)
        receipt = Receipt(RECEIVED_AT.date(), "85/BC-LĐLĐ", by=by, figures={"doan_vien_moi": "1.234"})
        receive(session, office, PLAN, MILESTONE, unit, receipt, replace=False, now=RECEIVED_AT)


def test_the_trail_reads_in_words_newest_first(client: FlaskClient, loaded_engine: Engine) -> None:
    _receive(loaded_engine, "ldld-dong-ha", "Trần Thị Lan")
    log_in(client, "viewer")
    page = client.get("/audit").get_data(as_text=True)

    assert "09:30 ngày 13/09/2019" in page
    assert "Ghi nhận báo cáo" in page and "submission.receive</td>" not in page
    assert "ngày nhận: trống → 13/09/2019" in page
    assert "Số đoàn viên kết nạp mới: trống → 1.234" in page
    assert "Liên đoàn Lao động thành phố Đông Hà" in page
    assert page.index("Ghi nhận báo cáo</td>") < page.index("Nạp cấu hình")  # newest first
    assert page.count("Nạp cấu hình</td>") == 1  # the seed's load is one line
    assert "{&#39;" not in page and "{'" not in page  # no Python reprs


def test_filters_narrow_the_trail(client: FlaskClient, loaded_engine: Engine) -> None:
    _receive(loaded_engine, "ldld-dong-ha", "Lan")
    _receive(loaded_engine, "cd-y-te", "Bình")
    log_in(client, "viewer")

    def lines(query: str) -> int:
        return client.get(f"/audit?{query}").get_data(as_text=True).count("Ghi nhận báo cáo</td>")

    assert lines("unit=cd-y-te") == 1
    assert lines("actor=Lan") == 1
    assert lines(f"plan={PLAN}&action=submission.receive") == 2
    assert lines("since=2019-09-13&until=2019-09-13") == 2
    assert lines("until=2019-09-12") == 0


def test_a_bad_day_is_said_next_to_its_field(client: FlaskClient) -> None:
    log_in(client, "viewer")
    page = client.get("/audit?since=31/9/2019").get_data(as_text=True)
    assert 'class="field-error" id="since-error">Từ ngày:' in page
    assert 'value="31/9/2019"' in page


def test_a_long_trail_is_paged(client: FlaskClient, loaded_engine: Engine) -> None:
    with session_factory(loaded_engine)() as session, session.begin():
        for minute in range(150):
            at = RECEIVED_AT + timedelta(minutes=minute)
            record_audit(session, at=at, actor="Lan", action="digest.send", note=f"lần {minute}")
    log_in(client, "viewer")
    first = client.get("/audit?actor=Lan").get_data(as_text=True)
    second = client.get("/audit?actor=Lan&page=2").get_data(as_text=True)
    assert "150 thao tác phù hợp · trang 1/2" in first and "lần 149" in first and "lần 49<" not in first
    assert "lần 49<" in second and "Trang sau" not in second
