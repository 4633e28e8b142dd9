"""What Excel writes is not bad input: a units file with a UTF-8 BOM, Windows line endings and blank rows,
or a units.xlsx, reads exactly like the plain units.csv (a load after it finds nothing to change)."""

from __future__ import annotations

import csv
import io

import openpyxl

from tests.e2e.commands import ConfigFiles, Tracker

NOTHING_CHANGED = "Không có thay đổi: cơ sở dữ liệu đã khớp với cấu hình."


def test_a_csv_with_a_bom_crlf_and_blank_rows_reads_like_the_plain_one(
    tracker: Tracker, config_files: ConfigFiles
) -> None:
    tracker.ok("load")
    path = config_files.root / "units.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    excel = "\r\n".join([lines[0], "", *lines[1:4], ",,,,,,", *lines[4:], "", ""])
    path.write_bytes(b"\xef\xbb\xbf" + excel.encode("utf-8"))

    assert tracker.ok("check-config").strip() == "Cấu hình hợp lệ: 1 kế hoạch, 2 mốc, 13 đơn vị."
    assert tracker.ok("load").strip() == NOTHING_CHANGED


def test_a_units_xlsx_reads_like_the_csv_it_was_saved_from(
    tracker: Tracker, config_files: ConfigFiles
) -> None:
    tracker.ok("load")
    path = config_files.root / "units.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    path.unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        # Excel keeps the `active` column as numbers.
        sheet.append([*row[:-1], int(row[-1])] if row[-1].isdigit() else row)
    book.save(config_files.root / "units.xlsx")

    assert tracker.ok("load").strip() == NOTHING_CHANGED
