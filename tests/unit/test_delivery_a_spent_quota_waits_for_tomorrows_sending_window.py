"""A spent daily quota (550 5.4.5) is not asked again today: the email waits, untouched, for the sending
window's first opening after today (the next working day's 07:30)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from tracker.core.calendar import SendingWindow, WorkCalendar
from tracker.core.delivery import ClaimedEmail, Delivery, Outcome, outcome_of_answer, tomorrow_opening
from tracker.core.model import SendingHours
from tracker.core.reports import DeliveryState

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
WINDOW = SendingWindow(WorkCalendar(), SendingHours(time(7, 30), time(17, 0)), ZONE)


def vn(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=ZONE)


@pytest.mark.parametrize(
    ("now", "opening"),
    [
        (vn(date(2019, 9, 16), "09:00"), vn(date(2019, 9, 17), "07:30")),  # Monday → Tuesday
        (vn(date(2019, 9, 16), "07:30"), vn(date(2019, 9, 17), "07:30")),  # not today's opening
        (vn(date(2019, 9, 13), "16:00"), vn(date(2019, 9, 16), "07:30")),  # Friday → Monday
        (vn(date(2019, 8, 30), "10:00"), vn(date(2019, 9, 3), "07:30")),  # over National Day
        (vn(date(2019, 9, 16), "23:30"), vn(date(2019, 9, 17), "07:30")),  # late evening, same day
    ],
)
def test_tomorrows_opening(now: datetime, opening: datetime) -> None:
    assert tomorrow_opening(WINDOW, now) == opening


def test_an_email_refused_for_quota_waits_for_tomorrows_opening_with_its_recipients() -> None:
    now = vn(date(2019, 9, 13), "16:00")
    claimed = ClaimedEmail(outbox_id=3, addressed=2, refused={}, attempts=1)
    answer = Delivery(
        Outcome.QUOTA_EXCEEDED, pending=("a@x.vn", "b@x.vn"), reply="550 5.4.5 Daily quota exceeded"
    )

    outcome = outcome_of_answer(claimed, answer, now, WINDOW)

    assert outcome.state is DeliveryState.PENDING
    assert outcome.next_attempt_at == vn(date(2019, 9, 16), "07:30")
    assert outcome.remaining == ("a@x.vn", "b@x.vn")
    assert (outcome.sent_at, outcome.last_reply) == (None, "550 5.4.5 Daily quota exceeded")
