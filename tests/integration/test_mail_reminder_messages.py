"""Every step of the seed ladder renders from the shipped templates into a correct Vietnamese email."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from tests.builders import FIGURES, SECTIONS, SEED_PLAN, ZONE, at, reminder
from tests.helpers import html_of, text_of
from tracker.core.deadlines import Deadline
from tracker.core.model import Unit
from tracker.mail.render import Progress

# What matters first in the subject; the plan's title is cut between words so that the whole subject
# (about 100 characters) shows in an inbox list.
STEP_CASES = [
    ("thong-bao", 0, at(26, 8), "[Thông báo] Báo cáo sơ kết 3 năm", "còn 21 ngày"),
    ("nhac-lan-1", 0, at(9, 9), "[Còn 7 ngày] Báo cáo sơ kết 3 năm", "còn 7 ngày"),
    ("nhac-lan-2", 0, at(12, 9), "[Khẩn – còn 4 ngày] Báo cáo sơ kết 3 năm", "còn 4 ngày"),
    ("qua-han", 0, at(17, 9), "[Quá hạn 1 ngày] Báo cáo sơ kết 3 năm", "đã quá hạn 1 ngày"),
    ("don-doc", 0, at(19, 9), "[Đôn đốc – quá hạn 3 ngày] Báo cáo sơ kết 3 năm", "đã quá hạn 3 ngày"),
    (
        "bao-cao-thuong-truc",
        0,
        at(25, 9),
        "[Báo cáo Thường trực – quá hạn 9 ngày] Báo cáo",
        "đã quá hạn 9 ngày",
    ),
    (
        "bao-cao-thuong-truc",
        2,
        at(9, 10),
        "[Báo cáo Thường trực – quá hạn 23 ngày] (nhắc lại lần 2) Báo cáo",
        "đã quá hạn 23 ngày",
    ),
]


@pytest.mark.parametrize(("step_key", "repeat", "as_of", "subject_start", "time_left"), STEP_CASES)
def test_each_step_says_its_kind_the_deadline_with_its_weekday_and_the_days_left_or_late(
    step_key: str, repeat: int, as_of: datetime, subject_start: str, time_left: str
) -> None:
    message = reminder(step_key, as_of, repeat=repeat)
    text, html = text_of(message), html_of(message)

    subject = str(message["Subject"])
    assert subject.startswith(subject_start) and subject.endswith("… – hạn 16/09/2019")
    assert len(subject) <= 112
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

    # The alternatives, then the deadline as a calendar entry (tests/e2e/test_reminders_carry_…).
    assert message.get_content_type() == "multipart/mixed"
    body, entry = message.iter_parts()
    assert entry.get_content_type() == "text/calendar"
    assert body.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in body.iter_parts()] == ["text/plain", "text/html"]
    assert [part.get_content_charset() for part in body.iter_parts()] == ["utf-8", "utf-8"]


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
        "Mọi vướng mắc xin liên hệ Ban Tổ chức, Liên đoàn Lao động tỉnh Quảng Trị: bantochuc@example.org;"
        " điện thoại 0233 3852 123." in text
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
    assert '<a href="tel:02333852123" style="color:#1d4ed8;">0233 3852 123</a>' in html


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


def test_the_urging_sent_by_ban_to_chuc_neither_says_it_copies_itself_nor_asks_an_uncopied_chair() -> None:
    text = text_of(reminder("don-doc", at(19, 9)))  # copied to Ban Tổ chức, not to the unit's chair

    assert "đồng gửi Ban Tổ chức" not in text
    assert "Đề nghị Liên đoàn Lao động thành phố Đông Hà quan tâm chỉ đạo" in text
    assert "đồng chí Chủ tịch" not in text
    assert "Thường trực LĐLĐ tỉnh." not in text


def test_the_report_to_the_standing_committee_has_its_own_banner_and_says_it_is_copied() -> None:
    message = reminder("bao-cao-thuong-truc", at(25, 9))

    sentence = (
        "Ban Tổ chức đã báo cáo Thường trực LĐLĐ tỉnh về việc chậm gửi báo cáo của Liên đoàn Lao động"
        " thành phố Đông Hà; thư này đồng gửi Thường trực LĐLĐ tỉnh."
    )
    assert sentence in text_of(message)
    assert "BÁO CÁO THƯỜNG TRỰC" in html_of(message) and "ĐÔN ĐỐC" not in html_of(message)
    assert "đồng chí Chủ tịch" not in text_of(message)  # the chair is not copied on this step


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
