"""Progress over time: reports received per day and cumulative, from the notice to the digest date."""

from datetime import date

from tests.digest_campaign import at, campaign_digest


def _units_milestone(as_of):
    return campaign_digest(as_of).plans[0].milestones[0]


def test_progress_runs_from_the_notice_to_the_digest_date_one_point_a_day():
    m = _units_milestone(at(23, 9, 8, 0))
    assert m.progress[0].day == date(2019, 8, 26)  # the notice, 21 days before 16/9
    assert m.progress[-1].day == date(2019, 9, 23)
    assert len(m.progress) == 29


def test_progress_counts_each_day_and_accumulates():
    points = {p.day: (p.received, p.cumulative) for p in _units_milestone(at(23, 9, 8, 0)).progress}
    assert points[date(2019, 9, 4)] == (0, 0)
    assert points[date(2019, 9, 5)] == (1, 1)
    assert points[date(2019, 9, 16)] == (1, 7)
    assert points[date(2019, 9, 17)] == (1, 8)
    assert points[date(2019, 9, 23)] == (0, 9)


def test_before_the_deadline_the_chart_reaches_the_deadline():
    m = _units_milestone(at(10, 9, 8, 0))
    assert m.progress[-1].day == date(2019, 9, 10)
    assert m.progress_end == date(2019, 9, 16)


def test_after_the_deadline_the_chart_reaches_the_digest_date():
    assert _units_milestone(at(23, 9, 8, 0)).progress_end == date(2019, 9, 23)


def test_before_the_notice_there_is_no_progress_to_show():
    assert _units_milestone(at(20, 8, 8, 0)).progress == ()
