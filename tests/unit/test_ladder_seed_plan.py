"""The seed plan's milestone ("trước 15/9/2019") on the standard ladder: every step's day and send time.

The values built here (calendar, window, ladder, deadline, a unit's report) are the seed plan's,
written out with the model dataclasses so the tests stay pure; the planner tests import them from here.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from tracker.core.calendar import SendingWindow, WorkCalendar, weekday_vi
from tracker.core.deadlines import deadline_of
from tracker.core.ladder import LadderSchedule, ladder_schedule
from tracker.core.model import (
    Audience,
    CcTarget,
    DeadlineShift,
    DueRule,
    Ladder,
    Milestone,
    Offset,
    SendingHours,
    Step,
    Unit,
)
from tracker.core.reports import ExpectedReport, Submission

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
CALENDAR = WorkCalendar()
WINDOW = SendingWindow(CALENDAR, SendingHours(time(7, 30), time(17, 0)), ZONE)

STANDARD_LADDER = Ladder(
    name="standard",
    steps=(
        Step("thong-bao", Offset.parse("-21d"), "notice"),
        Step("nhac-lan-1", Offset.parse("-7d"), "reminder"),
        Step("nhac-lan-2", Offset.parse("-2wd"), "urgent"),
        Step("qua-han", Offset.parse("+1wd"), "overdue", (CcTarget.UNIT_CHAIR,)),
        Step("don-doc", Offset.parse("+3wd"), "escalation", (CcTarget.OWNER,)),
        Step("bao-cao-thuong-truc", Offset.parse("+7wd"), "escalation", (CcTarget.STANDING,)),
    ),
    repeat_every=Offset.parse("7d"),
)
UNITS_REPORT = Milestone(
    code="bao-cao-don-vi",
    title="Công đoàn cấp trên trực tiếp cơ sở gửi báo cáo sơ kết",
    due=date(2019, 9, 15),
    due_rule=DueRule.BEFORE,
    audience=Audience.units(),
)
SEED_DEADLINE = deadline_of(UNITS_REPORT, DeadlineShift.NEXT_WORKING_DAY, CALENDAR, ZONE)


DONG_HA = Unit(
    code="ldld-dong-ha",
    name="LĐLĐ thành phố Đông Hà",
    emails=("ldld.dongha@example.org",),
    chair_name="Nguyễn Văn A",
    chair_email="chutich.dongha@example.org",
)


def at(day: int, month: int, hour: int = 7, minute: int = 30, year: int = 2019) -> datetime:
    """A moment in the plan's zone (07:30, the window's opening, unless told)."""
    return datetime(year, month, day, hour, minute, tzinfo=ZONE)


def seed_schedule(closes: date | None = None, ladder: Ladder = STANDARD_LADDER) -> LadderSchedule:
    return ladder_schedule(ladder, SEED_DEADLINE, CALENDAR, WINDOW, closes=closes)


def report(received_on: date | None = None, exempted_at: datetime | None = None) -> ExpectedReport:
    """Đông Hà's report for the seed milestone, as recorded."""
    submission = Submission(received_on=received_on) if received_on else None
    return ExpectedReport("so-ket-de-an-2019", UNITS_REPORT.code, DONG_HA, submission, exempted_at)


def test_the_seed_deadline_is_monday_16_september_2019() -> None:
    assert (SEED_DEADLINE.written, SEED_DEADLINE.effective) == (date(2019, 9, 14), date(2019, 9, 16))


@pytest.mark.parametrize(
    ("key", "day", "weekday"),
    [
        (("thong-bao", 0), date(2019, 8, 26), "Thứ Hai"),
        (("nhac-lan-1", 0), date(2019, 9, 9), "Thứ Hai"),
        (("nhac-lan-2", 0), date(2019, 9, 12), "Thứ Năm"),
        (("qua-han", 0), date(2019, 9, 17), "Thứ Ba"),
        (("don-doc", 0), date(2019, 9, 19), "Thứ Năm"),
        (("bao-cao-thuong-truc", 0), date(2019, 9, 25), "Thứ Tư"),
        (("bao-cao-thuong-truc", 1), date(2019, 10, 2), "Thứ Tư"),
        (("bao-cao-thuong-truc", 2), date(2019, 10, 9), "Thứ Tư"),
        (("bao-cao-thuong-truc", 3), date(2019, 10, 16), "Thứ Tư"),
    ],
)
def test_each_step_of_the_seed_ladder_goes_out_at_07_30_on_its_day(
    key: tuple[str, int], day: date, weekday: str
) -> None:
    scheduled = {s.key: s for s in seed_schedule().steps_through(at(16, 10))}[key]

    assert scheduled.day == day
    assert weekday_vi(scheduled.day) == weekday
    assert scheduled.at.isoformat() == f"{day.isoformat()}T07:30:00+07:00"


def test_the_notice_goes_out_on_monday_26_august_2019_at_07_30_vietnam_time() -> None:
    notice = seed_schedule().steps_through(at(26, 8))[0]

    assert notice.step.template == "notice"
    assert notice.at.isoformat() == "2019-08-26T07:30:00+07:00"


def test_the_schedule_lists_the_ladder_in_order_then_the_weekly_repeats_of_the_last_step() -> None:
    keys = [s.key for s in seed_schedule().steps_through(at(16, 10))]

    assert keys == [
        ("thong-bao", 0),
        ("nhac-lan-1", 0),
        ("nhac-lan-2", 0),
        ("qua-han", 0),
        ("don-doc", 0),
        ("bao-cao-thuong-truc", 0),
        ("bao-cao-thuong-truc", 1),
        ("bao-cao-thuong-truc", 2),
        ("bao-cao-thuong-truc", 3),
    ]


def test_a_repeat_carries_the_last_step_with_its_template_and_copies() -> None:
    repeat = seed_schedule().next_after(at(25, 9))

    assert repeat is not None
    assert repeat.key == ("bao-cao-thuong-truc", 1)
    assert repeat.step == STANDARD_LADDER.steps[-1]
    assert repeat.step.cc == (CcTarget.STANDING,)
