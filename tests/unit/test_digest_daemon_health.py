"""What the daemon did since the last digest, and whether it is alive."""

from datetime import timedelta

from tests.builders import ZONE
from tests.digest_campaign import at, campaign_digest
from tracker.core.health import Heartbeat
from tracker.digest.wording import health_text


def test_activity_counts_reminders_sent_failed_and_pending_in_the_week():
    activity = campaign_digest(at(23, 9, 8, 0)).activity
    assert activity.since == at(16, 9, 8, 0)
    assert (activity.sent, activity.failed, activity.partly_failed, activity.pending) == (6, 1, 1, 1)


def test_activity_starts_from_the_given_moment():
    activity = campaign_digest(at(23, 9, 8, 0), since=at(18, 9, 0, 0)).activity
    assert (activity.sent, activity.failed) == (2, 1)


def test_a_reminder_sent_later_was_pending_at_the_moment():
    assert campaign_digest(at(23, 9, 8, 0)).activity.pending == 1
    assert campaign_digest(at(24, 9, 9, 0)).activity.pending == 0


def test_a_daemon_that_swept_minutes_ago_is_healthy():
    health = campaign_digest(at(23, 9, 8, 0)).health
    assert (health.last_sweep_at, health.next_sweep_at, health.stale) == (
        at(23, 9, 7, 55),
        at(23, 9, 8, 0),
        False,
    )


def test_a_daemon_that_missed_two_sweeps_is_stale():
    heartbeat = Heartbeat(at(23, 9, 7, 49), at(23, 9, 7, 54), timedelta(minutes=5))
    assert not campaign_digest(at(23, 9, 7, 59), heartbeat=heartbeat).health.stale
    assert campaign_digest(at(23, 9, 8, 0), heartbeat=heartbeat).health.stale  # 11 minutes: two missed


def test_a_slow_sweep_interval_allows_two_intervals_of_silence():
    heartbeat = Heartbeat(at(23, 9, 7, 1), at(23, 9, 7, 31), timedelta(minutes=30))
    assert not campaign_digest(at(23, 9, 8, 0), heartbeat=heartbeat).health.stale
    assert campaign_digest(at(23, 9, 8, 2), heartbeat=heartbeat).health.stale


def test_without_a_known_interval_an_hour_of_silence_is_stale():
    heartbeat = Heartbeat(at(23, 9, 6, 59))
    assert campaign_digest(at(23, 9, 8, 0), heartbeat=heartbeat).health.stale


def test_a_daemon_stopped_cleanly_says_so_at_once_until_it_sweeps_again():
    stopped = Heartbeat(at(23, 9, 7, 55), None, timedelta(minutes=5), stopped_at=at(23, 9, 7, 57))
    health = campaign_digest(at(23, 9, 7, 58), heartbeat=stopped).health
    assert (health.stale, health.stopped_at, health.next_sweep_at) == (True, at(23, 9, 7, 57), None)
    assert "đã dừng lúc 07:57 ngày 23/09/2019" in health_text(health, ZONE)
    assert campaign_digest(at(23, 9, 7, 56), heartbeat=stopped).health.stopped_at is None  # not yet
    started_again = Heartbeat(
        at(23, 9, 8, 5), at(23, 9, 8, 10), timedelta(minutes=5), stopped_at=at(23, 9, 7, 57)
    )
    assert not campaign_digest(at(23, 9, 8, 6), heartbeat=started_again).health.stale


def test_the_staleness_limit_can_be_given():
    heartbeat = Heartbeat(at(23, 9, 7, 40))
    assert campaign_digest(
        at(23, 9, 8, 0), heartbeat=heartbeat, stale_after=timedelta(minutes=15)
    ).health.stale


def test_a_daemon_that_never_swept_is_stale_and_no_heartbeat_at_all_is_unknown():
    assert campaign_digest(at(23, 9, 8, 0), heartbeat=Heartbeat(None)).health.stale
    assert campaign_digest(at(23, 9, 8, 0), heartbeat=None).health is None
