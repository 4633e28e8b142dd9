"""How numbers, dates and states are written in Vietnamese in every rendering."""

from datetime import date

from tests.digest_campaign import SUMMARY_REPORT, UNITS_REPORT, at, campaign_digest
from tracker.core.labels import STATE_LABELS, step_label
from tracker.core.model import ReportState
from tracker.digest.wording import (
    deadline_sentence,
    document_date_vi,
    inline,
    lower_first,
    number_vi,
    percent_vi,
    result_sentence,
    time_left,
    written_deadline,
)


def test_numbers_use_a_dot_for_thousands_and_a_comma_for_decimals():
    assert [number_vi(v) for v in (0, 12.0, 1234, 1234567.0, 12.5, 0.25, None)] == [
        "0",
        "12",
        "1.234",
        "1.234.567",
        "12,5",
        "0,25",
        "—",
    ]


def test_percentages_have_one_decimal_at_most():
    assert [percent_vi(v) for v in (69.2307, 100.0, 0.0, None)] == ["69,2%", "100%", "0%", "—"]


def test_the_document_date_pads_days_below_ten_and_months_one_and_two_only():
    assert document_date_vi("Quảng Trị", date(2019, 9, 16)) == "Quảng Trị, ngày 16 tháng 9 năm 2019"
    assert document_date_vi("Quảng Trị", date(2019, 9, 5)) == "Quảng Trị, ngày 05 tháng 9 năm 2019"
    assert document_date_vi("Quảng Trị", date(2020, 2, 3)) == "Quảng Trị, ngày 03 tháng 02 năm 2020"
    assert document_date_vi("Quảng Trị", date(2019, 12, 31)) == "Quảng Trị, ngày 31 tháng 12 năm 2019"


def test_deadlines_are_written_in_the_plan_own_words():
    assert written_deadline(UNITS_REPORT) == "trước ngày 15/09/2019"
    assert written_deadline(SUMMARY_REPORT) == "cuối tháng 10/2019"


def test_time_left_counts_down_then_up():
    def units(day, month):
        return campaign_digest(at(day, month, 8, 0)).plans[0].milestones[0]

    assert [time_left(units(13, 9)), time_left(units(16, 9)), time_left(units(17, 9))] == [
        "còn 3 ngày",
        "hôm nay là ngày cuối",
        "đã quá hạn 1 ngày",
    ]


def test_a_milestone_one_unit_owes_says_that_unit_state():
    summary = campaign_digest().plans[0].milestones[1]
    assert result_sentence(summary) == "Kết quả: Ban Tổ chức chưa gửi báo cáo (chưa đến hạn)."


def test_state_labels_are_the_ones_clerks_know():
    assert STATE_LABELS == {
        ReportState.PENDING: "Chưa đến hạn",
        ReportState.OVERDUE: "Quá hạn",
        ReportState.RECEIVED: "Đã nộp đúng hạn",
        ReportState.RECEIVED_LATE: "Nộp muộn",
        ReportState.EXEMPT: "Miễn nộp",
    }


def test_steps_are_named_by_key_then_template_then_key_itself():
    assert step_label("nhac-lan-2", "urgent") == "Nhắc lần 2"
    assert step_label("buoc-rieng", "urgent") == "Nhắc khẩn"
    assert step_label("buoc-rieng", "khac") == "buoc-rieng"
    assert step_label("bao-cao-thuong-truc", "escalation", 2) == "Báo cáo Thường trực (nhắc lại lần 2)"


def test_names_are_kept_on_one_line():
    assert inline("Công đoàn\r\nBcc: x@example.org\x00") == "Công đoàn Bcc: x@example.org"
    assert lower_first("Sơ kết 3 năm") == "sơ kết 3 năm"
    assert lower_first("LĐLĐ tỉnh") == "LĐLĐ tỉnh"


def test_the_deadline_sentence_reads_naturally_on_the_last_day_and_after():
    def sentence(day, month):
        return deadline_sentence(campaign_digest(at(day, month, 8, 0)).plans[0].milestones[0])

    # Weekdays inside a sentence are written in lower case: "thứ Hai".
    shifted = "hạn cuối thứ Hai, 16/09/2019 (lùi từ thứ Bảy, 14/09/2019 theo Điều 148 Bộ luật Dân sự)"
    assert sentence(16, 9) == f"Thời hạn: trước ngày 15/09/2019; {shifted}; hôm nay là ngày cuối."
    assert sentence(18, 9) == f"Thời hạn: trước ngày 15/09/2019; {shifted}; đến nay đã quá hạn 2 ngày."
