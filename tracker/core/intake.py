"""Mail that arrives in Ban Tổ chức's mailbox, judged: a reply bringing a unit's report, an automatic
reply that never is one, or a delivery status notification (a bounce) of a reminder. Pure: the facts of
one message and what the outbox and the roster say in, a verdict out.

Rules in order, stopping at the first that holds (issue 14):
1. `In-Reply-To` / `References` name a reminder's Message-ID → that reminder's report ("thread");
2. it was sent to a report's own reply address (TRACKER_REPLY_TO, tracker.core.replies) whose token
   holds → that report ("address");
3. the sender is a contact of exactly one unit with exactly one outstanding report → that one
   ("sender"); several → the clerk is offered them ("suggestion").
An automatic reply is never a receipt; a bounce is matched to the reminder it returns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class MailKind(StrEnum):
    REPLY = "reply"  # written by a person: may bring a report
    AUTO_REPLY = "auto_reply"  # out-of-office and the like: never a receipt
    BOUNCE = "bounce"  # a delivery status notification (RFC 3464)


class MatchReason(StrEnum):
    THREAD = "thread"
    ADDRESS = "address"  # sent to the report's own reply address
    SENDER = "sender"
    SUGGESTION = "suggestion"  # several outstanding reports the sender may mean
    NONE = "none"


@dataclass(frozen=True)
class DeliveryFailure:
    recipient: str
    status: str  # the DSN's Status and Diagnostic-Code, as the server gave them


@dataclass(frozen=True)
class IncomingMail:
    """What the matcher needs of one message, read from its headers (and a bounce's report)."""

    message_id: str
    sender: str  # the From address, lower case
    subject: str
    recipients: tuple[str, ...] = ()  # To, Cc, Delivered-To, X-Original-To addresses, lower case
    refers_to: tuple[str, ...] = ()  # In-Reply-To then References, as Message-IDs with <>
    auto_submitted: str = ""
    precedence: str = ""
    autoreply_header: bool = False  # X-Autoreply / X-Autorespond (Exchange, older vacation programs)
    delivery_report: bool = False  # multipart/report; report-type=delivery-status
    failures: tuple[DeliveryFailure, ...] = ()  # a bounce's recipients with Action: failed
    returned_message_id: str = ""  # the Message-ID of the email a bounce returns


@dataclass(frozen=True)
class SentReminder:
    """A reminder of the outbox, as a reply or a bounce finds it by its Message-ID."""

    outbox_id: int
    report_id: int | None  # None: the report is no longer expected


@dataclass(frozen=True)
class Verdict:
    kind: MailKind
    reason: MatchReason
    report_id: int | None = None
    outbox_id: int | None = None
    suggestions: tuple[int, ...] = ()  # report ids, for a SUGGESTION
    failures: tuple[DeliveryFailure, ...] = ()


# Subjects that out-of-office programs put in front (English, Vietnamese, French, German).
_AUTO_SUBJECT = re.compile(
    r"^\s*(auto(matic)?[ -]?reply|out of (the )?office|tự động trả lời|trả lời tự động|vắng mặt|"
    r"réponse automatique|abwesenheit)",
    re.IGNORECASE,
)


def is_automatic(mail: IncomingMail) -> bool:
    """RFC 3834's Auto-Submitted (anything but `no`), Precedence bulk/list/junk, the vendors' own
    headers, and the subjects vacation programs write."""
    auto = mail.auto_submitted.strip().lower()
    return (
        (auto != "" and auto != "no")
        or mail.precedence.strip().lower() in ("bulk", "list", "junk", "auto_reply")
        or mail.autoreply_header
        or bool(_AUTO_SUBJECT.match(mail.subject))
    )


def judge(
    mail: IncomingMail,
    reminders: Mapping[str, SentReminder],
    outstanding_of_sender: tuple[int, ...],
    addressed: int | None = None,
) -> Verdict:
    """The verdict on `mail`, given the reminders its references name (Message-ID → reminder), the
    outstanding reports of the units the sender is a contact of, and the report whose own reply
    address it was sent to (`addressed`, its token checked)."""
    if mail.delivery_report:
        refs = (mail.returned_message_id, *mail.refers_to)
        sent = next((reminders[ref] for ref in refs if ref in reminders), None)
        if sent is None:
            return Verdict(MailKind.BOUNCE, MatchReason.NONE, failures=mail.failures)
        return Verdict(
            MailKind.BOUNCE, MatchReason.THREAD, sent.report_id, sent.outbox_id, failures=mail.failures
        )
    kind = MailKind.AUTO_REPLY if is_automatic(mail) else MailKind.REPLY
    for ref in mail.refers_to:
        if ref in reminders and reminders[ref].report_id is not None:
            return Verdict(kind, MatchReason.THREAD, reminders[ref].report_id, reminders[ref].outbox_id)
    if addressed is not None:
        return Verdict(kind, MatchReason.ADDRESS, addressed)
    if len(outstanding_of_sender) == 1:
        return Verdict(kind, MatchReason.SENDER, outstanding_of_sender[0])
    if outstanding_of_sender:
        return Verdict(kind, MatchReason.SUGGESTION, suggestions=outstanding_of_sender)
    return Verdict(kind, MatchReason.NONE)


# "Số: 85/BC-LĐLĐ", "số 12/2019/BC-CĐN", "85/BC-LĐLĐ": a number, a slash, letters (a year may come
# between); a date (15/9/2019) has no letters after its slashes and is not taken.
_DOC_NUMBER = r"\d{1,6}\s*/\s*(?:\d{4}/)?[^\W\d_]{1,10}(?:-[^\W_]{1,15}){0,3}"
_AFTER_SO = re.compile(rf"\bsố\s*:?\s*({_DOC_NUMBER})", re.IGNORECASE)
_ANYWHERE = re.compile(rf"(?<![\w/])({_DOC_NUMBER})")


def guess_doc_number(*texts: str) -> str:
    """The report's document number as a clerk would spot it: after "Số" first, then any, in the order
    the texts are given (subject, then body); "" when none is seen."""
    for pattern in (_AFTER_SO, _ANYWHERE):
        for text in texts:
            found = pattern.search(text)
            if found:
                return re.sub(r"\s*/\s*", "/", found.group(1))
    return ""


# How the clerk reads what intake made of a message (the command's table and the inbox page).
KIND_WORDS = {
    MailKind.REPLY: "thư trả lời",
    MailKind.AUTO_REPLY: "thư trả lời tự động (bỏ qua)",
    MailKind.BOUNCE: "thư báo không gửi được",
}
REASON_WORDS = {
    MatchReason.THREAD: "trả lời đúng thư nhắc đã gửi",
    MatchReason.ADDRESS: "gửi tới địa chỉ trả lời riêng của báo cáo",
    MatchReason.SENDER: "người gửi là địa chỉ liên hệ của đơn vị",
    MatchReason.SUGGESTION: "người gửi liên hệ cho nhiều báo cáo: cần chọn",
    MatchReason.NONE: "chưa khớp với báo cáo nào",
}
STATE_WORDS = {
    "waiting": "chờ xử lý",
    "accepted": "đã ghi nhận",
    "dismissed": "đã bỏ qua",
    "done": "đã xử lý tự động",
    "duplicate": "đã đọc trước đây (bỏ qua)",
}
