"""plans/*.toml: one plan per file, with its sections, figures, milestones and ladder."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from tracker.config.ladders import read_ladder
from tracker.config.toml_table import Table, flag_duplicates
from tracker.config.values import (
    as_choice,
    as_code,
    as_date,
    as_label,
    as_list,
    as_number,
    as_text,
    did_you_mean,
)
from tracker.core.deadlines import written_last_day
from tracker.core.model import (
    OWNER_UNIT_CODE,
    Audience,
    DeadlineShift,
    DueRule,
    Figure,
    FigureKind,
    Ladder,
    Milestone,
    Plan,
    Section,
)

T = TypeVar("T")

PLAN_KEYS = (
    "code",
    "title",
    "reference",
    "issued",
    "closes",
    "deadline_shift",
    "ladder",
    "sections",
    "figures",
    "milestones",
)


@dataclass(frozen=True)
class PlanContext:
    """What a plan refers to outside its own file. A None means that file could not be read: its own
    errors are reported there, and references to it are not checked (they would only add noise)."""

    ladders: Mapping[str, Ladder | None] | None
    unit_codes: Collection[str] | None
    units_file: str
    templates_dir: Path | None


def read_plan(root: Table, context: PlanContext) -> Plan | None:
    root.expect_keys(PLAN_KEYS)
    code = root.get("code", as_code)
    title = root.get("title", as_text)
    reference = root.get("reference", as_text)
    issued = root.get("issued", as_date, None)
    closes = root.get("closes", as_date, None)
    shift = root.get("deadline_shift", as_choice(DeadlineShift), DeadlineShift.NEXT_WORKING_DAY)
    ladder = _ladder(root, code, context)
    sections = _read_all(root.tables("sections", required=False), _section, "key", "nội dung")
    figures = _read_all(root.tables("figures", required=False), _figure, "key", "số liệu")
    milestones = _read_all(root.tables("milestones"), lambda t: _milestone(t, context), "code", "mốc")
    _check_plan_dates(root, issued, closes, milestones or ())
    if code is None or title is None or reference is None or shift is None or ladder is None:
        return None
    if sections is None or figures is None or not milestones:
        return None
    return Plan(
        code=code,
        title=title,
        reference=reference,
        ladder=ladder,
        milestones=milestones,
        deadline_shift=shift,
        sections=sections,
        figures=figures,
        issued=issued,
        closes=closes,
        source=root.file.name,
    )


def _read_all(
    tables: list[Table], read: Callable[[Table], T | None], key: str, noun: str
) -> tuple[T, ...] | None:
    """Every item of an array of tables, or None if any is invalid; repeated codes are errors."""
    items = [read(table) for table in tables]
    flag_duplicates(tables, key, noun)
    valid = tuple(item for item in items if item is not None)
    return valid if len(valid) == len(items) else None


def _section(table: Table) -> Section | None:
    table.expect_keys(("key", "title"))
    key = table.get("key", as_code)
    title = table.get("title", as_text)
    return Section(key, title) if key and title else None


def _figure(table: Table) -> Figure | None:
    table.expect_keys(("key", "label", "unit", "kind", "min"))
    key = table.get("key", as_code)
    label = table.get("label", as_text)
    unit = table.get("unit", as_label, "")
    kind = table.get("kind", as_choice(FigureKind), FigureKind.WHOLE)
    minimum = table.get("min", as_number, 0)
    if not key or not label or unit is None or kind is None or minimum is None:
        return None
    return Figure(key, label, unit, kind, minimum)


def _milestone(table: Table, context: PlanContext) -> Milestone | None:
    table.expect_keys(("code", "title", "due", "due_rule", "audience"))
    code = table.get("code", as_code)
    title = table.get("title", as_text)
    due = table.get("due", as_date)
    rule = table.get("due_rule", as_choice(DueRule))
    audience = table.get("audience", as_audience, Audience.units())
    if audience and context.unit_codes is not None:
        _check_audience_units(table, audience, context.unit_codes, context.units_file)
    if code is None or title is None or due is None or rule is None or audience is None:
        return None
    return Milestone(code, title, due, rule, audience)


def as_audience(value: object) -> Audience:
    """`"units"` (every active unit), `"owner"` (the owner itself) or a list of unit codes."""
    if isinstance(value, list):
        codes = as_list(as_code)(value)
        if not codes:
            raise ValueError('danh sách đơn vị đang trống; ghi các mã đơn vị, ví dụ ["ldld-dong-ha"]')
        repeated = sorted({code for code in codes if codes.count(code) > 1})
        if repeated:
            raise ValueError(f"mã đơn vị ghi lặp lại: {', '.join(repeated)}")
        return Audience.listed(codes)
    text = as_text(value)
    if text == "units":
        return Audience.units()
    if text == OWNER_UNIT_CODE:
        return Audience.owner()
    raise ValueError(
        f'"{text}" không hợp lệ; ghi "units" (mọi đơn vị đang hoạt động), "owner" (Ban Tổ chức tự làm) '
        f'hoặc danh sách mã đơn vị trong ngoặc vuông, ví dụ ["{text}"]'
    )


def _check_audience_units(table: Table, audience: Audience, known: Collection[str], units_file: str) -> None:
    for code in audience.unit_codes:
        if code != OWNER_UNIT_CODE and code not in known:
            table.error(
                "audience",
                f'không có đơn vị mã "{code}" trong {units_file}{did_you_mean(code, known)}; '
                f"hãy sửa mã cho đúng cột code của {units_file}",
            )


def _ladder(root: Table, code: str | None, context: PlanContext) -> Ladder | None:
    """`ladder = "standard"` from ladders.toml, or an inline `[ladder]` table named after the plan."""
    if "ladder" not in root.data:
        root.error(
            "ladder",
            'thiếu trường bắt buộc "ladder": ghi tên một thang nhắc trong ladders.toml, '
            'ví dụ ladder = "standard", hoặc viết một bảng [ladder] riêng cho kế hoạch này',
        )
        return None
    inline = root.table("ladder") if isinstance(root.data["ladder"], dict) else None
    if inline is not None:
        return read_ladder(inline, code or "", context.templates_dir)
    name = root.get("ladder", as_text)
    if name is None or context.ladders is None:
        return None
    if name not in context.ladders:
        known = ", ".join(context.ladders) or "chưa có thang nào"
        root.error(
            "ladder",
            f'không có thang nhắc "{name}" trong ladders.toml{did_you_mean(name, context.ladders)} '
            f"(các thang có: {known}); hoặc viết một bảng [ladder] riêng cho kế hoạch này",
        )
        return None
    return context.ladders[name]


def _check_plan_dates(
    root: Table, issued: date | None, closes: date | None, milestones: tuple[Milestone, ...]
) -> None:
    """The plan is issued before its deadlines and closes after them."""
    for milestone in milestones:
        last_day = written_last_day(milestone.due, milestone.due_rule)
        if issued and issued > last_day:
            root.error(
                "issued",
                f"ngày ban hành {issued:%d/%m/%Y} sau hạn của mốc {milestone.code} ({last_day:%d/%m/%Y}); "
                "hãy kiểm tra lại ngày",
            )
        if closes and closes <= last_day:
            root.error(
                "closes",
                f"ngày kết thúc nhắc {closes:%d/%m/%Y} không sau hạn của mốc {milestone.code} "
                f"({last_day:%d/%m/%Y}); đơn vị chậm sẽ không được nhắc",
            )
