"""Each bad input of a unit's submission gets a Vietnamese message next to its field, and nothing is
stored: no receipt, no submission row, no file on disk."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, func, select

from tests.builders import at
from tests.web.helpers import Clock, csrf_token
from tests.web.unit_forms import PDF, filled, send
from tests.web.unit_links import MILESTONE, PLAN, UNIT, emails_to, links_in, path_of, sweep
from tracker.store.db import session_factory
from tracker.store.repository import find_expected_report
from tracker.store.tables import UnitSubmissionRow

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
MB = 1024 * 1024


def _zip(names: list[str]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


BAD = {
    "an exe renamed pdf": ({"files": [(EXE, "bao-cao.pdf")]}, "files", "kiểm tra theo nội dung tệp"),
    "a zip that is no document": ({"files": [(_zip(["a.txt"]), "bao-cao.docx")]}, "files", "không phải"),
    "a 25 MB file": ({"files": [(PDF + b"0" * (25 * MB), "lon.pdf")]}, "files", "quá 20 MB cho mỗi tệp"),
    "three files over 50 MB": (
        {"files": [(PDF + b"0" * (17 * MB), f"phan-{n}.pdf") for n in range(3)]},
        "files",
        "quá 50 MB",
    ),
    "no file": ({"files": []}, "files", "Hãy chọn ít nhất một tệp báo cáo."),
    "a path in the name": ({"files": [(PDF, "../../etc/bao-cao.pdf")]}, "files", "không hợp lệ"),
    "a control character in the name": ({"files": [(PDF, "bao\x07cao.pdf")]}, "files", "không hợp lệ"),
    "a figure that is no number": ({"figure_0": "một nghìn"}, "figure_0", "không phải là số"),
    "a negative figure": ({"figure_4": "-3"}, "figure_4", "không được là số âm"),
    "a document date in the future": ({"doc_date": "20/9/2019"}, "doc_date", "ở tương lai"),
    "a date that is no date": ({"doc_date": "31/2/2019"}, "doc_date", "Ngày không hợp lệ"),
    "no document number": ({"doc_number": "  "}, "doc_number", "Hãy ghi số văn bản"),
    "no contact": ({"contact": ""}, "contact", "Hãy ghi họ tên người liên hệ."),
    "a phone that is no phone": ({"phone": "gọi tôi"}, "phone", "Hãy ghi số điện thoại"),
}


def _link(engine: Engine, outbox: Path) -> str:
    sweep(engine, outbox, at(9, 9))
    return path_of(links_in(emails_to(outbox, "ldld.dongha@example.org")[-1])[0])


def _message_next_to(page: str, field: str, words: str) -> bool:
    """`words` in a field-error paragraph of the field block holding input `field`."""
    blocks = re.split(r'<div class="field', page)
    return any(f'name="{field}"' in block and "field-error" in block and words in block for block in blocks)


def _nothing_stored(engine: Engine, files_dir: Path) -> None:
    with session_factory(engine)() as db:
        report = find_expected_report(db, PLAN, MILESTONE, UNIT)
        assert report is not None and report.received_on is None
        assert db.scalar(select(func.count()).select_from(UnitSubmissionRow)) == 0
    assert not files_dir.exists() or not any(files_dir.iterdir())


@pytest.mark.parametrize(("changes", "field", "words"), BAD.values(), ids=BAD.keys())
def test_a_bad_input_is_said_next_to_its_field_and_nothing_is_stored(
    loaded_engine: Engine,
    client: FlaskClient,
    clock: Clock,
    tmp_path: Path,
    changes: dict[str, Any],
    field: str,
    words: str,
) -> None:
    link = _link(loaded_engine, tmp_path / "outbox")
    clock.now = at(13, 9, 9, 0)
    answer = send(client, link, filled(**changes))
    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert _message_next_to(page, field, words), page[page.find("<form") :][:3000]
    _nothing_stored(loaded_engine, tmp_path / "files")


def test_every_problem_is_said_at_once(
    loaded_engine: Engine, client: FlaskClient, clock: Clock, tmp_path: Path
) -> None:
    link = _link(loaded_engine, tmp_path / "outbox")
    clock.now = at(13, 9, 9, 0)
    answer = send(client, link, filled(files=[(EXE, "x.pdf")], figure_0="abc", phone="", contact=""))
    page = answer.get_data(as_text=True)
    for field in ("files", "figure_0", "phone", "contact"):
        assert _message_next_to(page, field, ""), field
    assert 'value="45/BC-LĐLĐ"' in page  # what was typed right is kept
    _nothing_stored(loaded_engine, tmp_path / "files")


def test_a_second_submission_after_one_was_received_asks_to_contact_ban_to_chuc(
    loaded_engine: Engine, client: FlaskClient, clock: Clock, tmp_path: Path
) -> None:
    link = _link(loaded_engine, tmp_path / "outbox")
    clock.now = at(13, 9, 9, 0)
    token = csrf_token(client.get(link).get_data(as_text=True))  # the page open in two tabs
    assert send(client, link, filled()).status_code == 303
    answer = client.post(
        link,
        data={**filled(doc_number="46/BC-LĐLĐ"), "csrf_token": token},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 400
    assert "xin liên hệ Ban Tổ chức" in answer.get_data(as_text=True)
    with session_factory(loaded_engine)() as db:
        assert db.scalar(select(func.count()).select_from(UnitSubmissionRow)) == 1
    assert len(list((tmp_path / "files").iterdir())) == 1
