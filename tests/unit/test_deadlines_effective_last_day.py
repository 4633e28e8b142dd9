"""The last day a document allows, and the one that counts after the Civil Code art. 148 shift."""

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from tracker.core.calendar import WorkCalendar
from tracker.core.deadlines import deadline_of, effective_last_day, written_last_day
from tracker.core.model import Audience, DeadlineShift, DueRule, Milestone

CALENDAR = WorkCalendar()
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
SHIFT = DeadlineShift.NEXT_WORKING_DAY
AS_WRITTEN = DeadlineShift.NONE


@pytest.mark.parametrize(
    ("due", "rule", "shift", "written", "effective"),
    [
        # "trước 15/9/2019": Saturday 14/9, moved to Monday 16/9, or kept as written.
        (date(2019, 9, 15), DueRule.BEFORE, SHIFT, date(2019, 9, 14), date(2019, 9, 16)),
        (date(2019, 9, 15), DueRule.BEFORE, AS_WRITTEN, date(2019, 9, 14), date(2019, 9, 14)),
        # "đến ngày 15/9/2019": Sunday 15/9 itself.
        (date(2019, 9, 15), DueRule.BY, SHIFT, date(2019, 9, 15), date(2019, 9, 16)),
        (date(2019, 9, 13), DueRule.BY, SHIFT, date(2019, 9, 13), date(2019, 9, 13)),
        # "cuối tháng 10/2019": Thursday 31/10, a working day, whatever day of October is written.
        (date(2019, 10, 1), DueRule.END_OF_MONTH, SHIFT, date(2019, 10, 31), date(2019, 10, 31)),
        (date(2019, 10, 31), DueRule.END_OF_MONTH, SHIFT, date(2019, 10, 31), date(2019, 10, 31)),
        (date(2024, 2, 1), DueRule.END_OF_MONTH, SHIFT, date(2024, 2, 29), date(2024, 2, 29)),
        # End of August 2019 is a Saturday; Monday 2/9 is National Day: Tuesday 3/9.
        (date(2019, 8, 1), DueRule.END_OF_MONTH, SHIFT, date(2019, 8, 31), date(2019, 9, 3)),
        (date(2019, 11, 1), DueRule.END_OF_MONTH, SHIFT, date(2019, 11, 30), date(2019, 12, 2)),
        (date(2019, 9, 2), DueRule.BY, SHIFT, date(2019, 9, 2), date(2019, 9, 3)),
        # "trước 1/5/2019": 30/4 and 1/5 are holidays: Thursday 2/5.
        (date(2019, 5, 1), DueRule.BEFORE, SHIFT, date(2019, 4, 30), date(2019, 5, 2)),
        # Giỗ Tổ 2019 on Sunday 14/4, observed Monday 15/4: Tuesday 16/4.
        (date(2019, 4, 14), DueRule.BY, SHIFT, date(2019, 4, 14), date(2019, 4, 16)),
        # A last day in Tết moves past the whole holiday.
        (date(2019, 2, 5), DueRule.BY, SHIFT, date(2019, 2, 5), date(2019, 2, 11)),
        (date(2024, 2, 10), DueRule.BY, SHIFT, date(2024, 2, 10), date(2024, 2, 15)),
        (date(2026, 2, 18), DueRule.BEFORE, SHIFT, date(2026, 2, 17), date(2026, 2, 23)),
        (date(2026, 2, 18), DueRule.BEFORE, AS_WRITTEN, date(2026, 2, 17), date(2026, 2, 17)),
    ],
)
def test_the_effective_last_day_follows_the_rule_and_the_plans_shift(
    due: date, rule: DueRule, shift: DeadlineShift, written: date, effective: date
) -> None:
    assert written_last_day(due, rule) == written
    assert effective_last_day(due, rule, shift, CALENDAR) == effective


def test_the_deadline_of_the_seed_milestone_ends_at_23_59_59_on_monday_16_september() -> None:
    milestone = Milestone(
        "bao-cao-don-vi", "Báo cáo sơ kết", date(2019, 9, 15), DueRule.BEFORE, Audience.units()
    )

    deadline = deadline_of(milestone, SHIFT, CALENDAR, ZONE)

    assert (deadline.written, deadline.effective, deadline.shifted) == (
        date(2019, 9, 14),
        date(2019, 9, 16),
        True,
    )
    assert deadline.due_at.isoformat() == "2019-09-16T23:59:59+07:00"


def test_the_federations_own_summary_is_due_at_the_end_of_thursday_31_october_2019() -> None:
    milestone = Milestone(
        "bao-cao-tong-hop", "Báo cáo tổng hợp", date(2019, 10, 31), DueRule.END_OF_MONTH, Audience.owner()
    )

    deadline = deadline_of(milestone, SHIFT, CALENDAR, ZONE)

    assert deadline.shifted is False
    assert deadline.due_at.isoformat() == "2019-10-31T23:59:59+07:00"
