"""The seed world — config/ as shipped: the 2019 review plan, its ladder, the federation and its units —
written out with the model dataclasses, and small variations of it, so that tests can stay pure.

tests/integration/test_builders_are_the_shipped_seed.py checks that these are what `load_config` reads
from config/, so a change to the shipped config shows here at once instead of drifting apart.
"""

from __future__ import annotations

from datetime import date, datetime, time
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

from tracker.core.calendar import SendingWindow, WorkCalendar
from tracker.core.deadlines import Deadline, deadline_of
from tracker.core.ladder import LadderSchedule, ladder_schedule
from tracker.core.model import (
    Audience,
    CcTarget,
    Config,
    Contact,
    DeadlineShift,
    DigestSchedule,
    DueRule,
    Figure,
    Ladder,
    Milestone,
    Offset,
    Organization,
    Plan,
    Section,
    SendingHours,
    Signature,
    Step,
    Unit,
)
from tracker.core.reports import ExpectedReport, Submission
from tracker.mail.render import Progress, build_reminder_message, message_id_for, template_environment

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHIPPED_CONFIG = PROJECT_DIR / "config"
TEMPLATES_DIR = PROJECT_DIR / "templates" / "emails"

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
CALENDAR = WorkCalendar()
WINDOW = SendingWindow(CALENDAR, SendingHours(time(7, 30), time(17, 0)), ZONE)


def at(day: int, month: int, hour: int = 7, minute: int = 30, year: int = 2019) -> datetime:
    """A moment in the plan's zone (07:30, when the sending window opens, unless told)."""
    return datetime(year, month, day, hour, minute, tzinfo=ZONE)


# -- config/organization.toml and config/ladders.toml ----------------------------------------------

ORGANIZATION = Organization(
    name="Liên đoàn Lao động tỉnh Quảng Trị",
    parent="Tổng Liên đoàn Lao động Việt Nam",
    place="Quảng Trị",
    timezone="Asia/Ho_Chi_Minh",
    owner=Contact("Ban Tổ chức", ("bantochuc@example.org",), "0233 3852 123"),
    standing=Contact("Thường trực LĐLĐ tỉnh", ("thuongtruc@example.org",)),
    sending_hours=SendingHours(time(7, 30), time(17, 0)),
    digest=DigestSchedule(0, time(7, 30), ("bantochuc@example.org",), ("thuongtruc@example.org",)),
    signature=Signature(("TM. BAN TỔ CHỨC", "TRƯỞNG BAN")),
)

STANDARD_LADDER = Ladder(
    name="standard",
    steps=(
        Step("thong-bao", Offset.parse("-21d"), "notice"),
        Step("nhac-lan-1", Offset.parse("-7d"), "reminder"),
        Step("nhac-lan-2", Offset.parse("-2wd"), "urgent"),
        Step("qua-han", Offset.parse("+1wd"), "overdue", (CcTarget.UNIT_CHAIR,)),
        Step("don-doc", Offset.parse("+3wd"), "escalation", (CcTarget.OWNER,)),
        Step("bao-cao-thuong-truc", Offset.parse("+7wd"), "standing", (CcTarget.STANDING,)),
    ),
    repeat_every=Offset.parse("7d"),
)
STEPS = {step.key: step for step in STANDARD_LADDER.steps}

# -- config/plans/so-ket-de-an-2019.toml -----------------------------------------------------------

