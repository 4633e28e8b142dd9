"""A units file with a mistake: `check-config` and `load` refuse it with exit code 2 and a message
naming the file, the row and the column; the database stays exactly as it was."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import openpyxl
import pytest

from tests.e2e.commands import ConfigFiles, LoadedDatabase

# The tone marks Windows-1258 (Excel's "CSV" on a Vietnamese Windows) writes as separate characters.
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _windows_1258(text: str) -> bytes:
    """`text` as Windows-1258: a letter with a tone mark is the base letter followed by the mark."""
    encoded = []
    for char in text:
        try:
            encoded.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            shape = "".join(m for m in marks if m not in TONE_MARKS)
            tone = "".join(m for m in marks if m in TONE_MARKS)
            encoded.append((unicodedata.normalize("NFC", base + shape) + tone).encode("cp1258"))
    return b"".join(encoded)


def duplicate_unit_code(files: ConfigFiles) -> list[str]:
    row = files.add_unit_row("ldld-dong-ha,LĐLĐ thành phố Đông Hà (mới),địa phương,dongha@example.org,,,1")
    return [f'units.csv, dòng {row}, cột "code"', 'mã "ldld-dong-ha" đã dùng cho đơn vị ở dòng 2']


def invalid_email(files: ConfigFiles) -> list[str]:
    files.replace("units.csv", "ldld.camlo@example.org", "ldld.camlo@@example")
    return ['units.csv, dòng 6, cột "email"', 'địa chỉ email "ldld.camlo@@example" không hợp lệ']


def empty_email(files: ConfigFiles) -> list[str]:
    files.replace("units.csv", "ldld.camlo@example.org", "")
    return ['units.csv, dòng 6, cột "email"', "chưa có địa chỉ email"]


def csv_missing_a_column(files: ConfigFiles) -> list[str]:
    path = files.root / "units.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line.rpartition(",")[0] for line in lines) + "\n", encoding="utf-8")
    return ['units.csv, dòng 1, cột "active"', 'thiếu cột "active"']


def csv_with_an_extra_column(files: ConfigFiles) -> list[str]:
    path = files.root / "units.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [f"{lines[0]},ghi_chu", *(f"{line},x" for line in lines[1:])]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return ['units.csv, dòng 1, cột "ghi_chu"', 'cột "ghi_chu" không được dùng']


def csv_not_in_utf8(files: ConfigFiles) -> list[str]:
    path = files.root / "units.csv"
    path.write_bytes(_windows_1258(path.read_text(encoding="utf-8")))
    return ["units.csv, dòng 2", "UTF-8", '"CSV UTF-8 (Comma delimited) (*.csv)"']


def xlsx_with_a_merged_header(files: ConfigFiles) -> list[str]:
    csv_path = files.root / "units.csv"
    rows = [line.split(",") for line in csv_path.read_text(encoding="utf-8").splitlines()]
    csv_path.unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A1:B1")
    book.save(files.root / "units.xlsx")
    return ['units.xlsx, dòng 1, cột "code"', "các ô A1:B1 đang được gộp", "Unmerge Cells"]


CASES: list[Callable[[ConfigFiles], list[str]]] = [
    duplicate_unit_code,
    invalid_email,
    empty_email,
    csv_missing_a_column,
    csv_with_an_extra_column,
    csv_not_in_utf8,
    xlsx_with_a_merged_header,
]


@pytest.mark.parametrize("break_config", CASES, ids=[case.__name__ for case in CASES])
def test_a_bad_units_file_is_refused_with_file_row_and_column(
    loaded: LoadedDatabase, config_files: ConfigFiles, break_config: Callable[[ConfigFiles], list[str]]
) -> None:
    loaded.assert_config_refused(break_config(config_files))
