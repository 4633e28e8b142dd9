"""The seed plan's milestone ("trước 15/9/2019") on the standard ladder: every step's day and send time."""

from datetime import date

import pytest

from tests.builders import SEED_DEADLINE, STANDARD_LADDER, at, seed_schedule
from tracker.core.calendar import weekday_vi
from tracker.core.model import CcTarget


def test_the_seed_deadline_is_monday_16_september_2019() -> None:
    assert (SEED_DEADLINE.written, SEED_DEADLINE.effective) == (date(2019, 9, 14), date(2019, 9, 16))


@pytest.mark.parametrize(
    ("key", "day", "weekday"),
    [
        (("thong-bao", 0), date(2019, 8, 26), "Thứ Hai"),
        (("nhac-lan-1", 0), date(2019, 9, 9), "Thứ Hai"),
        (("nhac-lan-2", 0), date(2019, 9, 12), "Thứ Năm"),
        (("qua-han", 0), date(2019, 9, 17), "Thứ Ba"),
        (("don-doc", 0), date(2019, 9, 19), "Thứ Năm"),
        (("bao-cao-thuong-truc", 0), date(2019, 9, 25), "Thứ Tư"),
        (("bao-cao-thuong-truc", 1), date(2019, 10, 2), "Thứ Tư"),
        (("bao-cao-thuong-truc", 2), date(2019, 10, 9), "Thứ Tư"),
        (("bao-cao-thuong-truc", 3), date(2019, 10, 16), "Thứ Tư"),
    ],
)
def test_each_step_of_the_seed_ladder_goes_out_at_07_30_on_its_day(
    key: tuple[str, int], day: date, weekday: str
) -> None:
    scheduled = {s.key: s for s in seed_schedule().steps_through(at(16, 10))}[key]

    assert scheduled.day == day
    assert weekday_vi(scheduled.day) == weekday
    assert scheduled.at.isoformat() == f"{day.isoformat()}T07:30:00+07:00"


def test_the_notice_goes_out_on_monday_26_august_2019_at_07_30_vietnam_time() -> None:
    notice = seed_schedule().steps_through(at(26, 8))[0]

    assert notice.step.template == "notice"
    assert notice.at.isoformat() == "2019-08-26T07:30:00+07:00"


def test_the_schedule_lists_the_ladder_in_order_then_the_weekly_repeats_of_the_last_step() -> None:
    keys = [s.key for s in seed_schedule().steps_through(at(16, 10))]

    assert keys == [
        ("thong-bao", 0),
        ("nhac-lan-1", 0),
        ("nhac-lan-2", 0),
        ("qua-han", 0),
        ("don-doc", 0),
        ("bao-cao-thuong-truc", 0),
        ("bao-cao-thuong-truc", 1),
        ("bao-cao-thuong-truc", 2),
        ("bao-cao-thuong-truc", 3),
    ]


def test_a_repeat_carries_the_last_step_with_its_template_and_copies() -> None:
    repeat = seed_schedule().next_after(at(25, 9))

    assert repeat is not None
    assert repeat.key == ("bao-cao-thuong-truc", 1)
    assert repeat.step == STANDARD_LADDER.steps[-1]
    assert repeat.step.cc == (CcTarget.STANDING,)