SECTIONS = (
    Section(
        "truoc-de-an",
        "Tình hình số lượng đoàn viên, CĐCS trong doanh nghiệp ngoài nhà nước trước khi Đề án ban hành",
    ),
    Section(
        "chi-dao-trien-khai",
        "Công tác chỉ đạo, triển khai trong các cấp công đoàn (các văn bản chỉ đạo, công tác tổ chức quán"
        " triệt Đề án trong các cấp công đoàn)",
    ),
    Section(
        "trach-nhiem-cong-doan",
        "Trách nhiệm của tổ chức công đoàn trong công tác phát triển tổ chức đảng, đảng viên và các tổ chức"
        " chính trị - xã hội trong doanh nghiệp ngoài nhà nước: công tác tham mưu cho cấp ủy đảng và phối"
        " hợp với chính quyền; tuyên truyền, vận động người lao động, người sử dụng lao động; những giải"
        " pháp; những khó khăn, vướng mắc",
    ),
    Section(
        "ket-qua-sau-de-an",
        "Kết quả phát triển đoàn viên, thành lập CĐCS và giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp"
        " trong doanh nghiệp ngoài nhà nước sau khi thực hiện Đề án (nêu số liệu cụ thể)",
    ),
    Section(
        "danh-gia-tong-quat",
        "Đánh giá tổng quát những kết quả đạt được, hạn chế, nguyên nhân và bài học kinh nghiệm trong việc"
        " thực hiện Đề án",
    ),
    Section("phuong-huong", "Mục tiêu, phương hướng, nhiệm vụ tiếp tục thực hiện Đề án trong thời gian tới"),
    Section(
        "kien-nghi", "Những kiến nghị, đề xuất đối với cấp ủy Đảng, chính quyền và đối với công đoàn cấp trên"
    ),
)
FIGURES = (
    Figure("dn_ngoai_nha_nuoc", "Số doanh nghiệp ngoài nhà nước trên địa bàn", "doanh nghiệp"),
    Figure("cdcs_truoc", "Số CĐCS trong doanh nghiệp ngoài nhà nước trước khi thực hiện Đề án", "CĐCS"),
    Figure("cdcs_sau", "Số CĐCS trong doanh nghiệp ngoài nhà nước sau 3 năm thực hiện Đề án", "CĐCS"),
    Figure("cdcs_moi", "Số CĐCS thành lập mới", "CĐCS"),
    Figure(
        "doan_vien_truoc", "Số đoàn viên trong doanh nghiệp ngoài nhà nước trước khi thực hiện Đề án", "người"
    ),
    Figure(
        "doan_vien_sau", "Số đoàn viên trong doanh nghiệp ngoài nhà nước sau 3 năm thực hiện Đề án", "người"
    ),
    Figure("doan_vien_moi", "Số đoàn viên kết nạp mới", "người"),
    Figure("doan_vien_uu_tu", "Số đoàn viên ưu tú giới thiệu cho Đảng xem xét kết nạp", "người"),
    Figure("dang_vien_moi", "Số đoàn viên ưu tú được kết nạp vào Đảng", "người"),
    Figure("to_chuc_dang_moi", "Số tổ chức đảng được thành lập trong doanh nghiệp", "tổ chức"),
)
UNITS_REPORT = Milestone(
    code="bao-cao-don-vi",
    title="Công đoàn cấp trên trực tiếp cơ sở gửi báo cáo sơ kết",
    due=date(2019, 9, 15),
    due_rule=DueRule.BEFORE,
    audience=Audience.units(),
)
SUMMARY_REPORT = Milestone(
    code="bao-cao-tong-hop",
    title="LĐLĐ tỉnh hoàn thành báo cáo sơ kết",
    due=date(2019, 10, 1),
    due_rule=DueRule.END_OF_MONTH,
    audience=Audience.owner(),
)
SEED_PLAN = Plan(
    code="so-ket-de-an-2019",
    title=(
        "Sơ kết 3 năm thực hiện Đề án phát triển tổ chức đảng, đảng viên và các tổ chức chính trị - xã hội"
        " trong doanh nghiệp ngoài nhà nước trên địa bàn tỉnh Quảng Trị"
    ),
    reference="Kế hoạch số 52/KH-LĐLĐ",
    ladder=STANDARD_LADDER,
    milestones=(UNITS_REPORT, SUMMARY_REPORT),
    deadline_shift=DeadlineShift.NEXT_WORKING_DAY,
    sections=SECTIONS,
    figures=FIGURES,
    issued=date(2019, 8, 12),
    closes=date(2019, 12, 31),
    source="plans/so-ket-de-an-2019.toml",
)
# The units' report is due "trước 15/9/2019": written last day Saturday 14/9, effective Monday 16/9.
SEED_DEADLINE = deadline_of(UNITS_REPORT, SEED_PLAN.deadline_shift, CALENDAR, ZONE)

# -- config/units.csv ------------------------------------------------------------------------------

