"""What `expect add|remove` may change: only an audience of every unit (a list belongs to the plan file,
the owner's milestone has no units); a unit is added once and while on the roster; a report received or
exempt is undone before its unit is removed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tracker.core.model import Audience, DueRule, Ladder, Milestone, Plan, Unit
from tracker.core.reports import ExpectedReport, Submission
from tracker.core.roster import Validity, why_not_add, why_not_remove

TODAY = date(2019, 9, 17)
EVERY_UNIT = Milestone("bao-cao", "Báo cáo", date(2019, 9, 15), DueRule.BEFORE, Audience.units())
LISTED = Milestone("hoc-vien", "Học viên", date(2019, 9, 20), DueRule.BY, Audience.listed(("cd-y-te",)))
OWNERS = Milestone("tong-hop", "Tổng hợp", date(2019, 10, 1), DueRule.END_OF_MONTH, Audience.owner())
PLAN = Plan(
    "so-ket",
    "Sơ kết",
    "KH 52",
    Ladder("standard", ()),
    (EVERY_UNIT, LISTED, OWNERS),
    source="plans/so-ket.toml",
)
ON_ROSTER = Validity(date(2019, 8, 1))
DISSOLVED = Validity(date(2019, 8, 1), valid_until=date(2019, 9, 3))
KKT = Unit("cd-kkt", "Công đoàn Khu kinh tế")


@pytest.mark.parametrize(
    ("milestone", "expected", "validity", "reason"),
    [
        (EVERY_UNIT, False, ON_ROSTER, None),
        (EVERY_UNIT, True, ON_ROSTER, "Đơn vị cd-kkt đã thuộc danh sách phải nộp cho mốc bao-cao."),
        (EVERY_UNIT, False, DISSOLVED, "Đơn vị cd-kkt không còn hoạt động; không thể thêm"),
        (
            LISTED,
            False,
            ON_ROSTER,
            "Mốc hoc-vien có danh sách đơn vị ghi trong tệp kế hoạch (plans/so-ket.toml",
        ),
        (OWNERS, False, ON_ROSTER, "Mốc tong-hop do Ban Tổ chức thực hiện"),
    ],
)
def test_adding_a_unit(milestone: Milestone, expected: bool, validity: Validity, reason: str | None) -> None:
    refusal = why_not_add(PLAN, milestone, "cd-kkt", expected=expected, validity=validity, today=TODAY)

    _assert_refused_for(refusal, reason)


@pytest.mark.parametrize(
    ("milestone", "report", "reason"),
    [
        (EVERY_UNIT, ExpectedReport("so-ket", "bao-cao", KKT), None),
        (EVERY_UNIT, None, "Đơn vị cd-kkt không thuộc danh sách phải nộp cho mốc bao-cao."),
        (
            EVERY_UNIT,
            ExpectedReport("so-ket", "bao-cao", KKT, submission=Submission(date(2019, 9, 12))),
            "đã được ghi nhận; huỷ ghi nhận (unreceive) trước",
        ),
        (
            EVERY_UNIT,
            ExpectedReport("so-ket", "bao-cao", KKT, exempted_at=datetime(2019, 9, 10, tzinfo=UTC)),
            "đã được miễn nộp; huỷ miễn nộp (unexempt) trước",
        ),
        (LISTED, ExpectedReport("so-ket", "hoc-vien", KKT), "hãy sửa danh sách đó rồi chạy tracker load"),
    ],
)
def test_removing_a_unit(milestone: Milestone, report: ExpectedReport | None, reason: str | None) -> None:
    refusal = why_not_remove(PLAN, milestone, "cd-kkt", report)

    _assert_refused_for(refusal, reason)


def _assert_refused_for(refusal: str | None, reason: str | None) -> None:
    """None when allowed; otherwise a refusal that gives the reason."""
    if reason is None:
        assert refusal is None
    else:
        assert refusal is not None and reason in refusal
