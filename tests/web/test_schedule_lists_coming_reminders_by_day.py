"""The schedule page lists every reminder still to come, by day, in the plan's zone; a unit whose
report is recorded has none left."""

from datetime import date

from flask.testing import FlaskClient
from sqlalchemy import Engine

from tests.web.helpers import CAMPAIGN_DAY, log_in
from tracker.services.submissions import Receipt, receive
from tracker.store.db import session_factory
from tracker.store.repository import load_office


def test_a_unit_s_coming_reminders_by_day_until_its_report_arrives(
    client: FlaskClient, loaded_engine: Engine
):
    log_in(client, "viewer")
    page = client.get("/schedule?unit=ldld-dong-ha").get_data(as_text=True)
    assert "Thứ Năm, 19/09/2019 — 1 thư" in page  # the urging, 3 working days after Monday 16/9
    assert "Đôn đốc" in page
    assert 'Đông Hà <span class="muted">(ldld-dong-ha)</span>' in page
    assert "(ldld-cam-lo)" not in page

    with session_factory(loaded_engine)() as session, session.begin():
        receive(
            session,
            load_office(session),
            "so-ket-de-an-2019",
            "bao-cao-don-vi",
            "ldld-dong-ha",
            Receipt(date(2019, 9, 16)),
            replace=False,
            now=CAMPAIGN_DAY,
        )
    after = client.get("/schedule?unit=ldld-dong-ha").get_data(as_text=True)
    assert "0 thư nhắc sắp gửi" in after
    assert "Đôn đốc" not in after


def test_every_outstanding_unit_is_in_the_whole_schedule(client: FlaskClient):
    log_in(client, "viewer")
    page = client.get("/schedule").get_data(as_text=True)
    assert 'Đông Hà <span class="muted">(ldld-dong-ha)</span>' in page and "(ldld-cam-lo)" in page