SEED_UNITS = (
    Unit(
        "ldld-dong-ha",
        "Liên đoàn Lao động thành phố Đông Hà",
        "địa phương",
        ("ldld.dongha@example.org", "vanphong.dongha@example.org"),
        "Nguyễn Văn An",
        "chutich.dongha@example.org",
    ),
    Unit(
        "ldld-tx-quang-tri",
        "Liên đoàn Lao động thị xã Quảng Trị",
        "địa phương",
        ("ldld.txquangtri@example.org",),
        "Trần Thị Bình",
        "chutich.txquangtri@example.org",
    ),
    Unit(
        "ldld-vinh-linh",
        "Liên đoàn Lao động huyện Vĩnh Linh",
        "địa phương",
        ("ldld.vinhlinh@example.org",),
        "Lê Văn Cường",
        "chutich.vinhlinh@example.org",
    ),
    Unit(
        "ldld-gio-linh",
        "Liên đoàn Lao động huyện Gio Linh",
        "địa phương",
        ("ldld.giolinh@example.org",),
        "Phạm Thị Dung",
        "chutich.giolinh@example.org",
    ),
    Unit(
        "ldld-cam-lo",
        "Liên đoàn Lao động huyện Cam Lộ",
        "địa phương",
        ("ldld.camlo@example.org",),
        "Hoàng Văn Em",
        "chutich.camlo@example.org",
    ),
    Unit(
        "ldld-trieu-phong",
        "Liên đoàn Lao động huyện Triệu Phong",
        "địa phương",
        ("ldld.trieuphong@example.org",),
        "Võ Thị Giang",
        "chutich.trieuphong@example.org",
    ),
    Unit(
        "ldld-hai-lang",
        "Liên đoàn Lao động huyện Hải Lăng",
        "địa phương",
        ("ldld.hailang@example.org",),
        "Đặng Văn Hải",
        "chutich.hailang@example.org",
    ),
    Unit(
        "ldld-huong-hoa",
        "Liên đoàn Lao động huyện Hướng Hóa",
        "địa phương",
        ("ldld.huonghoa@example.org",),
        "Bùi Thị Hoa",
        "chutich.huonghoa@example.org",
    ),
    Unit(
        "ldld-dakrong",
        "Liên đoàn Lao động huyện Đakrông",
        "địa phương",
        ("ldld.dakrong@example.org",),
        "Hồ Văn Khánh",
        "chutich.dakrong@example.org",
    ),
    Unit(
        "cd-giao-duc",
        "Công đoàn Giáo dục tỉnh Quảng Trị",
        "ngành",
        ("congdoan.giaoduc@example.org",),
        "Ngô Thị Lan",
        "chutich.giaoduc@example.org",
    ),
    Unit(
        "cd-y-te",
        "Công đoàn ngành Y tế tỉnh Quảng Trị",
        "ngành",
        ("congdoan.yte@example.org",),
        "Dương Văn Minh",
        "chutich.yte@example.org",
    ),
    Unit(
        "cd-cong-thuong",
        "Công đoàn ngành Công Thương tỉnh Quảng Trị",
        "ngành",
        ("congdoan.congthuong@example.org",),
        "Lý Thị Nga",
        "chutich.congthuong@example.org",
    ),
    Unit(
        "cd-vien-chuc",
        "Công đoàn Viên chức tỉnh Quảng Trị",
        "ngành",
        ("congdoan.vienchuc@example.org",),
        "Trương Văn Phúc",
        "chutich.vienchuc@example.org",
    ),
)
DONG_HA = SEED_UNITS[0]

SEED_CONFIG = Config(
    organization=ORGANIZATION,
    units=SEED_UNITS,
    plans=(SEED_PLAN,),
    ladders={STANDARD_LADDER.name: STANDARD_LADDER},
)

# -- built from the seed ---------------------------------------------------------------------------


def seed_schedule(closes: date | None = None, ladder: Ladder = STANDARD_LADDER) -> LadderSchedule:
    """The ladder's steps for the units' report (with no closing day unless told)."""
    return ladder_schedule(ladder, SEED_DEADLINE, CALENDAR, WINDOW, closes=closes)


def report(
    received_on: date | None = None,
    exempted_at: datetime | None = None,
    unit: Unit = DONG_HA,
    extended_until: date | None = None,
) -> ExpectedReport:
    """Đông Hà's units' report, as recorded (granted more time until `extended_until`, when given)."""
    submission = Submission(received_on=received_on) if received_on else None
    return ExpectedReport(
        SEED_PLAN.code,
        UNITS_REPORT.code,
        unit,
        submission,
        exempted_at,
        extended_until,
        1 if extended_until else 0,
    )


MAIL_FROM = "tracker@ldld-quangtri.example.org"

# Each step of the ladder on the day it goes out for the units' report (the last one and a repeat).
STEP_DAYS = (
    ("thong-bao", 0, at(26, 8)),
    ("nhac-lan-1", 0, at(9, 9)),
    ("nhac-lan-2", 0, at(12, 9)),
    ("qua-han", 0, at(17, 9)),
    ("don-doc", 0, at(19, 9)),
    ("bao-cao-thuong-truc", 0, at(25, 9)),
    ("bao-cao-thuong-truc", 2, at(9, 10)),
)


def reminder(
    step_key: str,
    as_of: datetime,
    *,
    repeat: int = 0,
    unit: Unit = DONG_HA,
    plan: Plan = SEED_PLAN,
    organization: Organization = ORGANIZATION,
    deadline: Deadline = SEED_DEADLINE,
    step: Step | None = None,
    thread: tuple[str, ...] = (),
    progress: Progress | None = None,
) -> EmailMessage:
    """The email of one step of the plan's first milestone for one unit, from the shipped templates."""
    step = step or STEPS[step_key]
    milestone = plan.milestones[0]
    return build_reminder_message(
        organization=organization,
        plan=plan,
        milestone=milestone,
        deadline=deadline,
        unit=unit,
        step=step,
        repeat=repeat,
        to=unit.emails,
        cc=(unit.chair_email,) if step.cc else (),
        mail_from=MAIL_FROM,
        message_id=message_id_for(
            plan.code, milestone.code, unit.code, step.key, repeat, 1, "ldld-quangtri.example.org"
        ),
        thread=thread,
        as_of=as_of,
        env=template_environment(TEMPLATES_DIR),
        progress=progress,
    )
