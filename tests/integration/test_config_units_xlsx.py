"""units.xlsx: the first sheet, same columns, header on row 1; numbers and booleans read as shown."""

import csv
from pathlib import Path

import openpyxl

from tests.fixtures.config_edits import config_errors, places, units_file_errors
from tracker.config import load_config, read_units_file


def _workbook_from_csv(units_csv: Path) -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    with units_csv.open(encoding="utf-8", newline="") as rows:
        for row in csv.reader(rows):
            sheet.append(row)
    return workbook


def test_the_shipped_units_saved_as_xlsx_load_the_same(config_dir: Path) -> None:
    units_csv = config_dir / "units.csv"
    expected = load_config(config_dir).units
    _workbook_from_csv(units_csv).save(config_dir / "units.xlsx")
    units_csv.unlink()

    assert load_config(config_dir).units == expected


def test_numbers_and_booleans_in_cells_read_as_the_clerk_sees_them(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["code", "name", "kind", "email", "chair_name", "chair_email", "active"])
    sheet.append([1, "Công đoàn Khu kinh tế tỉnh", None, "kkt@example.org", None, None, True])
    sheet.append([])
    sheet.append([2.0, "Công đoàn ngành Giao thông", "ngành", "gt@example.org", "Lê Văn Tám", None, 0])
    workbook.save(tmp_path / "units.xlsx")

    first, second = read_units_file(tmp_path / "units.xlsx")

    assert (first.code, first.kind, first.active) == ("1", "", True)
    assert (second.code, second.kind, second.chair_name, second.active) == ("2", "ngành", "Lê Văn Tám", False)


def test_a_merged_header_cell_is_refused_on_row_1(config_dir: Path, tmp_path: Path) -> None:
    workbook = _workbook_from_csv(config_dir / "units.csv")
    sheet = workbook.active
    assert sheet is not None
    sheet.merge_cells("E1:F1")
    workbook.save(tmp_path / "units.xlsx")

    [error] = units_file_errors(tmp_path / "units.xlsx")

    assert places([error]) == [("units.xlsx", 1, "chair_name")]
    assert "các ô E1:F1 đang được gộp" in error.message


def test_a_units_csv_next_to_a_units_xlsx_is_ambiguous(config_dir: Path) -> None:
    _workbook_from_csv(config_dir / "units.csv").save(config_dir / "units.xlsx")

    [error] = config_errors(config_dir)

    assert places([error]) == [("units.csv", None, "")]
    assert "có cả units.csv và units.xlsx" in error.message


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    (tmp_path / "units.xlsx").write_text("code,name", encoding="utf-8")

    [error] = units_file_errors(tmp_path / "units.xlsx")

    assert places([error]) == [("units.xlsx", None, "")]
    assert error.message.startswith("không mở được tệp Excel")
