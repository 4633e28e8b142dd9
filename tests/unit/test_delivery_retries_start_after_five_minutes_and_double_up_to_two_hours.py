"""A temporary failure (4xx, timeout, dropped connection) is tried again: 5 minutes after the first
failure, then 10, 20, 40, 80 minutes, and from then on every 2 hours; only to whom it still waits for."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tracker.core.calendar import SendingWindow, WorkCalendar
from tracker.core.delivery import ClaimedEmail, Delivery, Outcome, Refusal, outcome_of_answer, retry_delay
from tracker.core.model import SendingHours
from tracker.core.reports import DeliveryState

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
WINDOW = SendingWindow(WorkCalendar(), SendingHours(time(7, 30), time(17, 0)), ZONE)
NOW = datetime.combine(date(2019, 9, 16), time(9, 0), tzinfo=ZONE)


@pytest.mark.parametrize(
    ("attempts", "delay"),
    [
        (1, timedelta(minutes=5)),
        (2, timedelta(minutes=10)),
        (3, timedelta(minutes=20)),
        (4, timedelta(minutes=40)),
        (5, timedelta(minutes=80)),
        (6, timedelta(hours=2)),  # 160 minutes, capped
        (7, timedelta(hours=2)),
        (60, timedelta(hours=2)),
    ],
)
def test_the_delay_after_each_failed_attempt(attempts: int, delay: timedelta) -> None:
    assert retry_delay(attempts) == delay


@pytest.mark.parametrize(
    ("attempts", "retry_at"), [(1, NOW + timedelta(minutes=5)), (9, NOW + timedelta(hours=2))]
)
def test_a_temporary_failure_leaves_the_email_waiting_for_those_not_yet_reached(
    attempts: int, retry_at: datetime
) -> None:
    claimed = ClaimedEmail(outbox_id=7, addressed=3, refused={}, attempts=attempts)
    answer = Delivery(
        Outcome.TEMPORARY,
        accepted=("a@example.org",),
        refused=(Refusal("b@example.org", "550 5.1.1 unknown"),),
        pending=("c@example.org",),
        reply="451 4.3.0 try again later",
    )

    outcome = outcome_of_answer(claimed, answer, NOW, WINDOW)

    assert outcome.state is DeliveryState.PENDING
    assert outcome.next_attempt_at == retry_at
    assert outcome.remaining == ("c@example.org",)  # a@ got it and b@ never will: neither is tried again
    assert outcome.refused == {"b@example.org": "550 5.1.1 unknown"}
    assert (outcome.attempts, outcome.sent_at, outcome.last_reply) == (
        attempts,
        None,
        "451 4.3.0 try again later",
    )
