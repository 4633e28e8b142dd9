"""The default proposals line, written from the numbers (the clerk may rewrite it)."""

from dataclasses import replace
from datetime import timedelta

from tests.digest_campaign import CONFIG, SUBMISSIONS, UNITS, at, campaign_digest, reminder_log
from tracker.core.digest import build_digest
from tracker.core.health import Heartbeat
from tracker.core.office import Office
from tracker.core.reports import ExpectedReport
from tracker.digest.wording import proposals_text


def test_overdue_units_are_named_and_asked_for_their_reports_without_an_invented_date():
    proposals = proposals_text(campaign_digest(at(23, 9, 8, 0)))
    assert proposals.startswith(
        "Đề nghị Thường trực LĐLĐ tỉnh chỉ đạo 3 đơn vị quá hạn chưa gửi báo cáo "
        "(Công đoàn ngành Công Thương, Công đoàn ngành Y tế, LĐLĐ huyện Đakrông) khẩn trương hoàn thành, "
        "gửi về Liên đoàn Lao động tỉnh Quảng Trị (qua Ban Tổ chức)."
    )
    assert "chậm nhất" not in proposals  # no deadline the plan did not set


def test_incomplete_reports_and_refused_addresses_get_their_own_requests():
    proposals = proposals_text(campaign_digest(at(23, 9, 8, 0)))
    assert (
        "Đề nghị các đơn vị LĐLĐ thị xã Quảng Trị, LĐLĐ huyện Vĩnh Linh, LĐLĐ huyện Triệu Phong bổ sung "
        "nội dung, số liệu còn thiếu trong báo cáo."
    ) in proposals
    assert "Đề nghị LĐLĐ huyện Đakrông, Công đoàn ngành Y tế cập nhật địa chỉ thư điện tử" in proposals


def test_the_owner_is_reminded_of_its_own_report_not_urged_like_a_unit():
    proposals = proposals_text(campaign_digest(at(23, 9, 8, 0)))
    assert proposals.endswith(
        "Ban Tổ chức hoàn thành “LĐLĐ tỉnh báo cáo tổng hợp kết quả sơ kết” đúng hạn (hết ngày 31/10/2019)."
    )


def test_before_the_deadline_the_owner_keeps_following_up():
    proposals = proposals_text(campaign_digest(at(16, 9, 8, 0)))
    assert proposals.startswith(
        "Ban Tổ chức tiếp tục theo dõi, đôn đốc 5 đơn vị chưa gửi báo cáo (chưa đến hạn)."
    )


def test_a_stale_daemon_is_flagged():
    heartbeat = Heartbeat(at(20, 9, 17, 0), interval=timedelta(minutes=5))
    assert "kiểm tra ngay hệ thống nhắc nhở tự động" in proposals_text(campaign_digest(heartbeat=heartbeat))


def test_many_overdue_units_are_named_up_to_ten():
    units = tuple(replace(UNITS[0], code=f"u{i:02d}", name=f"Đơn vị {i:02d}") for i in range(15))
    reports = [ExpectedReport("so-ket-de-an-2019", "bao-cao-don-vi", unit) for unit in units]
    digest = build_digest(Office.of(CONFIG), reports, reminder_log(), at(23, 9, 8, 0))
    assert "(Đơn vị 00, Đơn vị 01, Đơn vị 02, Đơn vị 03, Đơn vị 04, Đơn vị 05, Đơn vị 06, Đơn vị 07, " in (
        proposals_text(digest)
    )
    assert "Đơn vị 09, và 5 đơn vị khác)" in proposals_text(digest)


def test_when_everything_is_in_the_line_says_so():
    reports = [
        ExpectedReport("so-ket-de-an-2019", "bao-cao-don-vi", unit, SUBMISSIONS["dong-ha"]) for unit in UNITS
    ]
    digest = build_digest(Office.of(CONFIG), reports, [], at(23, 9, 8, 0))
    assert proposals_text(digest) == (
        "Các đơn vị đã gửi đủ báo cáo; Ban Tổ chức tổng hợp số liệu, xây dựng báo cáo chung theo kế hoạch."
    )
