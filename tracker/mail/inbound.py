"""Reading one message as it came from the mailbox: its headers in words, its attachments, its text,
and a bounce's delivery report. Whatever the sender's software did (malformed MIME, a header in
windows-1258 or an unknown charset), a message is read as far as it can be, and what could not be
read is said in `problems` for the clerk; nothing raises.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from tracker.core.intake import DeliveryFailure, IncomingMail
from tracker.core.uploads import Upload

TEXT_LIMIT = 20_000  # characters of the body looked at for a document number


@dataclass(frozen=True)
class ReadMail:
    facts: IncomingMail
    key: str  # what makes it one message: its Message-ID, else a digest of its bytes
    sent_at: datetime | None  # its Date header, when there is a readable one
    attachments: tuple[Upload, ...]
    text: str
    problems: tuple[str, ...]


def _header(message: Message, name: str, problems: list[str]) -> str:
    """A header as text; one the parser cannot decode is kept with its undecodable bytes replaced."""
    try:
        value = message.get(name)
    except (LookupError, ValueError, UnicodeError):
        value = None
        problems.append(f"Không đọc được tiêu đề {name} của thư (bảng mã lạ); đã giữ phần đọc được.")
        raw = next((v for k, v in message.raw_items() if k.lower() == name.lower()), "")
        return unicodedata.normalize("NFC", str(raw))
    if value is None:
        return ""
    text = str(value)
    if getattr(value, "defects", None) or "\ufffd" in text:
        problems.append(f"Tiêu đề {name} của thư viết sai quy cách; đã giữ phần đọc được.")
    # windows-1258 writes Vietnamese with combining tone marks: one form for comparing and showing.
    return unicodedata.normalize("NFC", text)


def _ids(value: str) -> tuple[str, ...]:
    return tuple(f"<{part.strip('<> ')}>" for part in value.replace(">", "> ").split() if "@" in part)


def _address(value: str) -> str:
    pairs = getaddresses([value])
    return pairs[0][1].strip().lower() if pairs and "@" in pairs[0][1] else ""


def _recipients(message: Message) -> tuple[str, ...]:
    """The addresses the message was delivered to: Delivered-To and X-Original-To (the mailbox's own
    server writes them, with the plus address as it came) then To and Cc; lower case, each once."""
    found: list[str] = []
    for name in ("Delivered-To", "X-Original-To", "To", "Cc"):
        try:
            values = [str(value) for value in message.get_all(name) or []]
        except (LookupError, ValueError, UnicodeError):  # undecodable: the raw text holds the address
            values = [str(value) for key, value in message.raw_items() if key.lower() == name.lower()]
        found += [address.strip().lower() for _, address in getaddresses(values) if "@" in address]
    return tuple(dict.fromkeys(found))


def _payload(part: Message) -> bytes:
    """A part's content, its transfer encoding undone (b"" when there is none to give)."""
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _delivery_report(message: Message) -> tuple[tuple[DeliveryFailure, ...], str]:
    """A bounce's failed recipients (RFC 3464 per-recipient fields with Action: failed) and the
    Message-ID of the email it returns (from the returned message or its headers)."""
    failures: list[DeliveryFailure] = []
    returned = ""
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type == "message/delivery-status":
            # The parser gives the status groups (per message, then per recipient) as sub-messages.
            for group in part.get_payload() if part.is_multipart() else []:
                if not isinstance(group, Message) or str(group.get("Action", "")).strip().lower() != "failed":
                    continue
                recipient = str(group.get("Final-Recipient") or group.get("Original-Recipient") or "")
                address = recipient.split(";", 1)[-1].strip().strip("<>").lower()
                status = " ".join(
                    str(group.get(field, "")).strip() for field in ("Status", "Diagnostic-Code")
                ).strip()
                if address:
                    failures.append(DeliveryFailure(address, status))
        elif content_type in ("message/rfc822", "text/rfc822-headers") and not returned:
            inner = part.get_payload(0) if part.is_multipart() else None
            if not isinstance(inner, Message):
                inner = BytesParser(policy=policy.default).parsebytes(_payload(part), headersonly=True)
            returned = next(iter(_ids(str(inner.get("Message-ID", "")))), "")
    return tuple(failures), returned


def _parts(message: Message, problems: list[str]) -> tuple[list[Upload], str]:
    attachments: list[Upload] = []
    text = ""
    for part in message.walk():
        if part.is_multipart() or part.get_content_maintype() == "message":
            continue
        filename = part.get_filename()
        if filename or part.get_content_disposition() == "attachment":
            attachments.append(
                Upload(unicodedata.normalize("NFC", filename or "tep-dinh-kem"), _payload(part))
            )
        elif part.get_content_type() == "text/plain" and not text and isinstance(part, EmailMessage):
            try:
                text = part.get_content()[:TEXT_LIMIT]
            except (LookupError, UnicodeError):
                text = _payload(part).decode("utf-8", errors="replace")[:TEXT_LIMIT]
                problems.append("Nội dung thư dùng bảng mã lạ; đã giữ phần đọc được.")
    return attachments, unicodedata.normalize("NFC", text)


def read_mail(raw: bytes) -> ReadMail:
    """One message from its bytes, as far as it can be read."""
    problems: list[str] = []
    message = BytesParser(policy=policy.default).parsebytes(raw)
    if message.defects:
        problems.append("Thư có cấu trúc MIME không chuẩn; đã đọc phần đọc được.")
    message_id = next(iter(_ids(_header(message, "Message-ID", problems))), "")
    if not message_id:
        problems.append("Thư không có Message-ID; nhận diện thư theo nội dung.")
    refers_to = _ids(_header(message, "In-Reply-To", problems)) + tuple(
        reversed(_ids(_header(message, "References", problems)))
    )
    sent_at = None
    date_text = _header(message, "Date", problems)
    try:
        sent_at = parsedate_to_datetime(date_text) if date_text else None
        if sent_at is not None and sent_at.tzinfo is None:
            sent_at = None  # "-0000": the time zone is unknown, the moment too
    except (TypeError, ValueError):
        problems.append(f"Ngày gửi của thư '{date_text}' không đọc được.")
    report = message.get_content_type() == "multipart/report" and (
        str(message.get_param("report-type", "")).lower() == "delivery-status"
    )
    failures, returned = _delivery_report(message) if report else ((), "")
    attachments, text = _parts(message, problems) if not report else ([], "")
    facts = IncomingMail(
        message_id=message_id,
        sender=_address(_header(message, "From", problems)),
        recipients=_recipients(message),
        subject=_header(message, "Subject", problems),
        refers_to=tuple(dict.fromkeys(refers_to)),
        auto_submitted=_header(message, "Auto-Submitted", problems),
        precedence=_header(message, "Precedence", problems),
        autoreply_header=bool(message.get("X-Autoreply") or message.get("X-Autorespond")),
        delivery_report=report,
        failures=failures,
        returned_message_id=returned,
    )
    key = message_id or f"sha256:{hashlib.sha256(raw).hexdigest()}"
    return ReadMail(facts, key, sent_at, tuple(attachments), text, tuple(dict.fromkeys(problems)))
