"""A final answer ends an email's delivery: sent when at least one recipient ever accepted it (on this
attempt or an earlier one), failed when every recipient refused it for good."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from tracker.core.calendar import SendingWindow, WorkCalendar
from tracker.core.delivery import ClaimedEmail, Delivery, Outcome, Refusal, outcome_of_answer
from tracker.core.model import SendingHours
from tracker.core.reports import DeliveryState

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
WINDOW = SendingWindow(WorkCalendar(), SendingHours(time(7, 30), time(17, 0)), ZONE)
NOW = datetime.combine(date(2019, 9, 16), time(9, 0), tzinfo=ZONE)
UNKNOWN = "550 5.1.1 User unknown"


@pytest.mark.parametrize(
    ("addressed", "refused_before", "answer", "state"),
    [
        # Everyone accepted.
        (
            2,
            {},
            Delivery(Outcome.DELIVERED, accepted=("a@x.vn", "b@x.vn"), reply="250 OK"),
            DeliveryState.SENT,
        ),
        # One accepted, one refused for good.
        (
            2,
            {},
            Delivery(Outcome.DELIVERED, accepted=("a@x.vn",), refused=(Refusal("b@x.vn", UNKNOWN),)),
            DeliveryState.SENT,
        ),
        # Everyone refused.
        (
            2,
            {},
            Delivery(Outcome.REFUSED, refused=(Refusal("a@x.vn", UNKNOWN), Refusal("b@x.vn", UNKNOWN))),
            DeliveryState.FAILED,
        ),
        # The retry to the last one is refused, but the first attempt reached a@: the email went out.
        (2, {}, Delivery(Outcome.REFUSED, refused=(Refusal("b@x.vn", UNKNOWN),)), DeliveryState.SENT),
        # The retry is refused and the first attempt's only other recipient was refused too.
        (
            2,
            {"a@x.vn": UNKNOWN},
            Delivery(Outcome.REFUSED, refused=(Refusal("b@x.vn", UNKNOWN),)),
            DeliveryState.FAILED,
        ),
    ],
)
def test_a_final_answer_sends_or_fails_the_email(
    addressed: int, refused_before: dict[str, str], answer: Delivery, state: DeliveryState
) -> None:
    claimed = ClaimedEmail(outbox_id=1, addressed=addressed, refused=refused_before, attempts=2)

    outcome = outcome_of_answer(claimed, answer, NOW, WINDOW)

    assert outcome.state is state
    assert (outcome.sent_at, outcome.next_attempt_at, outcome.remaining) == (NOW, None, ())
    assert outcome.refused == {**refused_before, **{r.recipient: r.reply for r in answer.refused}}
    assert outcome.attempts == 2
