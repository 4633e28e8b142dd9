"""Mail waiting is stuck when the server answered an error, or when the sending window opened for it
more than half an hour ago; mail queued after hours waits for the morning without alarm (issue 13,
item 12)."""

from datetime import datetime, timedelta

from tests.builders import WINDOW, at
from tracker.core.health import mail_health

FRIDAY_EVENING = at(20, 9, 17, 5)  # after the window closed on Friday 20/9/2019
MONDAY_OPENING = at(23, 9, 7, 30)


def test_mail_queued_after_hours_is_not_stuck_until_the_window_has_been_open_half_an_hour() -> None:
    def stuck_at(now: datetime) -> bool:
        return mail_health(3, FRIDAY_EVENING, "", (), WINDOW, now).stuck

    assert not stuck_at(MONDAY_OPENING - timedelta(hours=1))
    assert not stuck_at(MONDAY_OPENING + timedelta(minutes=29))
    assert stuck_at(MONDAY_OPENING + timedelta(minutes=30))


def test_mail_the_server_answered_with_an_error_is_stuck_at_once() -> None:
    health = mail_health(1, MONDAY_OPENING, "connection refused", (), WINDOW, MONDAY_OPENING)

    assert health.stuck


def test_nothing_waiting_is_never_stuck_even_with_refused_addresses() -> None:
    health = mail_health(0, None, "", ("sai@example.org",), WINDOW, MONDAY_OPENING)

    assert (health.stuck, health.refused) == (False, ("sai@example.org",))
