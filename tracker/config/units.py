"""units.csv or units.xlsx: the units that must submit, one per row, as the federation keeps them in Excel.

What Excel writes is read as written: a UTF-8 BOM, Windows line endings, blank rows, `;` as the list
separator (Excel under Vietnamese regional settings), numbers and booleans in .xlsx cells. Row numbers
in messages are the rows Excel shows (header = row 1, blank rows counted).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from zipfile import BadZipFile

from tracker.config.errors import ConfigError, ConfigErrors
from tracker.config.values import (
    as_code,
    as_email,
    as_label,
    as_text,
    did_you_mean,
    parse_email_cell,
    parse_flag,
)
from tracker.core.model import OWNER_UNIT_CODE, Unit
from tracker.core.text import shortened

T = TypeVar("T")

COLUMNS = ("code", "name", "kind", "email", "chair_name", "chair_email", "active")
SAVE_AS_CSV_UTF8 = (
    'trong Excel chọn Tệp → Lưu thành (File → Save As), định dạng "CSV UTF-8 (Comma delimited) (*.csv)", '
    "rồi lưu đè tệp này"
)


@dataclass(frozen=True)
class UnitRoster:
    units: tuple[Unit, ...]
    codes: frozenset[str] | None  # every code written, valid row or not; None if the file is unreadable


@dataclass(frozen=True)
class _Sheet:
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number, cells); blank rows left out


def read_units_file(path: Path) -> tuple[Unit, ...]:
    """The units of a .csv or .xlsx file; raises ConfigErrors listing every problem."""
    errors: list[ConfigError] = []
    roster = read_units(path, path.name, errors)
    if errors:
        raise ConfigErrors(errors)
    return roster.units


def read_units(path: Path, name: str, errors: list[ConfigError]) -> UnitRoster:
    """The units of `path` (shown to the clerk as `name`), recording problems in `errors`."""
    reader = _read_xlsx if path.suffix.lower() == ".xlsx" else _read_csv
    sheet = reader(path, name, errors)
    columns = _column_positions(sheet, name, errors) if sheet else None
    if sheet is None or columns is None:
        return UnitRoster((), None)
    units: list[Unit] = []
    codes: set[str] = set()
    first_row: dict[str, int] = {}  # code (in any letter case) → the row that has it first
    for number, cells in sheet.rows:
        _flag_unnamed_cells(sheet.header, number, cells, name, errors)
        row = {column: _cell(cells, index) for column, index in columns.items()}
        unit = _unit(row, number, name, errors)
        if unit is not None:
            units.append(unit)
        code = row["code"]
        codes.add(code)
        if code.casefold() in first_row:
            first = first_row[code.casefold()]
            message = f'mã "{code}" đã dùng cho đơn vị ở dòng {first}; mỗi đơn vị cần một mã riêng'
            errors.append(ConfigError(name, number, "code", message))
        elif code:
            first_row[code.casefold()] = number
    return UnitRoster(tuple(units), frozenset(codes - {""}))


def _cell(cells: tuple[str, ...], index: int) -> str:
    """A short row (trailing empty cells left out by the CSV writer) reads as empty cells."""
    return cells[index] if index < len(cells) else ""


def _unit(row: dict[str, str], number: int, name: str, errors: list[ConfigError]) -> Unit | None:
    def cell(column: str, parse: Callable[[str], T]) -> T | None:
        try:
            return parse(row[column])
        except ValueError as exc:
            errors.append(ConfigError(name, number, column, str(exc)))
            return None

    code = cell("code", _as_unit_code)
    unit_name = cell("name", as_text)
    emails = cell("email", parse_email_cell)
    chair_email = cell("chair_email", lambda text: as_email(text) if text else "")
    active = cell("active", parse_flag)
    kind = cell("kind", as_label)
    chair_name = cell("chair_name", as_label)
    if code is None or unit_name is None or emails is None or chair_email is None or active is None:
        return None
    if kind is None or chair_name is None:
        return None
    return Unit(code, unit_name, kind, emails, chair_name, chair_email, active)


def _as_unit_code(text: str) -> str:
    code = as_code(text)
    if code.casefold() == OWNER_UNIT_CODE:
        raise ValueError(f'mã "{code}" được dành cho Ban Tổ chức; hãy đặt mã khác cho đơn vị này')
    return code


def _column_positions(sheet: _Sheet, name: str, errors: list[ConfigError]) -> dict[str, int] | None:
    """Column name → index, from the header row; None when a column is missing."""
    expected = ", ".join(COLUMNS)
    if not any(sheet.header):
        errors.append(ConfigError(name, 1, "", f"dòng 1 phải là dòng tiêu đề với các cột: {expected}"))
        return None
    positions: dict[str, int] = {}
    for index, title in enumerate(sheet.header):
        title = shortened(title)
        column = title.casefold()
        if not column:
            continue  # an unnamed column is harmless while its cells are empty
        if column in positions:
            errors.append(ConfigError(name, 1, column, f'cột "{column}" xuất hiện hai lần; hãy xóa một cột'))
        elif column not in COLUMNS:
            errors.append(
                ConfigError(
                    name,
                    1,
                    column,
                    f'cột "{title}" không được dùng{did_you_mean(column, COLUMNS)}; '
                    f"hãy xóa cột này, dòng 1 chỉ có các cột: {expected}",
                )
            )
        else:
            positions[column] = index
    missing = [column for column in COLUMNS if column not in positions]
    for column in missing:
        errors.append(
            ConfigError(name, 1, column, f'thiếu cột "{column}"; dòng 1 phải có đủ các cột: {expected}')
        )
    return None if missing else positions


def _flag_unnamed_cells(
    header: tuple[str, ...], number: int, cells: tuple[str, ...], name: str, errors: list[ConfigError]
) -> None:
    """A value under no header is usually a name with an unquoted comma that shifted the row."""
    from openpyxl.utils import get_column_letter  # Excel's column names (A, …, AA); see _read_xlsx

    for index, value in enumerate(cells):
        if value and (index >= len(header) or not header[index]):
            letter = get_column_letter(index + 1)
            errors.append(
                ConfigError(
                    name,
                    number,
                    "",
                    f'ô {letter}{number} có nội dung "{value}" nhưng cột {letter} không có tên ở dòng 1; '
                    "nếu một ô có dấu phẩy, hãy lưu lại bằng Excel để ô đó được đặt trong ngoặc kép",
                )
            )
            return


def _sheet(records: list[list[str]]) -> _Sheet:
    """Cells trimmed and in composed Unicode (as typed on Windows, whatever the source), blank rows
    dropped with their numbers kept."""
    cleaned = [tuple(unicodedata.normalize("NFC", cell).strip() for cell in record) for record in records]
    header = cleaned[0] if cleaned else ()
    rows = tuple((number, cells) for number, cells in enumerate(cleaned[1:], start=2) if any(cells))
    return _Sheet(header, rows)


def _read_csv(path: Path, name: str, errors: list[ConfigError]) -> _Sheet | None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        message = f"tệp không được lưu bằng bảng mã UTF-8 nên chữ tiếng Việt sẽ bị sai; {SAVE_AS_CSV_UTF8}"
        errors.append(ConfigError(name, row, "", message))
        return None
    first_line = text.partition("\n")[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    try:
        return _sheet(list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    except csv.Error as exc:
        errors.append(ConfigError(name, None, "", f"không đọc được tệp CSV ({exc}); {SAVE_AS_CSV_UTF8}"))
        return None


def _read_xlsx(path: Path, name: str, errors: list[ConfigError]) -> _Sheet | None:
    """The first sheet; merged cells are refused, their values would land in one column only."""
    # Imported here: openpyxl takes a noticeable share of every command's start-up otherwise.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError) as exc:
        errors.append(
            ConfigError(name, None, "", f"không mở được tệp Excel ({exc}); hãy lưu lại bằng Excel dạng .xlsx")
        )
        return None
    sheet = workbook.worksheets[0]
    merged = sorted(sheet.merged_cells.ranges, key=lambda cells: (cells.min_row, cells.min_col))
    for cells in merged:
        column = _cell_text(sheet.cell(1, cells.min_col).value).casefold()
        errors.append(
            ConfigError(
                name,
                cells.min_row,
                column,
                f"các ô {cells.coord} đang được gộp (Merge & Center); hãy bỏ gộp (Unmerge Cells) "
                "để mỗi cột có tiêu đề riêng và mỗi ô có giá trị riêng",
            )
        )
    if merged:
        return None
    return _sheet(
        [[_cell_text(value) for value in values] for values in sheet.iter_rows(min_row=1, values_only=True)]
    )


def _cell_text(value: object) -> str:
    """A cell as the clerk sees it: 1 not 1.0, TRUE as true."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
