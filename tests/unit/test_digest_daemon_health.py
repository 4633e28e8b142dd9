"""What the daemon did since the last digest, and whether it is alive."""

from datetime import timedelta

from tests.digest_campaign import at, campaign_digest
from tracker.core.health import Heartbeat


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


def test_a_daemon_silent_for_more_than_an_hour_is_stale():
    heartbeat = Heartbeat(at(23, 9, 6, 59), at(23, 9, 7, 4), timedelta(minutes=5))
    assert campaign_digest(at(23, 9, 8, 0), heartbeat=heartbeat).health.stale


def test_a_slow_sweep_interval_allows_three_intervals_of_silence():
    heartbeat = Heartbeat(at(23, 9, 6, 31), at(23, 9, 7, 1), timedelta(minutes=30))
    assert not campaign_digest(at(23, 9, 8, 0), heartbeat=heartbeat).health.stale
    assert campaign_digest(at(23, 9, 8, 2), heartbeat=heartbeat).health.stale


def test_the_staleness_limit_can_be_given():
    heartbeat = Heartbeat(at(23, 9, 7, 40))
    assert campaign_digest(
        at(23, 9, 8, 0), heartbeat=heartbeat, stale_after=timedelta(minutes=15)
    ).health.stale


def test_a_daemon_that_never_swept_is_stale_and_no_heartbeat_at_all_is_unknown():
    assert campaign_digest(at(23, 9, 8, 0), heartbeat=Heartbeat(None)).health.stale
    assert campaign_digest(at(23, 9, 8, 0), heartbeat=None).health is None
