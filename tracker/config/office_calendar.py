"""holidays.toml: the office's own days off and make-up working days, on top of the public holidays."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.config.toml_table import Table
from tracker.config.values import as_date, as_text
from tracker.core.model import CalendarOverride

# The longest run of days off in a row the office may declare: Tết with its bridges is under two weeks;
# a run of months is a mistake, and would leave the calendar looking for a working day in vain.
LONGEST_BREAK_DAYS = 30

Overrides = tuple[tuple[CalendarOverride, ...], tuple[CalendarOverride, ...]]


def read_calendar_overrides(root: Table) -> Overrides | None:
    """(days_off, working_days); a day may be listed once, in one of the two lists."""
    root.expect_keys(("days_off", "working_days"))
    days_off = [_override(table) for table in root.tables("days_off", required=False)]
    working_days = [_override(table) for table in root.tables("working_days", required=False)]
    _flag_repeated_days(root, days_off, working_days)
    _flag_long_breaks(root, days_off)
    if None in days_off or None in working_days:
        return None
    return (
        tuple(day for day in days_off if day),
        tuple(day for day in working_days if day),
    )


def _override(table: Table) -> CalendarOverride | None:
    table.expect_keys(("date", "name"))
    day = table.get("date", as_date)
    name = table.get("name", as_text)
    return CalendarOverride(day, name) if day and name else None


def _flag_repeated_days(
    root: Table, days_off: list[CalendarOverride | None], working_days: list[CalendarOverride | None]
) -> None:
    seen: set[date] = set()
    for key, overrides in (("days_off", days_off), ("working_days", working_days)):
        for index, override in enumerate(overrides):
            if override is None:
                continue
            if override.day in seen:
                root.error(
                    f"{key}[{index}].date",
                    f"ngày {override.day:%d/%m/%Y} đã có ở một mục khác trong tệp; "
                    "mỗi ngày chỉ ghi một lần, là ngày nghỉ hoặc ngày làm bù",
                )
            seen.add(override.day)


def _flag_long_breaks(root: Table, days_off: list[CalendarOverride | None]) -> None:
    """A run of more than LONGEST_BREAK_DAYS days off in a row, named at its first day."""
    listed = {override.day: index for index, override in enumerate(days_off) if override}
    for day, index in sorted(listed.items()):
        if day - timedelta(days=1) in listed:
            continue  # not the first day of its run
        last = day
        while last + timedelta(days=1) in listed:
            last += timedelta(days=1)
        if (last - day).days + 1 > LONGEST_BREAK_DAYS:
            root.error(
                f"days_off[{index}].date",
                f"từ {day:%d/%m/%Y} đến {last:%d/%m/%Y} là {(last - day).days + 1} ngày nghỉ liền; "
                f"một đợt nghỉ dài nhất {LONGEST_BREAK_DAYS} ngày, hãy kiểm tra lại các ngày",
            )
