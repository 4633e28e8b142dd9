"""Ladders: named in ladders.toml (`[ladders.<name>]`) or inline in a plan (`[ladder]`)."""

from __future__ import annotations

from pathlib import Path

from tracker.config.toml_table import Table, flag_duplicates
from tracker.config.values import as_choice, as_code, as_list, as_offset, as_repeat
from tracker.core.model import CcTarget, Ladder, Step

TEMPLATE_SUFFIXES = (".txt.j2", ".html.j2")


def read_named_ladders(root: Table, templates_dir: Path | None) -> dict[str, Ladder | None]:
    """Every ladder of ladders.toml by name; None for a ladder with errors (so that a plan naming it
    is not also told that it does not exist)."""
    root.expect_keys(("ladders",))
    ladders = root.table("ladders")
    if ladders is None:
        return {}
    named: dict[str, Ladder | None] = {}
    for name in ladders.data:
        table = ladders.table(name)
        if _usable_name(ladders, name) and table is not None:
            named[name] = read_ladder(table, name, templates_dir)
        else:
            named[name] = None
    return named


def _usable_name(table: Table, key: str) -> bool:
    """Whether `key` can name a ladder (plans refer to it by that name)."""
    try:
        as_code(key)
    except ValueError as exc:
        table.error(key, f"tên thang nhắc: {exc}")
        return False
    return True


def read_ladder(table: Table, name: str, templates_dir: Path | None) -> Ladder | None:
    table.expect_keys(("repeat_every", "steps"))
    repeat_every = table.get("repeat_every", as_repeat, None)
    step_tables = table.tables("steps")
    steps = [_step(step, templates_dir) for step in step_tables]
    flag_duplicates(step_tables, "key", "bước")
    repeat_broken = "repeat_every" in table.data and repeat_every is None
    if repeat_broken or not steps or None in steps:
        return None
    return Ladder(name, tuple(step for step in steps if step), repeat_every)


def _step(table: Table, templates_dir: Path | None) -> Step | None:
    table.expect_keys(("key", "offset", "template", "cc"))
    key = table.get("key", as_code)
    offset = table.get("offset", as_offset)
    template = table.get("template", as_code)
    cc = table.get("cc", as_list(as_choice(CcTarget)), ())
    if template and templates_dir is not None and not _template_exists(templates_dir, template):
        table.error(
            "template",
            f'không có mẫu thư "{template}" trong thư mục {templates_dir.parent.name}/{templates_dir.name}/ '
            f"(cần tệp {template}.txt.j2 hoặc {template}.html.j2)",
        )
        return None
    if key is None or offset is None or template is None or cc is None:
        return None
    return Step(key, offset, template, cc)


def _template_exists(templates_dir: Path, template: str) -> bool:
    return any((templates_dir / f"{template}{suffix}").is_file() for suffix in TEMPLATE_SUFFIXES)
