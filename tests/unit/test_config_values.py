"""The small values of config files, parsed, or refused with a clerk's message."""

from datetime import date, datetime, time

import pytest

from tracker.config.plans import as_audience
from tracker.config.values import (
    as_code,
    as_date,
    as_hours,
    as_offset,
    as_schedule,
    parse_email_cell,
    parse_flag,
)
from tracker.core.model import Audience, Offset, OffsetUnit


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2019, 9, 15), date(2019, 9, 15)),
        ("15/9/2019", date(2019, 9, 15)),
        (" 2019-09-15 ", date(2019, 9, 15)),
        ("01/10/2019", date(2019, 10, 1)),
    ],
)
def test_dates_are_read_as_toml_dates_vietnamese_and_iso_strings(value: object, expected: date) -> None:
    assert as_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/9/2019", "tháng 9/2019 chỉ có 30 ngày"),
        ("2019-13-01", "tháng 13 không tồn tại"),
        ("29/2/2019", "tháng 2/2019 chỉ có 28 ngày"),
        ("15.9.2019", "không phải ngày hợp lệ"),
        (datetime(2019, 9, 15, 8, 0), "chỉ ghi ngày, không ghi giờ"),
        (20190915, "phải là một ngày"),
    ],
)
def test_impossible_or_misshapen_dates_are_refused(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        as_date(value)


def test_active_flags_are_read_in_any_case_and_anything_else_is_refused() -> None:
    assert [parse_flag(word) for word in ("1", "TRUE", "Có", "0", "false", "KHÔNG")] == [True] * 3 + [
        False
    ] * 3
    with pytest.raises(ValueError, match="ô trống không hợp lệ"):
        parse_flag("")
    with pytest.raises(ValueError, match='"yes" không hợp lệ'):
        parse_flag("yes")


def test_a_cell_of_emails_is_split_on_semicolons_and_may_not_be_empty() -> None:
    assert parse_email_cell("a@example.org; b@example.org;") == ("a@example.org", "b@example.org")
    with pytest.raises(ValueError, match="chưa có địa chỉ email"):
        parse_email_cell(" ; ")
    with pytest.raises(ValueError, match=r'"Nguyễn@example\.org" không hợp lệ'):
        parse_email_cell("Nguyễn@example.org")


def test_sending_hours_and_digest_schedule_are_read() -> None:
    assert as_hours("07:30-17:00") == (time(7, 30), time(17, 0))
    assert as_schedule("MON 7:30") == (0, time(7, 30))
    assert as_schedule("sun 18:05") == (6, time(18, 5))
    with pytest.raises(ValueError, match="giờ bắt đầu phải trước giờ kết thúc"):
        as_hours("17:00-07:30")
    with pytest.raises(ValueError, match="mon, tue, wed"):
        as_schedule("monday 07:30")


def test_offsets_are_read_in_days_and_working_days() -> None:
    assert as_offset("-2wd") == Offset(-2, OffsetUnit.WORKING_DAYS)
    with pytest.raises(ValueError, match='"-2 tuần" không hợp lệ'):
        as_offset("-2 tuần")


def test_codes_have_no_spaces_or_diacritics() -> None:
    assert as_code("doan_vien_moi") == "doan_vien_moi"
    with pytest.raises(ValueError, match='mã "Đông Hà" không hợp lệ'):
        as_code("Đông Hà")


def test_an_audience_is_units_the_owner_or_a_list_without_repeats() -> None:
    assert as_audience("units") == Audience.units()
    assert as_audience("owner") == Audience.owner()
    assert as_audience(["a", "b"]) == Audience.listed(("a", "b"))
    with pytest.raises(ValueError, match="mã đơn vị ghi lặp lại: a"):
        as_audience(["a", "b", "a"])
    with pytest.raises(ValueError, match="danh sách đơn vị đang trống"):
        as_audience([])
