"""Who is still missing, worst first, with the last step they got and any delivery failure."""

from tests.digest_campaign import at, campaign_digest
from tracker.core.model import ReportState
from tracker.core.vietnamese import sort_key


def test_outstanding_units_equally_late_are_in_vietnamese_alphabetical_order():
    m = campaign_digest().plans[0].milestones[0]
    assert [r.unit.name for r in m.outstanding] == [
        "Công đoàn ngành Công Thương",
        "Công đoàn ngành Y tế",
        "LĐLĐ huyện Đakrông",
    ]
    assert [r.days_overdue for r in m.outstanding] == [7, 7, 7]


def test_the_letter_d_with_stroke_sorts_after_d_and_before_e():
    names = ["Đông Hà", "Ea Súp", "Cồn Cỏ", "Dầu Tiếng", "Đakrông", "Cam Lộ"]
    assert sorted(names, key=sort_key) == [
        "Cam Lộ",
        "Cồn Cỏ",
        "Dầu Tiếng",
        "Đakrông",
        "Đông Hà",
        "Ea Súp",
    ]


def test_each_outstanding_unit_shows_the_last_step_actually_sent_to_it():
    m = campaign_digest().plans[0].milestones[0]
    steps = {r.unit.code: (r.last_step.key, r.last_step.sent_at) for r in m.outstanding}
    assert steps == {
        "cong-thuong": ("qua-han", at(17, 9, 7, 31)),
        "y-te": ("don-doc", at(19, 9)),
        "dakrong": ("qua-han", at(17, 9, 7, 31)),
    }


def test_a_reminder_refused_by_every_recipient_is_a_delivery_failure():
    dakrong = {r.unit.code: r for r in campaign_digest().plans[0].milestones[0].outstanding}["dakrong"]
    assert dakrong.delivery_failed
    assert dakrong.failed_recipients == ("lienhe@dakrong.example.org",)


def test_a_recipient_refused_among_several_is_listed_without_failing_the_delivery():
    y_te = {r.unit.code: r for r in campaign_digest().plans[0].milestones[0].outstanding}["y-te"]
    assert not y_te.delivery_failed
    assert y_te.failed_recipients == ("chutich@yte.example.org",)


def test_overdue_units_come_before_units_whose_deadline_has_not_come():
    digest = campaign_digest(at(23, 9, 8, 0))
    units, summary = digest.plans[0].milestones
    assert {r.state for r in units.outstanding} == {ReportState.OVERDUE}
    assert [(r.unit.code, r.state, r.days_overdue) for r in summary.outstanding] == [
        ("owner", ReportState.PENDING, None)
    ]


def test_before_any_reminder_the_last_step_is_empty():
    owner = campaign_digest().plans[0].milestones[1].outstanding[0]
    assert owner.last_step is None
    assert not owner.delivery_problem
