"""Which plans and milestones a digest covers."""

from dataclasses import replace
from datetime import date

from tests.digest_campaign import CONFIG, PLAN, at, expected_reports, reminder_log
from tracker.core.digest import build_digest
from tracker.core.office import Office


def _plans(plan, as_of, reports=None):
    config = replace(CONFIG, plans=(plan,))
    reports = expected_reports() if reports is None else reports
    return build_digest(Office.of(config), reports, reminder_log(), as_of).plans


def test_a_plan_closed_before_the_digest_date_is_left_out():
    assert _plans(replace(PLAN, closes=date(2019, 12, 31)), at(31, 12, 8, 0))
    assert not _plans(replace(PLAN, closes=date(2019, 12, 31)), at(1, 1, 8, 0).replace(year=2020))


def test_a_plan_issued_after_the_digest_date_is_left_out():
    assert not _plans(PLAN, at(4, 8, 8, 0))
    assert _plans(PLAN, at(5, 8, 8, 0))


def test_a_milestone_nobody_owes_is_left_out():
    reports = [r for r in expected_reports() if r.milestone_code == "bao-cao-don-vi"]
    (plan,) = _plans(PLAN, at(23, 9, 8, 0), reports)
    assert [m.milestone.code for m in plan.milestones] == ["bao-cao-don-vi"]


def test_reports_of_an_unknown_plan_are_ignored():
    reports = [replace(r, plan_code="another-plan") for r in expected_reports()]
    assert _plans(PLAN, at(23, 9, 8, 0), reports) == ()
