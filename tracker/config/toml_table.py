"""TOML tables read field by field, each problem recorded with its file, line and field.

`read_toml` parses a file (a syntax error becomes one ConfigError at tomllib's line); a `Table` then
hands out parsed fields: `table.get("due", as_date)` returns the date, or records why it cannot and
returns None, so a reader goes on and finds every other problem in the same pass.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from tracker.config.errors import ConfigError
from tracker.config.toml_lines import KeyLines
from tracker.config.values import did_you_mean
from tracker.core.deadlines import parse_date

T = TypeVar("T")

_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")
_BARE_DATE = re.compile(r"=\s*(\d[\d/-]*[/-][\d/-]*\d)\s*(?:#.*)?$")
_SYNTAX_HINT = (
    'mỗi dòng có dạng ten = giá trị; văn bản đặt trong dấu ngoặc kép "…"; danh sách trong ngoặc vuông [ ]; '
    'ngày viết 2019-09-15 hoặc "15/9/2019"'
)


class _Required:
    """Marks a field without a default."""


REQUIRED = _Required()


@dataclass(frozen=True)
class TomlFile:
    name: str  # relative to the config directory: plans/so-ket.toml
    key_lines: KeyLines
    errors: list[ConfigError]

    def error(self, field: str, message: str) -> None:
        self.errors.append(ConfigError(self.name, self.key_lines.line_of(field), field, message))


@dataclass(frozen=True)
class Table:
    """A TOML table and its path in the file (`milestones[1]`, `ladders.standard`, or the root)."""

    file: TomlFile
    data: dict[str, Any]
    path: str = ""

    def field(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, message: str) -> None:
        self.file.error(self.field(key), message)

    def line_of(self, key: str) -> int | None:
        return self.file.key_lines.line_of(self.field(key))

    def expect_keys(self, known: Sequence[str]) -> None:
        """Record every key not in `known`: it is usually a typo (`deu = …`)."""
        for key in self.data:
            if key not in known:
                self.error(
                    key,
                    f'không có trường "{key}"{did_you_mean(key, known)}; ở đây chỉ dùng: {", ".join(known)}',
                )

    def get(self, key: str, parse: Callable[[object], T], default: T | _Required = REQUIRED) -> T | None:
        """The parsed value of `key`; `default` when absent; None (and an error recorded) when
        required and absent, or when `parse` refuses the value."""
        if key not in self.data:
            if isinstance(default, _Required):
                self.error(key, f'thiếu trường bắt buộc "{key}"')
                return None
            return default
        try:
            return parse(self.data[key])
        except ValueError as exc:
            self.error(key, str(exc))
            return None

    def table(self, key: str, *, required: bool = True) -> Table | None:
        """The sub-table `[key]`; None when absent (an error if required) or not a table."""
        if key not in self.data:
            if required:
                self.error(key, f"thiếu bảng bắt buộc [{self.field(key)}]")
            return None
        value = self.data[key]
        if not isinstance(value, dict):
            self.error(key, f"phải là một bảng [{self.field(key)}] với các trường bên dưới")
            return None
        return Table(self.file, value, self.field(key))

    def tables(self, key: str, *, required: bool = True) -> list[Table]:
        """The tables of the array `[[key]]`, each with its index in its path; a required array
        needs at least one."""
        if not self.data.get(key):
            if required:
                self.error(key, f"cần ít nhất một khối [[{self.field(key)}]]")
            return []
        value = self.data[key]
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.error(key, f"phải là các khối [[{self.field(key)}]], mỗi khối một mục")
            return []
        return [Table(self.file, item, f"{self.field(key)}[{index}]") for index, item in enumerate(value)]


def flag_duplicates(tables: Iterable[Table], key: str, noun: str) -> None:
    """Record, at the repeat, every code `key` that two of `tables` share (even if they are otherwise
    invalid, so that a clerk sees both problems at once). The tables may come from several files."""
    first: dict[str, Table] = {}
    for table in tables:
        value = table.data.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        value = value.strip()
        if value not in first:
            first[value] = table
            continue
        earlier = first[value]
        place = f"dòng {earlier.line_of(key)}"
        if earlier.file.name != table.file.name:
            place = f"{earlier.file.name}, {place}"
        table.error(key, f'mã "{value}" đã dùng cho một {noun} khác ({place}); mỗi {noun} cần một mã riêng')


def read_toml(path: Path, name: str, errors: list[ConfigError]) -> Table | None:
    """The root table of a TOML file, or None with the error recorded when it cannot be parsed."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # Windows Notepad may add a BOM
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.append(ConfigError(name, line, "", "tệp phải được lưu bằng bảng mã UTF-8 (Save As… → UTF-8)"))
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        errors.append(_syntax_error(name, text, exc))
        return None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        nested = "danh sách hoặc bảng lồng nhau quá sâu; hãy viết lại cho phẳng"
        errors.append(ConfigError(name, None, "", nested))
        return None
    return Table(TomlFile(name, KeyLines.scan(text), errors), data)


def _syntax_error(name: str, text: str, exc: tomllib.TOMLDecodeError) -> ConfigError:
    """Malformed TOML, placed at tomllib's own line and column."""
    detail = str(exc)
    position = _POSITION.search(detail)
    reason = detail[: position.start()] if position else detail
    line = int(position.group(1)) if position and position.group(1) else None
    keys = KeyLines.scan(text)
    repeated = next(((path, at) for path, at in keys.repeated if line in (None, at)), None)
    if repeated:  # tomllib: "Cannot overwrite a value"
        path, at = repeated
        message = f"trường này đã được ghi ở dòng {keys.lines[path]}; hãy xóa một trong hai dòng"
        return ConfigError(name, at, path, message)
    if position is None or line is None:
        return ConfigError(name, None, "", f"sai cú pháp TOML ({reason}): {_SYNTAX_HINT}")
    lines = text.splitlines()
    hint = _bare_date_hint(lines[line - 1] if line <= len(lines) else "") or _SYNTAX_HINT
    message = f"sai cú pháp TOML ở cột {position.group(2)} ({reason}): {hint}"
    return ConfigError(name, line, keys.path_at(line), message)


def _bare_date_hint(line: str) -> str:
    """A specific message for an unquoted date TOML cannot read (2019-13-01, 15/9/2019), else ""."""
    match = _BARE_DATE.search(line)
    if not match:
        return ""
    written = match.group(1)
    try:
        parse_date(written)
    except ValueError as exc:
        return str(exc)
    return f'ngày viết kiểu ngày/tháng/năm phải đặt trong dấu ngoặc kép: "{written}"'
