"""What arrived this week, and which received reports miss required sections or figures."""

from datetime import date

from tests.digest_campaign import at, campaign_digest


def _units_milestone(as_of):
    return campaign_digest(as_of).plans[0].milestones[0]


def test_arrivals_are_the_reports_received_in_the_seven_days_up_to_the_digest_date():
    m = _units_milestone(at(23, 9, 8, 0))
    assert [(r.unit.code, r.submission.received_on, r.submission.doc_number) for r in m.arrivals] == [
        ("trieu-phong", date(2019, 9, 17), "25/BC-LĐLĐ"),
        ("hai-lang", date(2019, 9, 20), "22/BC-LĐLĐ"),
    ]


def test_a_report_received_on_the_previous_digest_day_belongs_to_that_digest():
    previous = _units_milestone(at(16, 9, 8, 0))
    assert "cam-lo" in {r.unit.code for r in previous.arrivals}
    assert "cam-lo" not in {r.unit.code for r in _units_milestone(at(23, 9, 8, 0)).arrivals}


def test_arrivals_are_oldest_first_and_start_after_the_same_day_a_week_before():
    m = _units_milestone(at(16, 9, 8, 0))
    # Viên chức's report of Monday 9/9 was in the digest of 9/9.
    assert [r.unit.code for r in m.arrivals] == ["quang-tri", "vinh-linh", "gio-linh", "giao-duc", "cam-lo"]


def test_received_reports_missing_sections_or_figures_say_which_ones():
    m = _units_milestone(at(23, 9, 8, 0))
    gaps = {
        r.unit.code: ([s.key for s in r.missing_sections], [f.key for f in r.missing_figures])
        for r in m.incomplete
    }
    assert gaps == {
        "quang-tri": ([], ["doan_vien_moi"]),
        "vinh-linh": (["kien-nghi"], []),
        "trieu-phong": (["ket-qua", "danh-gia", "phuong-huong", "kien-nghi"], []),
    }


def test_outstanding_and_exempt_reports_have_no_gaps_to_show():
    m = _units_milestone(at(23, 9, 8, 0))
    reports = {r.unit.code: r for r in m.reports}
    assert not reports["dakrong"].incomplete
    assert not reports["huong-hoa"].incomplete
