"""Whatever a sender's software wrote, a message is read as far as it can be and what could not be
read is said for the clerk: a header in windows-1258 or an unknown charset, malformed MIME, no
Message-ID, no Date; a bounce's report gives its failed recipients and the reminder it returns."""

from __future__ import annotations

import base64
import unicodedata

from tests.incoming_mail import PDF
from tracker.core.intake import DeliveryFailure
from tracker.mail.inbound import read_mail


def _cp1258(text: str) -> bytes:
    """`text` as Windows writes Vietnamese in windows-1258: a letter it lacks is its base letter then
    the combining tone mark."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            out += unicodedata.normalize("NFC", parts[:-1]).encode("cp1258") + parts[-1].encode("cp1258")
    return out


def _word(text: str) -> bytes:
    return b"=?windows-1258?B?" + base64.b64encode(_cp1258(text)) + b"?="


def test_headers_in_windows_1258_are_read_in_vietnamese() -> None:
    raw = (
        b"From: " + _word("Trần Văn Quyết") + b" <tran.quyet@donvi.vn>\r\n"
        b"Subject: " + _word("Báo cáo sơ kết số 85/BC-LĐLĐ") + b"\r\n"
        b"Message-ID: <cp1258@donvi.vn>\r\n\r\nKinh gui.\r\n"
    )

    mail = read_mail(raw)

    assert mail.facts.subject == "Báo cáo sơ kết số 85/BC-LĐLĐ"
    assert mail.facts.sender == "tran.quyet@donvi.vn"
    assert mail.problems == ()


def test_an_unknown_charset_is_kept_as_far_as_readable_and_said() -> None:
    raw = (
        b"From: a@donvi.vn\r\nSubject: =?x-bang-ma-la?Q?B=E1o_c=E1o?=\r\n"
        b"Message-ID: <u@donvi.vn>\r\n\r\nx\r\n"
    )

    mail = read_mail(raw)

    assert mail.facts.subject.startswith("B") and "o c" in mail.facts.subject
    assert any("Subject" in problem for problem in mail.problems)


def test_malformed_mime_is_read_as_far_as_it_goes() -> None:
    raw = (
        b"From: a@donvi.vn\r\nMessage-ID: <m@donvi.vn>\r\nSubject: Bao cao\r\n"
        b'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        b"--b1\r\nContent-Type: text/plain\r\n\r\nSo: 12/BC-CDN\r\n"
        b'--b1\r\nContent-Type: application/pdf; name="bc.pdf"\r\n'
        b'Content-Disposition: attachment; filename="bc.pdf"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(PDF) + b"\r\n"
    )  # the closing boundary never comes

    mail = read_mail(raw)

    assert [(a.name, a.data) for a in mail.attachments] == [("bc.pdf", PDF)]
    assert "12/BC-CDN" in mail.text
    assert any("MIME" in problem for problem in mail.problems)


def test_a_message_without_message_id_or_date_is_known_by_its_content() -> None:
    raw = b"From: a@donvi.vn\r\nSubject: Bao cao\r\n\r\nNoi dung.\r\n"

    first, again, other = read_mail(raw), read_mail(raw), read_mail(raw + b"Them.\r\n")

    assert first.key == again.key != other.key and first.key.startswith("sha256:")
    assert first.sent_at is None
    assert any("Message-ID" in problem for problem in first.problems)


def test_a_bounce_names_its_failed_recipient_and_the_reminder_it_returns() -> None:
    raw = (
        b"From: MAILER-DAEMON@mx.donvi.vn\r\nMessage-ID: <dsn@mx.donvi.vn>\r\nSubject: Undelivered\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="R"\r\n\r\n'
        b"--R\r\nContent-Type: text/plain\r\n\r\nfailed\r\n"
        b"--R\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.donvi.vn\r\n\r\n"
        b"Final-Recipient: rfc822; sai@donvi.vn\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
        b"Final-Recipient: rfc822; cham@donvi.vn\r\nAction: delayed\r\nStatus: 4.4.1\r\n\r\n"
        b"--R\r\nContent-Type: message/rfc822\r\n\r\n"
        b"Message-ID: <nhac-1@example.org>\r\nSubject: x\r\n\r\nbody\r\n"
        b"--R--\r\n"
    )

    mail = read_mail(raw)

    assert mail.facts.delivery_report
    assert mail.facts.failures == (DeliveryFailure("sai@donvi.vn", "5.1.1"),)
    assert mail.facts.returned_message_id == "<nhac-1@example.org>"
