"""Nothing goes out after the plan's closing day (inclusive): neither repeats nor ladder steps."""

from datetime import date

import pytest

from tests.builders import at, seed_schedule
from tracker.core.model import Ladder, Offset, Step


@pytest.mark.parametrize(
    ("closes", "last_key"),
    [
        (date(2019, 10, 9), ("bao-cao-thuong-truc", 2)),  # the closing day itself still counts
        (date(2019, 10, 8), ("bao-cao-thuong-truc", 1)),
        (date(2019, 9, 25), ("bao-cao-thuong-truc", 0)),
        (date(2019, 9, 24), ("don-doc", 0)),
        (date(2019, 9, 16), ("nhac-lan-2", 0)),
        (date(2019, 8, 26), ("thong-bao", 0)),
    ],
)
def test_the_schedule_stops_at_the_closing_day(closes: date, last_key: tuple[str, int]) -> None:
    schedule = seed_schedule(closes=closes)

    assert schedule.steps_through(at(1, 1, year=2030))[-1].key == last_key
    assert schedule.next_after(at(1, 1, year=2030)) is None


def test_a_plan_closed_before_the_notice_sends_nothing() -> None:
    schedule = seed_schedule(closes=date(2019, 8, 25))

    assert schedule.next_after(None) is None


def test_a_step_whose_window_opens_only_after_the_closing_day_is_dropped() -> None:
    # +5d is Saturday 21/9/2019, the closing day; the window would open for it on Monday 23/9.
    ladder = Ladder(
        "late", (Step("han", Offset.parse("+1wd"), "overdue"), Step("sau", Offset.parse("+5d"), "overdue"))
    )

    schedule = seed_schedule(closes=date(2019, 9, 21), ladder=ladder)

    assert [s.key for s in schedule.after(None)] == [("han", 0)]
