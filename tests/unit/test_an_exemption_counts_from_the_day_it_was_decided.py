"""From when an exemption counts: the whole of a past day it was decided on, like a receipt's date; the
moment it is recorded when decided that same day (a reminder sent this morning was right to go)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tracker.core.status import exemption_starts

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
RECORDED = datetime(2019, 9, 20, 10, 0, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("on", "recorded_at", "starts"),
    [
        (date(2019, 9, 18), RECORDED, datetime(2019, 9, 18, 0, 0, tzinfo=ZONE)),
        (date(2019, 9, 20), RECORDED, RECORDED),
        # 00:30 on 20/9 in Quảng Trị is still 19/9 in UTC: the plan's day decides.
        (
            date(2019, 9, 19),
            datetime(2019, 9, 20, 0, 30, tzinfo=ZONE).astimezone(ZoneInfo("UTC")),
            datetime(2019, 9, 19, 0, 0, tzinfo=ZONE),
        ),
    ],
)
def test_an_exemption_starts_with_its_day_or_when_recorded_that_day(
    on: date, recorded_at: datetime, starts: datetime
) -> None:
    assert exemption_starts(on, recorded_at, ZONE) == starts
