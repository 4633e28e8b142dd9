"""Each step of the seed ladder is decided once, when its sending window opens, and never again."""

from datetime import datetime

import pytest

from tests.builders import at, report, seed_schedule
from tracker.core.planner import Decision, decide

SCHEDULE = seed_schedule()

# (step key, repeat), when it goes out, when the report next needs a look after it.
TURNS = [
    (("thong-bao", 0), at(26, 8), at(9, 9)),
    (("nhac-lan-1", 0), at(9, 9), at(12, 9)),
    (("nhac-lan-2", 0), at(12, 9), at(17, 9)),
    (("qua-han", 0), at(17, 9), at(19, 9)),
    (("don-doc", 0), at(19, 9), at(25, 9)),
    (("bao-cao-thuong-truc", 0), at(25, 9), at(2, 10)),
    (("bao-cao-thuong-truc", 1), at(2, 10), at(9, 10)),
    (("bao-cao-thuong-truc", 2), at(9, 10), at(16, 10)),
    (("bao-cao-thuong-truc", 3), at(16, 10), at(23, 10)),
]


def logged_before(key: tuple[str, int]) -> frozenset[tuple[str, int]]:
    keys = [k for k, _, _ in TURNS]
    return frozenset(keys[: keys.index(key)])


@pytest.mark.parametrize(("key", "sent_at", "next_at"), TURNS)
def test_a_step_is_sent_when_the_window_opens_on_its_day(
    key: tuple[str, int], sent_at: datetime, next_at: datetime
) -> None:
    decision = decide(report(), SCHEDULE, logged_before(key), sent_at)

    assert decision.send is not None
    assert (decision.send.key, decision.send.at) == (key, sent_at)
    assert (decision.superseded, decision.next_at) == ((), next_at)


@pytest.mark.parametrize(("key", "sent_at", "next_at"), TURNS)
def test_a_minute_before_its_time_a_step_waits_and_is_the_next_look(
    key: tuple[str, int], sent_at: datetime, next_at: datetime
) -> None:
    minute_before = sent_at.replace(minute=29)

    assert decide(report(), SCHEDULE, logged_before(key), minute_before) == Decision(None, (), sent_at)


@pytest.mark.parametrize(("key", "sent_at", "next_at"), TURNS)
def test_a_logged_step_is_never_decided_again_whatever_became_of_it(
    key: tuple[str, int], sent_at: datetime, next_at: datetime
) -> None:
    # Logged means any state: sent, pending, failed, superseded or cancelled.
    logged = logged_before(key) | {key}

    assert decide(report(), SCHEDULE, logged, sent_at.replace(hour=16)) == Decision(None, (), next_at)


def test_before_the_notice_nothing_is_due_and_the_first_look_is_the_notice() -> None:
    assert decide(report(), SCHEDULE, frozenset(), at(25, 8, hour=23)) == Decision(None, (), at(26, 8))


def test_the_notice_is_the_template_with_the_required_contents_sent_to_nobody_in_copy() -> None:
    decision = decide(report(), SCHEDULE, frozenset(), at(26, 8, hour=9))

    assert decision.send is not None
    assert (decision.send.step.template, decision.send.step.cc) == ("notice", ())
