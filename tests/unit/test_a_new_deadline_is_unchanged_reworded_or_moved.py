"""A plan loaded again: its milestone's deadline is the same, only reworded (same last day: the ladder
stands), or moved (another last day: a new deadline version)."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.core.deadlines import DeadlineChange, WrittenDeadline, deadline_change
from tracker.core.model import DeadlineShift, DueRule

NEXT = DeadlineShift.NEXT_WORKING_DAY
# "trước 15/9/2019": Saturday 14/9, moved to Monday 16/9 by the Civil Code art. 148.
CURRENT = WrittenDeadline(date(2019, 9, 15), DueRule.BEFORE, NEXT, date(2019, 9, 16))


@pytest.mark.parametrize(
    ("new", "change"),
    [
        (CURRENT, DeadlineChange.UNCHANGED),
        # "đến ngày 16/9/2019": the same Monday in other words.
        (WrittenDeadline(date(2019, 9, 16), DueRule.BY, NEXT, date(2019, 9, 16)), DeadlineChange.REWORDED),
        # "trước 17/9/2019" without the shift: Monday 16/9 again.
        (
            WrittenDeadline(date(2019, 9, 17), DueRule.BEFORE, DeadlineShift.NONE, date(2019, 9, 16)),
            DeadlineChange.REWORDED,
        ),
        # The shift dropped: Saturday 14/9 is the last day now.
        (
            WrittenDeadline(date(2019, 9, 15), DueRule.BEFORE, DeadlineShift.NONE, date(2019, 9, 14)),
            DeadlineChange.MOVED,
        ),
        (WrittenDeadline(date(2019, 10, 1), DueRule.BEFORE, NEXT, date(2019, 9, 30)), DeadlineChange.MOVED),
    ],
)
def test_the_change_depends_on_the_last_day_not_on_the_words(
    new: WrittenDeadline, change: DeadlineChange
) -> None:
    assert deadline_change(CURRENT, new) is change
