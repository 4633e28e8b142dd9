"""A unit sends its report from its page: recorded at once as received (channel "liên kết", by the
named contact), its files kept outside any served folder under names of the application's, and the
next sweep sends it nothing more."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy import Engine, select

from tests.builders import at
from tests.web.helpers import Clock
from tests.web.unit_forms import PDF, filled, send
from tests.web.unit_links import MILESTONE, PLAN, UNIT, emails_to, links_in, path_of, sweep
from tracker.store.db import session_factory
from tracker.store.repository import find_expected_report
from tracker.store.tables import SubmittedFileRow, UnitSubmissionRow


def test_the_report_is_received_at_once_and_no_reminder_follows(
    loaded_engine: Engine, client: FlaskClient, clock: Clock, tmp_path: Path
) -> None:
    outbox = tmp_path / "outbox"
    sweep(loaded_engine, outbox, at(9, 9))
    link = path_of(links_in(emails_to(outbox, "ldld.dongha@example.org")[-1])[0])
    clock.now = at(13, 9, 9, 0)

    answer = send(client, link, filled())
    assert answer.status_code == 303
    page = client.get(link).get_data(as_text=True)
    assert "Đã nhận báo cáo của đơn vị" in page
    assert 'type="file"' not in page  # the form is gone once the report is in

    with session_factory(loaded_engine)() as db:
        report = find_expected_report(db, PLAN, MILESTONE, UNIT)
        assert report is not None
        assert (report.received_on, report.channel, report.recorded_by) == (
            at(13, 9).date(),
            "liên kết",
            "Trần Thị Bình",
        )
        assert report.figures["dn_ngoai_nha_nuoc"] == 1234
        (submission,) = db.scalars(select(UnitSubmissionRow)).all()
        (stored,) = db.scalars(select(SubmittedFileRow)).all()
    assert (submission.doc_number, submission.phone) == ("45/BC-LĐLĐ", "0233 3852 123")
    assert submission.state == "received"
    assert stored.name == "bao-cao-so-ket.pdf" and stored.kind == "pdf"
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    on_disk = tmp_path / "files" / stored.stored_name
    assert on_disk.read_bytes() == PDF
    assert stat.S_IMODE(on_disk.stat().st_mode) == 0o600
    assert "bao-cao" not in stored.stored_name  # never the uploaded name

    before = len(emails_to(outbox, "ldld.dongha@example.org"))
    result = sweep(loaded_engine, outbox, at(17, 9))  # the overdue notice's day: others get it
    assert UNIT not in {line.unit for line in result.lines}
    assert any(line.step == "qua-han" for line in result.lines)
    assert len(emails_to(outbox, "ldld.dongha@example.org")) == before
