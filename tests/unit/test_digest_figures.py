"""The figures summed over the received reports that gave them, with how many gave each."""

from tests.digest_campaign import FIGURES, at, campaign_digest


def _totals(as_of):
    return {
        f.figure.key: (f.total, f.reporters) for f in campaign_digest(as_of).plans[0].milestones[0].figures
    }


def test_each_figure_is_summed_over_the_received_reports_that_gave_it():
    assert _totals(at(23, 9, 8, 0)) == {
        "doanh_nghiep": (338, 9),
        "cdcs_moi": (16, 9),
        "doan_vien_moi": (609, 8),  # Quảng Trị did not give it
        "gioi_thieu_dang": (36, 9),
        "to_chuc_dang_moi": (5, 9),
    }


def test_a_report_received_after_the_moment_adds_nothing_yet():
    assert _totals(at(25, 9, 8, 0))["doan_vien_moi"] == (759, 9)


def test_every_figure_of_the_plan_is_there_with_no_total_when_nobody_gave_it():
    totals = _totals(at(1, 9, 8, 0))
    assert list(totals) == [f.key for f in FIGURES]
    assert set(totals.values()) == {(None, 0)}
