"""The small values config files hold, parsed one at a time.

Each parser takes what tomllib or a spreadsheet cell gave and returns the domain value, or raises
ValueError with a Vietnamese message saying what is wrong and what is expected; the readers attach
the file, line and field.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from difflib import get_close_matches
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from email_validator import EmailNotValidError, validate_email

from tracker.core.deadlines import in_calendar_years, parse_date
from tracker.core.model import Offset
from tracker.core.text import is_phone_number, refuse_control_characters

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_CLOCK = r"(\d{1,2}):(\d{2})"
_HOURS = re.compile(rf"^\s*{_CLOCK}\s*-\s*{_CLOCK}\s*$")
_SCHEDULE = re.compile(rf"^\s*([A-Za-z]{{3}})\s+{_CLOCK}\s*$")
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# The farthest a ladder step or a repeat may be from its deadline: a year, in days or working days
# (farther is a typing mistake, and would count the calendar out of its years).
OFFSET_LIMIT = 366
_TRUE = {"1", "true", "có"}
_FALSE = {"0", "false", "không"}


def did_you_mean(word: str, choices: Iterable[object]) -> str:
    """` (có phải "due"?)` when `word` looks like a typo of one of `choices`, else empty."""
    close = get_close_matches(word, [str(choice) for choice in choices], n=1)
    return f' (có phải "{close[0]}"?)' if close else ""


def as_text(value: object) -> str:
    """A non-empty string."""
    if not isinstance(value, str):
        raise ValueError('phải là văn bản đặt trong dấu ngoặc kép, ví dụ "Ban Tổ chức"')
    if not value.strip():
        raise ValueError("không được để trống")
    return refuse_control_characters(value.strip())


def as_phone(value: object) -> str:
    """A phone number as people write it: "0233 3852 123"."""
    text = as_text(value)
    if not is_phone_number(text):
        raise ValueError(
            f'"{text}" không phải số điện thoại; hãy viết chữ số, có thể cách nhau, ví dụ "0233 3852 123"'
        )
    return text


def as_label(value: object) -> str:
    """A string that may be empty."""
    if not isinstance(value, str):
        raise ValueError('phải là văn bản đặt trong dấu ngoặc kép, ví dụ "người"')
    return refuse_control_characters(value.strip())


def as_code(value: object) -> str:
    """A code or key people type on the command line: `ldld-dong-ha`, `doan_vien_moi`."""
    text = as_text(value)
    if not _CODE.match(text):
        raise ValueError(
            f'mã "{text}" không hợp lệ: chỉ dùng chữ cái không dấu, chữ số, dấu "-" hoặc "_", '
            "không có khoảng trắng (ví dụ: ldld-dong-ha)"
        )
    return text


def as_date(value: object) -> date:
    """A TOML date (2019-09-15) or a string as Vietnamese users write it ("15/9/2019")."""
    if isinstance(value, datetime):
        raise ValueError('chỉ ghi ngày, không ghi giờ: ví dụ 2019-09-15 hoặc "15/9/2019"')
    if isinstance(value, date):
        return in_calendar_years(value)
    if isinstance(value, str):
        return parse_date(value)
    raise ValueError('phải là một ngày, ví dụ 2019-09-15 hoặc "15/9/2019"')


def as_number(value: object) -> int | float:
    """A number written without quotes: `0`, `-10`, `0.5`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("phải là một số viết không có ngoặc kép, ví dụ min = 0")
    if not math.isfinite(value):
        raise ValueError("phải là một số hữu hạn, ví dụ min = 0")
    return value


def as_choice(enum: type[E]) -> Callable[[object], E]:
    """One of an enum's values, e.g. `due_rule = "before"`."""
    allowed = ", ".join(f'"{member.value}"' for member in enum)

    def parse(value: object) -> E:
        text = as_text(value)
        try:
            return enum(text)
        except ValueError:
            raise ValueError(
                f'"{text}" không hợp lệ{did_you_mean(text, [*enum])}; chỉ dùng {allowed}'
            ) from None

    return parse


def as_list(item: Callable[[object], T]) -> Callable[[object], tuple[T, ...]]:
    """A TOML array whose items each parse with `item`."""

    def parse(value: object) -> tuple[T, ...]:
        if not isinstance(value, list):
            raise ValueError('phải là danh sách trong ngoặc vuông, ví dụ ["a", "b"]')
        return tuple(item(element) for element in value)

    return parse


# email-validator's reasons (English), said in Vietnamese: the first pattern found in the reason wins.
_EMAIL_REASONS = (
    (re.compile(r"must have an @-sign"), "thiếu dấu @"),
    (re.compile(r"something before the @-sign"), "thiếu phần tên trước dấu @"),
    (re.compile(r"something after the @-sign"), "thiếu tên miền sau dấu @"),
    (
        re.compile(r"Internationalized characters before the @-sign.*?: (.*)\.$"),
        "có chữ có dấu trước dấu @: {0}",
    ),
    (
        re.compile(r"invalid characters before the @-sign: (.*)\.$"),
        "có ký tự không dùng được trước dấu @: {0}",
    ),
    (
        re.compile(r"after the @-sign contains invalid characters: (.*)\.$"),
        "tên miền có ký tự không dùng được: {0}",
    ),
    (re.compile(r"two periods in a row"), "có hai dấu chấm liền nhau"),
    (re.compile(r"start with a period"), "không được bắt đầu bằng dấu chấm"),
    (re.compile(r"end with a period"), "không được kết thúc bằng dấu chấm"),
    (re.compile(r"period immediately before the @-sign"), "có dấu chấm ngay trước dấu @"),
    (re.compile(r"hyphen immediately after the @-sign"), "có dấu gạch ngay sau dấu @"),
    (re.compile(r"should have a period"), "tên miền sau dấu @ thiếu dấu chấm (ví dụ ldld.vn)"),
    (re.compile(r"special-use or reserved name"), "tên miền là tên dành riêng, không gửi thư được"),
    (re.compile(r"top-level domain"), "tên miền không có đuôi hợp lệ (.vn, .org …)"),
    (re.compile(r"bracketed IP address"), "không dùng địa chỉ IP thay cho tên miền"),
    (re.compile(r"too long"), "quá dài"),
)


