"""What Excel writes is read as written; another encoding is refused with how to save as CSV UTF-8."""

import csv
import io
from pathlib import Path

from tests.fixtures.config_edits import config_errors, places, units_file_errors
from tracker.config import read_units_file

HEADER = ["code", "name", "kind", "email", "chair_name", "chair_email", "active"]
DONG_HA = ["ldld-dong-ha", "Liên đoàn Lao động thành phố Đông Hà", "địa phương", "ldld.dongha@example.org"]
CAM_LO = ["ldld-cam-lo", "Liên đoàn Lao động huyện Cam Lộ", "địa phương", "ldld.camlo@example.org"]


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def test_a_bom_windows_line_endings_and_blank_rows_are_read_as_excel_shows_them(tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    text = (
        _csv([HEADER, [*DONG_HA, "Nguyễn Văn An", "", "1"]])
        + "\r\n,,,,,,\r\n"
        + _csv([[*CAM_LO, "", "", "x"]])
    )
    units.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

    [error] = units_file_errors(units)

    # Excel shows the blank line and the empty row as rows 3 and 4: Cam Lộ is on row 5.
    assert places([error]) == [("units.csv", 5, "active")]
    units.write_bytes(units.read_bytes().replace(b",x\r\n", b",0\r\n"))
    dong_ha, cam_lo = read_units_file(units)
    assert (dong_ha.code, dong_ha.name, dong_ha.chair_name, dong_ha.active) == (
        "ldld-dong-ha",
        "Liên đoàn Lao động thành phố Đông Hà",
        "Nguyễn Văn An",
        True,
    )
    assert (cam_lo.code, cam_lo.emails, cam_lo.active) == ("ldld-cam-lo", ("ldld.camlo@example.org",), False)


def test_a_file_separated_by_semicolons_as_excel_writes_under_vietnamese_settings_is_read(
    tmp_path: Path,
) -> None:
    units = tmp_path / "units.csv"
    two_emails = "ldld.camlo@example.org;vp.camlo@example.org"
    units.write_text(_csv([HEADER, [*CAM_LO[:3], two_emails, "", "", "có"]], delimiter=";"), encoding="utf-8")

    [cam_lo] = read_units_file(units)

    assert (cam_lo.name, cam_lo.emails, cam_lo.active) == (
        "Liên đoàn Lao động huyện Cam Lộ",
        ("ldld.camlo@example.org", "vp.camlo@example.org"),
        True,
    )


def test_active_is_read_from_one_zero_true_false_co_khong_in_any_case(tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    words = ["1", "0", "TRUE", "False", "Có", "KHÔNG"]
    rows = [[f"u{i}", f"Đơn vị {i}", "", f"u{i}@example.org", "", "", word] for i, word in enumerate(words)]
    units.write_text(_csv([HEADER, *rows]), encoding="utf-8")

    assert [unit.active for unit in read_units_file(units)] == [True, False, True, False, True, False]


def test_a_cp1258_file_is_refused_with_how_to_save_as_csv_utf8(config_dir: Path) -> None:
    units = config_dir / "units.csv"
    text = _csv([HEADER, ["ldld-dong-ha", "LĐLĐ Đông Hà", "", "ldld.dongha@example.org", "", "", "1"]])
    units.write_bytes(text.encode("cp1258"))  # Excel's "CSV (Comma delimited)" on Vietnamese Windows

    [error] = config_errors(config_dir)

    assert places([error]) == [("units.csv", 2, "")]  # the first byte that is not UTF-8 is on row 2
    assert 'định dạng "CSV UTF-8 (Comma delimited) (*.csv)"' in error.message
