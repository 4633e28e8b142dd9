"""Building a message from plain values: safe headers, text and HTML alternatives, inline images."""

from __future__ import annotations

from datetime import datetime
from email import message_from_bytes, message_from_string, policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tracker.mail.message import InlineImage, compose_message, header_text, wire_bytes

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2019, 9, 16, 7, 30, tzinfo=ZONE)
SUBJECT = (
    "[Đôn đốc] (nhắc lại lần 2) V/v đôn đốc gửi báo cáo sơ kết 3 năm thực hiện Đề án phát triển tổ chức"
    " đảng, đảng viên và các tổ chức chính trị - xã hội trong doanh nghiệp ngoài nhà nước trên địa bàn tỉnh"
    " Quảng Trị – đã quá hạn 23 ngày"
)


def compose(**overrides: Any) -> EmailMessage:
    values: dict[str, Any] = {
        "subject": "Báo cáo tiến độ",
        "text": "Kính gửi: Ban Tổ chức\n",
        "html": "<p>Kính gửi: Ban Tổ chức</p>",
        "mail_from": "tracker@example.org",
        "to": ("bantochuc@example.org",),
        "date": MONDAY,
        "message_id": "<digest.2019-09-16@example.org>",
    }
    return compose_message(**{**values, **overrides})


def test_control_characters_in_a_subject_become_spaces_and_inject_nothing() -> None:
    message = compose(subject="Tên\r\nBcc: x@y.example\x00\x1b[31m đỏ")

    parsed = message_from_bytes(wire_bytes(message), policy=policy.default)

    assert parsed["Subject"] == "Tên Bcc: x@y.example [31m đỏ"
    assert parsed["Bcc"] is None


def test_header_text_removes_every_kind_of_line_break_and_control() -> None:
    assert header_text(" a\r\nb\nc\rd\x00e\x85f\u2028g\u2029h\x7fi\tj  ") == "a b c d e f g h i j"


@pytest.mark.parametrize("cut", range(0, 120, 3))
def test_a_long_vietnamese_subject_keeps_every_space_through_the_wire(cut: int) -> None:
    subject = SUBJECT[cut:].strip()
    message = compose(subject=subject)

    parsed_again = message_from_string(message.as_string(), policy=policy.default)
    for data in (wire_bytes(message), wire_bytes(parsed_again)):
        assert message_from_bytes(data, policy=policy.default)["Subject"] == subject
        assert max(len(line) for line in data.split(b"\r\n")) <= 78


@pytest.mark.parametrize("length", [10, 33, 45, 60, 90, 200])
def test_a_long_sender_name_arrives_whole(length: int) -> None:
    name = ("Liên đoàn Lao động tỉnh Quảng Trị " * 10)[:length].strip()

    data = wire_bytes(compose(from_name=name))
    raw = message_from_bytes(data, policy=policy.compat32)["From"]

    # Decoded as RFC 2047 says: white space between adjacent encoded words is not part of the text.
    assert str(make_header(decode_header(raw))) == f"{name} <tracker@example.org>"
    # And by Python's modern parser, which reads a fold between encoded words as a space: folds fall
    # only beside a plain word, never inside a word ("Lao động t ỉnh" was seen before).
    assert message_from_bytes(data, policy=policy.default)["From"].addresses[0].display_name == name
    assert max(len(line) for line in data.split(b"\r\n")) <= 78


def test_the_shipped_sender_name_decodes_the_same_everywhere() -> None:
    name = "Ban Tổ chức - Liên đoàn Lao động tỉnh Quảng Trị"
    data = wire_bytes(compose(from_name=name))
    modern = message_from_bytes(data, policy=policy.default)["From"].addresses[0].display_name
    legacy = str(make_header(decode_header(message_from_bytes(data, policy=policy.compat32)["From"])))
    assert (modern, legacy) == (name, f"{name} <tracker@example.org>")


def test_a_sender_with_its_own_name_keeps_it() -> None:
    message = compose(mail_from="Ban Tổ chức <bantochuc@example.org>", from_name="LĐLĐ tỉnh")

    assert message["From"] == "Ban Tổ chức <bantochuc@example.org>"


def test_an_address_with_a_line_break_is_refused_not_guessed() -> None:
    with pytest.raises(ValueError, match="người nhận \\(To\\)"):
        compose(to=("Tên\r\nBcc: x@y.example <a@example.org>",))


def test_a_date_without_a_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        compose(date=datetime(2019, 9, 16, 7, 30))


def test_a_thread_entry_that_is_not_a_message_id_is_refused() -> None:
    with pytest.raises(ValueError, match="Message-ID"):
        compose(thread=("not an id",))


def test_text_then_html_alternative_with_an_inline_png_next_to_the_html() -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    message = compose(
        html='<p>Tiến độ</p><img src="cid:progress@example.org" alt="Biểu đồ">',
        images=(InlineImage("progress@example.org", png),),
    )

    parsed = message_from_bytes(wire_bytes(message), policy=policy.default)
    text, related = parsed.iter_parts()
    html, image = related.iter_parts()

    assert parsed.get_content_type() == "multipart/alternative"
    assert (text.get_content_type(), related.get_content_type()) == ("text/plain", "multipart/related")
    assert (html.get_content_type(), image.get_content_type()) == ("text/html", "image/png")
    assert image["Content-ID"] == "<progress@example.org>"
    assert image.get_content() == png
    assert parsed["Content-Language"] == "vi"


def test_images_without_an_html_part_are_refused() -> None:
    with pytest.raises(ValueError, match="HTML"):
        compose(html=None, images=(InlineImage("x@example.org", b"\x89PNG"),))


def test_extra_headers_are_cleaned_like_the_others() -> None:
    message = compose(headers={"X-Tracker-Key": "digest\r\nBcc: x@y.example"})

    parsed = message_from_bytes(wire_bytes(message), policy=policy.default)

    assert parsed["X-Tracker-Key"] == "digest Bcc: x@y.example"
    assert parsed["Bcc"] is None
