"""The digest as plain text (`templates/emails/digest.txt.j2`) reads well on its own."""

from tests.digest_campaign import ORGANIZATION, at, campaign_digest
from tracker.digest.text import render_text
from tracker.digest.wording import digest_environment


def _text(as_of=None):
    digest = campaign_digest(as_of) if as_of else campaign_digest()
    return render_text(digest, ORGANIZATION, digest_environment())


def test_the_text_gives_the_moment_deadlines_and_counts():
    lines = _text().splitlines()
    assert lines[0] == "BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH"
    assert "Tính đến 08:00, Thứ Hai, 23/09/2019" in lines
    assert "   Thời hạn theo văn bản: trước ngày 15/09/2019" in lines
    assert (
        "   Hạn cuối tính theo ngày làm việc: Thứ Hai, 16/09/2019 (lùi từ Thứ Bảy, 14/09/2019 theo Điều 148 "
        "Bộ luật Dân sự) – đã quá hạn 7 ngày"
    ) in lines
    assert "   Đã nhận: 9/13 (69,2%), trong đó đúng hạn 7, nộp muộn 2" in lines
    assert "   Chưa nộp: 3/13 (23,1%), trong đó quá hạn 3" in lines


def test_the_text_names_the_outstanding_units_with_their_reminders_and_failures():
    text = _text()
    assert (
        "   1) Công đoàn ngành Công Thương: quá hạn 7 ngày\n"
        "      Đã nhắc: Thông báo quá hạn, 07:31 ngày 17/09/2019\n"
        "   2) Công đoàn ngành Y tế: quá hạn 7 ngày\n"
        "      Đã nhắc: Đôn đốc, 07:30 ngày 19/09/2019\n"
        "      Địa chỉ bị từ chối: chutich@yte.example.org\n"
        "   3) LĐLĐ huyện Đakrông: quá hạn 7 ngày\n"
        "      Đã nhắc: Thông báo quá hạn, 07:31 ngày 17/09/2019\n"
        "      LỖI GỬI THƯ: thư nhắc không đến được người nhận nào (lienhe@dakrong.example.org)\n"
    ) in text


def test_the_text_lists_arrivals_gaps_and_figures():
    text = _text()
    assert "   - 17/09/2019: LĐLĐ huyện Triệu Phong, văn bản số 25/BC-LĐLĐ (nộp muộn 1 ngày)\n" in text
    assert "   - LĐLĐ huyện Vĩnh Linh:\n      thiếu nội dung: Kiến nghị, đề xuất\n" in text
    assert "   - Số đoàn viên kết nạp mới: 609 người (8/9 đơn vị có số liệu)\n" in text


def test_the_text_reports_the_daemon_and_ends_with_the_proposals():
    text = _text()
    assert (
        "Từ 08:00 ngày 16/09/2019 đến nay, hệ thống nhắc nhở tự động đã gửi 6 thư nhắc "
        "(1 thư có địa chỉ bị từ chối), 1 thư không gửi được, 1 thư đang chờ gửi.\n"
        "Lần quét gần nhất: 07:55 ngày 23/09/2019; lần tiếp theo: 08:00 ngày 23/09/2019; "
        "hệ thống hoạt động bình thường.\n"
    ) in text
    assert "\nĐỀ XUẤT: Đề nghị Thường trực LĐLĐ tỉnh chỉ đạo 3 đơn vị quá hạn" in text


def test_the_text_has_no_runs_of_blank_lines():
    assert "\n\n\n" not in _text()
    assert "\n\n\n" not in _text(at(1, 9, 8, 0))
