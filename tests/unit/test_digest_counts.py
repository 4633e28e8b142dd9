"""The digest's counts on the scripted seed campaign, at the deadline's exact edge."""

from datetime import date

from tests.digest_campaign import AS_OF, at, campaign_digest
from tracker.core.model import ReportState


def _units_milestone(as_of=AS_OF):
    digest = campaign_digest(as_of)
    return digest.plans[0].milestones[0]


def test_a_week_after_the_deadline_nine_of_thirteen_reports_are_received():
    m = _units_milestone()
    assert (m.expected, m.received, m.received_on_time, m.received_late, m.exempt) == (13, 9, 7, 2, 1)
    assert len(m.outstanding) == 3
    assert m.overdue == 3


def test_percentages_are_of_every_expected_report_exempt_ones_included():
    m = _units_milestone()
    assert round(m.percent(m.received), 1) == 69.2
    assert round(m.percent(m.received_on_time), 1) == 53.8
    assert round(m.percent(len(m.outstanding)), 1) == 23.1
    assert round(m.percent(m.exempt), 1) == 7.7


def test_the_written_and_effective_deadlines_differ_because_the_14th_was_a_saturday():
    m = _units_milestone()
    assert m.deadline.written == date(2019, 9, 14)
    assert m.deadline.effective == date(2019, 9, 16)
    assert m.deadline.shifted
    assert (m.days_left, m.days_past) == (None, 7)


def test_a_report_received_on_the_effective_last_day_is_on_time():
    states = {r.unit.code: r for r in _units_milestone().reports}
    assert states["cam-lo"].state is ReportState.RECEIVED
    assert states["cam-lo"].days_late is None


def test_a_report_received_on_the_written_saturday_is_on_time():
    states = {r.unit.code: r for r in _units_milestone().reports}
    assert states["giao-duc"].state is ReportState.RECEIVED


def test_a_report_received_the_day_after_the_deadline_is_one_day_late():
    states = {r.unit.code: r for r in _units_milestone().reports}
    assert states["trieu-phong"].state is ReportState.RECEIVED_LATE
    assert states["trieu-phong"].days_late == 1
    assert states["hai-lang"].days_late == 4


def test_an_exempt_unit_is_expected_but_neither_received_nor_outstanding():
    m = _units_milestone()
    states = {r.unit.code: r for r in m.reports}
    assert states["huong-hoa"].state is ReportState.EXEMPT
    assert "huong-hoa" not in {r.unit.code for r in m.outstanding}


def test_every_expected_report_is_listed_in_the_order_of_the_units_file():
    codes = [r.unit.code for r in _units_milestone().reports]
    assert codes[:3] == ["dong-ha", "quang-tri", "vinh-linh"]
    assert len(codes) == 13


def test_on_the_last_day_itself_nothing_is_overdue_yet():
    m = _units_milestone(at(16, 9, 8, 0))
    assert (m.received, m.received_on_time, m.received_late) == (7, 7, 0)
    assert {r.state for r in m.outstanding} == {ReportState.PENDING}
    assert len(m.outstanding) == 5
    assert (m.days_left, m.days_past) == (0, None)


def test_the_day_after_the_deadline_the_outstanding_reports_are_one_day_overdue():
    m = _units_milestone(at(17, 9, 8, 0))
    assert {r.days_overdue for r in m.outstanding} == {1}
    assert m.received_late == 1  # Triệu Phong's report, received that day
