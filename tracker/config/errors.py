"""Config errors as a clerk reads them: which file, which line or row, which field, what to change."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import BadInput

_TABULAR_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class ConfigError:
    """One problem in the config directory.

    `file` is relative to the config directory (`plans/so-ket.toml`); `line` is the line of a TOML file
    or the row of a spreadsheet as an editor or Excel shows it (header = row 1), None when the problem
    has no place (a missing file); `field` is a TOML key path (`milestones[0].due`) or a column name.
    """

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = [self.file] if self.file else []
        if self.line is not None:
            where.append(f"dòng {self.line}")
        if self.field:
            noun = "cột" if self.file.endswith(_TABULAR_SUFFIXES) else "trường"
            where.append(f'{noun} "{self.field}"')
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ConfigErrors(BadInput):
    """Every problem found in one pass over a config directory; nothing of it may be used."""

    def __init__(self, errors: Iterable[ConfigError], directory: Path | None = None) -> None:
        self.errors: list[ConfigError] = list(errors)
        self.directory = directory  # named in the message when the reader knows it
        super().__init__(str(self))

    def in_directory(self, directory: Path) -> ConfigErrors:
        return ConfigErrors(self.errors, directory)

    def __str__(self) -> str:
        where = f" (thư mục {self.directory})" if self.directory else ""
        lines = [f"Cấu hình có {len(self.errors)} lỗi{where}:"]
        lines.extend(f"- {error}" for error in self.errors)
        return "\n".join(lines)