def email_problem(reason: str) -> str:
    """email-validator's `reason` in Vietnamese (a reason not foreseen: "sai quy cách")."""
    for pattern, words in _EMAIL_REASONS:
        found = pattern.search(reason)
        if found:
            return words.format(*(g.replace("SPACE", "dấu cách") for g in found.groups()))
    return "sai quy cách"


def as_email(value: object) -> str:
    """One address, as the mail server will want it (no diacritics before the @-sign)."""
    text = as_text(value)
    try:
        return validate_email(text, check_deliverability=False, allow_smtputf8=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(
            f'địa chỉ email "{text}" không hợp lệ ({email_problem(str(exc))}); hãy viết dạng ten@tenmien.vn'
        ) from exc


def as_email_list(value: object) -> tuple[str, ...]:
    """At least one address: a TOML array of addresses."""
    emails = as_list(as_email)(value)
    if not emails:
        raise ValueError('cần ít nhất một địa chỉ email, ví dụ ["bantochuc@example.org"]')
    return emails


def parse_email_cell(text: str) -> tuple[str, ...]:
    """At least one address in a spreadsheet cell, several separated by `;` as Outlook writes them."""
    parts = [part for part in (piece.strip() for piece in text.split(";")) if part]
    if not parts:
        raise ValueError("chưa có địa chỉ email; cần ít nhất một địa chỉ, nhiều địa chỉ cách nhau bằng dấu ;")
    return tuple(as_email(part) for part in parts)


def parse_flag(text: str) -> bool:
    """`active`: 1/0, true/false, có/không, in any letter case."""
    word = unicodedata.normalize("NFC", text).strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    shown = f'"{text}"' if text.strip() else "ô trống"
    raise ValueError(
        f"{shown} không hợp lệ; ghi 1 (đang hoạt động) hoặc 0 (không còn hoạt động), hoặc có/không"
    )


def as_offset(value: object) -> Offset:
    """`-21d`, `-2wd`, `+1wd`: calendar days (d) or working days (wd) from the deadline."""
    text = as_text(value)
    try:
        offset = Offset.parse(text)
    except ValueError:
        raise ValueError(
            f'"{text}" không hợp lệ; hãy viết như "-21d" (21 ngày trước hạn), '
            '"-2wd" (2 ngày làm việc trước hạn) hoặc "+1wd" (1 ngày làm việc sau hạn)'
        ) from None
    if abs(offset.amount) > OFFSET_LIMIT:
        raise ValueError(
            f'"{text}" quá xa hạn: tối đa {OFFSET_LIMIT} ngày (d) hoặc {OFFSET_LIMIT} ngày làm việc (wd) '
            'trước hoặc sau hạn, ví dụ "-21d"'
        )
    return offset


def as_repeat(value: object) -> Offset:
    """A positive interval: `repeat_every = "7d"`."""
    offset = as_offset(value)
    if offset.amount <= 0:
        raise ValueError(f'"{value}" không hợp lệ; khoảng lặp lại phải lớn hơn 0, ví dụ "7d" (mỗi tuần)')
    return offset


def as_timezone(value: object) -> str:
    text = as_text(value)
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f'múi giờ "{text}" không tồn tại; ở Việt Nam dùng "Asia/Ho_Chi_Minh"') from None
    return text


def _clock(hours: str, minutes: str, text: str) -> time:
    if int(hours) > 23 or int(minutes) > 59:
        raise ValueError(f'"{text}": giờ {hours}:{minutes} không tồn tại')
    return time(int(hours), int(minutes))


def as_hours(value: object) -> tuple[time, time]:
    """`"07:30-17:00"`: office hours, start included, end excluded."""
    text = as_text(value)
    match = _HOURS.match(text)
    if not match:
        raise ValueError(f'"{text}" không hợp lệ; hãy viết giờ bắt đầu-giờ kết thúc, ví dụ "07:30-17:00"')
    start = _clock(match.group(1), match.group(2), text)
    end = _clock(match.group(3), match.group(4), text)
    if start >= end:
        raise ValueError(f'"{text}": giờ bắt đầu phải trước giờ kết thúc, ví dụ "07:30-17:00"')
    return start, end


def as_schedule(value: object) -> tuple[int, time]:
    """`"mon 07:30"`: a weekday (mon … sun) and a time; returns (Monday = 0, time)."""
    text = as_text(value)
    match = _SCHEDULE.match(text)
    weekday = match.group(1).lower() if match else ""
    if not match or weekday not in WEEKDAY_NAMES:
        raise ValueError(
            f'"{text}" không hợp lệ; hãy viết thứ bằng tên tiếng Anh viết tắt '
            '(mon, tue, wed, thu, fri, sat, sun) và giờ, ví dụ "mon 07:30" (sáng thứ Hai)'
        )
    return WEEKDAY_NAMES.index(weekday), _clock(match.group(2), match.group(3), text)
