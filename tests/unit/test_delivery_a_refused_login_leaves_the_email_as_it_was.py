"""The server refusing our login is not the email's fault: it stays waiting for the next sweep, and the
attempt is not counted (its back-off does not grow while the operator fixes the credentials)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from tracker.core.calendar import SendingWindow, WorkCalendar
from tracker.core.delivery import ClaimedEmail, Delivery, Outcome, outcome_of_answer
from tracker.core.model import SendingHours
from tracker.core.reports import DeliveryState

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
WINDOW = SendingWindow(WorkCalendar(), SendingHours(time(7, 30), time(17, 0)), ZONE)
NOW = datetime.combine(date(2019, 9, 16), time(9, 0), tzinfo=ZONE)


def test_a_refused_login_keeps_the_email_due_now_without_counting_the_attempt() -> None:
    claimed = ClaimedEmail(outbox_id=5, addressed=1, refused={}, attempts=3)
    answer = Delivery(Outcome.AUTH_FAILED, pending=("a@x.vn",), reply="535 5.7.8 Authentication failed")

    outcome = outcome_of_answer(claimed, answer, NOW, WINDOW)

    assert outcome.state is DeliveryState.PENDING
    assert outcome.next_attempt_at == NOW
    assert outcome.attempts == 2
    assert outcome.remaining == ("a@x.vn",)
    assert outcome.sent_at is None
