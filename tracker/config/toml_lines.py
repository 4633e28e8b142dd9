"""Where each key of a TOML file sits: tomllib gives values only, a clerk needs line numbers.

A line-by-line scan of the raw text maps every table header and key assignment to the path the
config reader uses for it: the second `[[milestones]]` header is `milestones[1]`, the `due = …`
line after it `milestones[1].due`, `[[ladders.standard.steps]]` `ladders.standard.steps[0]`.
It is only used to place messages, so it handles what our config files contain (bare and quoted
keys, dotted keys, arrays of tables, multi-line strings) and nothing fancier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SEGMENT = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_PATH = rf"{_SEGMENT}(?:\s*\.\s*{_SEGMENT})*"
_ARRAY_HEADER = re.compile(rf"^\s*\[\[\s*({_PATH})\s*\]\]\s*(?:#.*)?$")
_TABLE_HEADER = re.compile(rf"^\s*\[\s*({_PATH})\s*\]\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(rf"^\s*({_PATH})\s*=")
_SEGMENTS = re.compile(_SEGMENT)
_LAST_PART = re.compile(r"(\[\d+\]|\.[^.\[]*)$")


def _segments(path: str) -> list[str]:
    return [segment.strip("\"'") for segment in _SEGMENTS.findall(path)]


def parent_path(path: str) -> str:
    """`milestones[0].due` → `milestones[0]` → `milestones` → ``."""
    return _LAST_PART.sub("", path) if _LAST_PART.search(path) else ""


@dataclass(frozen=True)
class KeyLines:
    """Paths of a TOML text and their 1-based lines."""

    lines: dict[str, int]  # the first line of each path
    repeated: tuple[tuple[str, int], ...] = ()  # a path assigned again, at this line (invalid TOML)

    @classmethod
    def scan(cls, text: str) -> KeyLines:
        lines: dict[str, int] = {}
        repeated: list[tuple[str, int]] = []
        arrays: dict[str, int] = {}  # array-of-tables path → number of its tables so far
        table = ""
        in_string: str | None = None  # the delimiter of the multi-line string being skipped

        def resolve(segments: list[str]) -> str:
            path = ""
            for segment in segments:
                path = f"{path}.{segment}" if path else segment
                if path in arrays:
                    path = f"{path}[{arrays[path] - 1}]"
            return path

        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                if line.count(in_string) % 2:
                    in_string = None
                continue
            if match := _ARRAY_HEADER.match(line):
                *parents, name = _segments(match.group(1))
                array = f"{resolve(parents)}.{name}" if parents else name
                arrays[array] = arrays.get(array, 0) + 1
                table = f"{array}[{arrays[array] - 1}]"
                lines.setdefault(table, number)
            elif match := _TABLE_HEADER.match(line):
                table = resolve(_segments(match.group(1)))
                lines.setdefault(table, number)
            elif match := _ASSIGNMENT.match(line):
                key = ".".join(_segments(match.group(1)))
                path = f"{table}.{key}" if table else key
                if path in lines:
                    repeated.append((path, number))
                else:
                    lines[path] = number
            for delimiter in ('"""', "'''"):
                if line.count(delimiter) % 2:
                    in_string = delimiter
        return cls(lines, tuple(repeated))

    def line_of(self, path: str) -> int | None:
        """The line of `path`, else of the nearest enclosing key or table (a missing key is reported
        at its table's header); None for a missing top-level key."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = parent_path(path)
        return None

    def path_at(self, line: int) -> str:
        """The key or table written on `line`, else the last one before it."""
        before = [(number, path) for path, number in self.lines.items() if number <= line]
        return max(before)[1] if before else ""
