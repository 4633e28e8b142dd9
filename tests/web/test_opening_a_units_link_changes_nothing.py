"""A GET never changes anything: mail scanners open links before people do. Every table is the same
after the unit's page (valid link or not) and the admin's report page have been opened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import Engine, select

from tests.builders import at
from tests.web.helpers import log_in
from tests.web.unit_links import MILESTONE, PLAN, UNIT, emails_to, links_in, path_of, sweep
from tracker.store.db import session_factory
from tracker.store.tables import Base


def _everything(engine: Engine) -> dict[str, list[Any]]:
    with session_factory(engine)() as db:
        return {
            table.name: sorted(map(tuple, db.execute(select(table)).all()), key=repr)
            for table in Base.metadata.sorted_tables
        }


def test_opening_the_link_and_the_report_page_writes_nothing(
    loaded_engine: Engine, client: FlaskClient, tmp_path: Path
) -> None:
    sweep(loaded_engine, tmp_path, at(26, 8))
    link = path_of(links_in(emails_to(tmp_path, "ldld.dongha@example.org")[0])[0])
    log_in(client, "admin")
    before = _everything(loaded_engine)
    assert client.get(link).status_code == 200
    assert client.get(link[:-2] + "xx").status_code == 404
    assert client.get(f"/plans/{PLAN}/{MILESTONE}/{UNIT}").status_code == 200
    assert _everything(loaded_engine) == before
