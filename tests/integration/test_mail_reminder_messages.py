"""Every step of the seed ladder renders from the shipped templates into a correct Vietnamese email.

The seed plan's values (config/, seed/) are written out here with the model dataclasses; the other mail
tests import them from this module.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.unit.test_ladder_seed_plan import SEED_DEADLINE, STANDARD_LADDER, UNITS_REPORT, ZONE, at
from tracker.core.deadlines import Deadline
from tracker.core.model import (
    Contact,
    DigestSchedule,
    Figure,
    Organization,
    Plan,
    Section,
    SendingHours,
    Step,
    Unit,
)
from tracker.mail.render import Progress, build_reminder_message, message_id_for, template_environment

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates" / "emails"
MAIL_FROM = "tracker@ldld-quangtri.example.org"

ORGANIZATION = Organization(
    name="Liên đoàn Lao động tỉnh Quảng Trị",
    parent="Tổng Liên đoàn Lao động Việt Nam",
    place="Quảng Trị",
    timezone="Asia/Ho_Chi_Minh",
    owner=Contact("Ban Tổ chức", ("bantochuc@example.org",)),
    standing=Contact("Thường trực LĐLĐ tỉnh", ("thuongtruc@example.org",)),
    sending_hours=SendingHours(time(7, 30), time(17, 0)),
    digest=DigestSchedule(0, time(7, 30), ("bantochuc@example.org",), ("thuongtruc@example.org",)),
)
SECTIONS = (
    Section(
        "truoc-de-an",
        "Tình hình số lượng đoàn viên, CĐCS trong doanh nghiệp ngoài nhà nước trước khi Đề án ban hành",
    ),
    Section("chi-dao-trien-khai", "Công tác chỉ đạo, triển khai trong các cấp công đoàn"),
    Section(
        "trach-nhiem-cong-doan", "Trách nhiệm của tổ chức công đoàn trong công tác phát triển tổ chức đảng"
    ),
    Section("ket-qua-sau-de-an", "Kết quả phát triển đoàn viên, thành lập CĐCS sau khi thực hiện Đề án"),
    Section("danh-gia-tong-quat", "Đánh giá tổng quát những kết quả đạt được, hạn chế, nguyên nhân"),
    Section("phuong-huong", "Mục tiêu, phương hướng, nhiệm vụ tiếp tục thực hiện Đề án trong thời gian tới"),
    Section("kien-nghi", "Những kiến nghị, đề xuất đối với cấp ủy Đảng, chính quyền và công đoàn cấp trên"),
)
FIGURES = (
    Figure("dn_ngoai_nha_nuoc", "Số doanh nghiệp ngoài nhà nước trên địa bàn", "doanh nghiệp"),
    Figure("cdcs_moi", "Số CĐCS thành lập mới", "CĐCS"),
    Figure("doan_vien_moi", "Số đoàn viên kết nạp mới", "người"),
    Figure("dang_vien_moi", "Số đoàn viên ưu tú được kết nạp vào Đảng", "người"),
)
SEED_PLAN = Plan(
    code="so-ket-de-an-2019",
    title=(
        "Sơ kết 3 năm thực hiện Đề án phát triển tổ chức đảng, đảng viên và các tổ chức chính trị - xã hội"
        " trong doanh nghiệp ngoài nhà nước trên địa bàn tỉnh Quảng Trị"
    ),
    reference="Kế hoạch số 52/KH-LĐLĐ",
    ladder=STANDARD_LADDER,
    milestones=(UNITS_REPORT,),
    sections=SECTIONS,
    figures=FIGURES,
    issued=date(2019, 8, 12),
)
DONG_HA = Unit(
    code="ldld-dong-ha",
    name="Liên đoàn Lao động thành phố Đông Hà",
    kind="địa phương",
    emails=("ldld.dongha@example.org", "vanphong.dongha@example.org"),
    chair_name="Nguyễn Văn An",
    chair_email="chutich.dongha@example.org",
)
STEPS = {step.key: step for step in STANDARD_LADDER.steps}


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
    """The seed plan's email of one step for one unit, rendered from the shipped templates."""
    step = step or STEPS[step_key]
    return build_reminder_message(
        organization=organization,
        plan=plan,
        milestone=plan.milestones[0],
        deadline=deadline,
        unit=unit,
        step=step,
        repeat=repeat,
        to=unit.emails,
        cc=(unit.chair_email,) if step.cc else (),
        mail_from=MAIL_FROM,
        message_id=message_id_for(
            plan.code, plan.milestones[0].code, unit.code, step.key, repeat, 1, "ldld-quangtri.example.org"
        ),
        thread=thread,
        as_of=as_of,
        env=template_environment(TEMPLATES_DIR),
        progress=progress,
    )


