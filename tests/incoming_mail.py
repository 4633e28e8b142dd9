"""Mail as units, their servers and their vacation programs send it back to Ban Tổ chức: replies to a
reminder the sweep sent (with a PDF), out-of-office answers, and bounces (RFC 3464)."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from tests.smtp_server import ReceivedMail

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SENT = datetime.fromisoformat("2019-09-18T09:15:00+07:00")


def reply_to(
    reminder: ReceivedMail,
    *,
    subject_prefix: str = "Re: ",
    body: str = "Kính gửi Ban Tổ chức, đơn vị gửi kèm Báo cáo số 85/BC-LĐLĐ.",
    attachments: tuple[tuple[str, bytes], ...] = (("bao-cao-so-ket.pdf", PDF),),
    headers: dict[str, str] | None = None,
    sent: datetime = SENT,
) -> bytes:
    """The unit's reply to `reminder`, threaded by In-Reply-To and References, from its first recipient."""
    original = reminder.message
    reply = EmailMessage()
    reply["From"] = original["To"].addresses[0].addr_spec
    reply["To"] = str(original["From"])
    reply["Subject"] = subject_prefix + str(original["Subject"])
    reply["Date"] = format_datetime(sent)
    reply["Message-ID"] = make_msgid(domain="donvi.example.org")
    reply["In-Reply-To"] = str(original["Message-ID"])
    reply["References"] = str(original["Message-ID"])
    for name, value in (headers or {}).items():
        reply[name] = value
    reply.set_content(body)
    for name, data in attachments:
        reply.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return reply.as_bytes()


def out_of_office(reminder: ReceivedMail) -> bytes:
    """An RFC 3834 vacation answer to `reminder`."""
    return reply_to(
        reminder,
        subject_prefix="Trả lời tự động: ",
        body="Tôi vắng mặt đến hết ngày 20/9/2019.",
        attachments=(),
        headers={"Auto-Submitted": "auto-replied"},
    )


def bounce_of(reminder: ReceivedMail, recipient: str) -> bytes:
    """The receiving server's delivery status notification: `recipient` does not exist."""
    original = reminder.message
    status = (
        "Reporting-MTA: dns; mx.example.org\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\n"
        "Action: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n"
    )
    headers = f"Message-ID: {original['Message-ID']}\r\n".encode()
    raw = (
        b"From: MAILER-DAEMON@mx.example.org\r\n"
        + f"To: {original['From']}\r\n".encode()
        + b"Subject: Undelivered Mail Returned to Sender\r\n"
        + f"Date: {format_datetime(SENT)}\r\nMessage-ID: {make_msgid(domain='mx.example.org')}\r\n".encode()
        + b"Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        + b'Content-Type: multipart/report; report-type=delivery-status; boundary="DSN"\r\n\r\n'
        + b"--DSN\r\nContent-Type: text/plain\r\n\r\n"
        + f"<{recipient}>: 550 5.1.1 User unknown\r\n".encode()
        + b"--DSN\r\nContent-Type: message/delivery-status\r\n\r\n"
        + status.encode()
        + b"\r\n--DSN\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        + headers
        + b"\r\n--DSN--\r\n"
    )
    return raw
