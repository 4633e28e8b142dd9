"""units.csv has exactly the columns code,name,kind,email,chair_name,chair_email,active."""

from pathlib import Path

from tests.fixtures.config_edits import config_errors, line_of, places, replace_in
from tracker.config import load_config

HEADER = "code,name,kind,email,chair_name,chair_email,active"


def test_a_missing_column_is_named_on_row_1(config_dir: Path) -> None:
    units = config_dir / "units.csv"
    rows = units.read_text(encoding="utf-8").splitlines()
    # Drop the "kind" column (the third) from every row.
    units.write_text(
        "\n".join(",".join(row.split(",")[:2] + row.split(",")[3:]) for row in rows), encoding="utf-8"
    )

    [error] = config_errors(config_dir)

    assert places([error]) == [("units.csv", 1, "kind")]
    assert error.message.startswith('thiếu cột "kind"')


def test_an_extra_column_is_named_on_row_1(config_dir: Path) -> None:
    units = config_dir / "units.csv"
    replace_in(units, HEADER, HEADER + ",phone")

    [error] = config_errors(config_dir)

    assert places([error]) == [("units.csv", 1, "phone")]
    assert 'cột "phone" không được dùng' in error.message


def test_a_misspelt_column_is_reported_as_both_extra_and_missing(config_dir: Path) -> None:
    replace_in(config_dir / "units.csv", "chair_email", "chair_mail")

    errors = config_errors(config_dir)

    assert places(errors) == [("units.csv", 1, "chair_mail"), ("units.csv", 1, "chair_email")]
    assert '(có phải "chair_email"?)' in errors[0].message


def test_column_titles_are_read_whatever_their_letter_case_and_surrounding_spaces(config_dir: Path) -> None:
    replace_in(config_dir / "units.csv", HEADER, "Code, Name ,Kind,EMAIL,chair_name,chair_email,Active")

    assert len(load_config(config_dir).units) == 13


def test_a_value_under_no_column_title_is_reported_at_its_cell(config_dir: Path) -> None:
    units = config_dir / "units.csv"
    replace_in(units, "Liên đoàn Lao động huyện Cam Lộ", "Liên đoàn Lao động, huyện Cam Lộ")

    errors = config_errors(config_dir)

    row = line_of(units, "Cam Lộ")
    assert places(errors)[0] == ("units.csv", row, "")
    assert errors[0].message.startswith(f'ô H{row} có nội dung "1" nhưng cột H không có tên ở dòng 1')