def text_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def html_of(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    assert part is not None
    return str(part.get_content())


STEP_CASES = [
    ("thong-bao", 0, at(26, 8), "[Thông báo] V/v gửi báo cáo sơ kết 3 năm", "còn 21 ngày"),
    ("nhac-lan-1", 0, at(9, 9), "[Nhắc lần 1] Gửi báo cáo sơ kết 3 năm", "còn 7 ngày"),
    ("nhac-lan-2", 0, at(12, 9), "[Nhắc lần 2 – Khẩn] Báo cáo sơ kết 3 năm", "còn 4 ngày"),
    ("qua-han", 0, at(17, 9), "[Quá hạn] Chưa nhận được báo cáo sơ kết 3 năm", "đã quá hạn 1 ngày"),
    ("don-doc", 0, at(19, 9), "[Đôn đốc] V/v đôn đốc gửi báo cáo sơ kết 3 năm", "đã quá hạn 3 ngày"),
    ("bao-cao-thuong-truc", 0, at(25, 9), "[Đôn đốc] V/v đôn đốc gửi báo cáo", "đã quá hạn 9 ngày"),
    ("bao-cao-thuong-truc", 2, at(9, 10), "[Đôn đốc] (nhắc lại lần 2) V/v đôn đốc", "đã quá hạn 23 ngày"),
]


@pytest.mark.parametrize(("step_key", "repeat", "as_of", "subject_start", "time_left"), STEP_CASES)
def test_each_step_says_its_kind_the_deadline_with_its_weekday_and_the_days_left_or_late(
    step_key: str, repeat: int, as_of: datetime, subject_start: str, time_left: str
) -> None:
    message = reminder(step_key, as_of, repeat=repeat)
    text, html = text_of(message), html_of(message)

    assert str(message["Subject"]).startswith(subject_start)
    assert "Kính gửi: Liên đoàn Lao động thành phố Đông Hà" in text
    assert "Hạn cuối: hết ngày Thứ Hai, 16/09/2019 (" + time_left in text
    assert f"({time_left}, tính đến ngày {as_of:%d/%m/%Y})" in html
    assert "Thứ Hai, 16/09/2019" in html
    assert text.rstrip().endswith(
        "Thư được gửi tự động từ hệ thống theo dõi tiến độ báo cáo của Liên đoàn Lao động tỉnh Quảng Trị."
    )


@pytest.mark.parametrize(("step_key", "repeat", "as_of", "subject_start", "time_left"), STEP_CASES)
def test_each_step_has_a_plain_text_part_then_an_html_alternative(
    step_key: str, repeat: int, as_of: datetime, subject_start: str, time_left: str
) -> None:
    message = reminder(step_key, as_of, repeat=repeat)

    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert [part.get_content_charset() for part in message.iter_parts()] == ["utf-8", "utf-8"]


def test_the_notice_cites_the_plan_and_lists_every_section_and_figure_with_its_unit() -> None:
    text = text_of(reminder("thong-bao", at(26, 8)))

    assert (
        "Thực hiện Kế hoạch số 52/KH-LĐLĐ ngày 12/08/2019 của Liên đoàn Lao động tỉnh Quảng Trị về sơ kết"
        " 3 năm thực hiện Đề án phát triển tổ chức đảng" in text
    )
    assert (
        "Liên đoàn Lao động tỉnh Quảng Trị đề nghị Liên đoàn Lao động thành phố Đông Hà xây dựng báo cáo"
        in text
    )
    assert (
        "gửi về Liên đoàn Lao động tỉnh Quảng Trị (qua Ban Tổ chức) chậm nhất trong ngày Thứ Hai, 16/09/2019"
        in text
    )
    for number, section in enumerate(SECTIONS, start=1):
        assert f"\n{number}. {section.title}\n" in text
    assert "- Số doanh nghiệp ngoài nhà nước trên địa bàn (đơn vị tính: doanh nghiệp)\n" in text
    assert "- Số đoàn viên kết nạp mới (đơn vị tính: người)\n" in text
    assert (
        "Mọi vướng mắc xin liên hệ Ban Tổ chức, Liên đoàn Lao động tỉnh Quảng Trị: bantochuc@example.org."
        in text
    )
    assert "\nTrân trọng.\n" in text


def test_the_html_part_lists_the_same_sections_and_figures() -> None:
    html = html_of(reminder("thong-bao", at(26, 8)))

    for section in SECTIONS:
        assert f">{section.title}</li>" in html
    for figure in FIGURES:
        assert f">{figure.label}</td>" in html
        assert f">{figure.unit}</td>" in html
    assert '<a href="mailto:bantochuc@example.org"' in html


def test_a_reminder_recalls_the_plan_and_says_the_report_has_not_arrived() -> None:
    text = text_of(reminder("nhac-lan-1", at(9, 9)))

    assert (
        "\nTheo Kế hoạch số 52/KH-LĐLĐ ngày 12/08/2019 của Liên đoàn Lao động tỉnh Quảng Trị về sơ kết 3 năm"
        in text
    )
    assert (
        "thời hạn gửi báo cáo về Liên đoàn Lao động tỉnh Quảng Trị (qua Ban Tổ chức) là hết ngày Thứ Hai,"
        " 16/09/2019 (còn 7 ngày). Đến nay, Liên đoàn Lao động tỉnh Quảng Trị chưa nhận được báo cáo của"
        " Liên đoàn Lao động thành phố Đông Hà." in text
    )


def test_a_deadline_moved_past_the_weekend_also_gives_the_written_one() -> None:
    text = text_of(reminder("nhac-lan-1", at(9, 9)))

    assert (
        "Kế hoạch ghi thời hạn trước ngày 15/09/2019, tức hết ngày Thứ Bảy, 14/09/2019; vì ngày này trùng"
        " ngày nghỉ nên thời hạn được tính đến hết ngày làm việc tiếp theo" in text
    )


def test_a_deadline_as_written_says_nothing_about_a_shift() -> None:
    friday = Deadline(written=date(2019, 9, 13), effective=date(2019, 9, 13), zone=ZONE)

    text = text_of(reminder("nhac-lan-1", at(6, 9), deadline=friday))

    assert "Hạn cuối: hết ngày Thứ Sáu, 13/09/2019 (còn 7 ngày, tính đến ngày 06/09/2019)" in text
    assert "Kế hoạch ghi thời hạn" not in text


def test_the_last_day_itself_says_so() -> None:
    text = text_of(reminder("nhac-lan-2", at(16, 9)))

    assert "(hôm nay là ngày cuối cùng của thời hạn, tính đến ngày 16/09/2019)" in text


def test_the_overdue_notice_names_the_chair_it_copies() -> None:
    text = text_of(reminder("qua-han", at(17, 9)))

    assert (
        "Thư này đồng gửi đồng chí Nguyễn Văn An, Chủ tịch Liên đoàn Lao động thành phố Đông Hà để chỉ đạo"
        " thực hiện." in text
    )


def test_the_escalation_copying_ban_to_chuc_says_so() -> None:
    text = text_of(reminder("don-doc", at(19, 9)))

    assert "Thư này đồng gửi Ban Tổ chức để theo dõi" in text
    assert "Thường trực LĐLĐ tỉnh." not in text


def test_the_escalation_copying_the_standing_committee_says_the_delay_was_reported_to_it() -> None:
    message = reminder("bao-cao-thuong-truc", at(25, 9))

    sentence = (
        "Việc chậm gửi báo cáo của Liên đoàn Lao động thành phố Đông Hà"
        " đã được báo cáo Thường trực LĐLĐ tỉnh."
    )
    assert sentence in text_of(message)
    assert sentence in html_of(message)
    assert "Đề nghị đồng chí Chủ tịch Liên đoàn Lao động thành phố Đông Hà quan tâm chỉ đạo" in text_of(
        message
    )


def test_progress_when_given_says_how_many_units_have_reported() -> None:
    text = text_of(reminder("don-doc", at(19, 9), progress=Progress(received=12, expected=18)))

    assert (
        "đến nay Liên đoàn Lao động tỉnh Quảng Trị đã nhận được báo cáo của 12/18 đơn vị nhưng chưa nhận"
        " được báo cáo của Liên đoàn Lao động thành phố Đông Hà, đã quá hạn 3 ngày" in text
    )


def test_a_milestone_of_the_owner_reminds_ban_to_chuc_to_submit_to_the_standing_committee() -> None:
    owner = Unit(code="owner", name="Ban Tổ chức", kind="owner", emails=("bantochuc@example.org",))

    text = text_of(reminder("nhac-lan-1", at(9, 9), unit=owner))

    assert "Kính gửi: Ban Tổ chức" in text
    assert "thời hạn trình báo cáo lên Thường trực LĐLĐ tỉnh là hết ngày Thứ Hai, 16/09/2019" in text
    assert "Nơi nhận báo cáo" not in text


def test_a_plan_without_sections_or_figures_leaves_those_lists_out() -> None:
    bare = replace(SEED_PLAN, sections=(), figures=(), issued=None)

    text = text_of(reminder("thong-bao", at(26, 8), plan=bare))

    assert "NỘI DUNG BÁO CÁO CẦN CÓ" not in text
    assert "SỐ LIỆU CẦN BÁO CÁO" not in text
    assert "Thực hiện Kế hoạch số 52/KH-LĐLĐ của Liên đoàn Lao động tỉnh Quảng Trị về sơ kết" in text
