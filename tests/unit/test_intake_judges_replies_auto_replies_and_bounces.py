"""The matcher, rule by rule: a thread naming a reminder wins; else the sender's one outstanding
report; several are offered; automatic replies are never receipts; bounces find their reminder."""

from __future__ import annotations

import pytest

from tracker.core.intake import (
    DeliveryFailure,
    IncomingMail,
    MailKind,
    MatchReason,
    SentReminder,
    Verdict,
    guess_doc_number,
    judge,
)

REMINDERS = {"<r1@example.org>": SentReminder(11, 101), "<gone@example.org>": SentReminder(12, None)}
FAILED = (DeliveryFailure("x@donvi.vn", "5.1.1"),)


def mail(**facts: object) -> IncomingMail:
    base: dict[str, object] = {"message_id": "<m@donvi.vn>", "sender": "x@donvi.vn", "subject": "Báo cáo"}
    return IncomingMail(**(base | facts))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("facts", "outstanding", "verdict"),
    [
        ({"refers_to": ("<r1@example.org>",)}, (), Verdict(MailKind.REPLY, MatchReason.THREAD, 101, 11)),
        (  # an older reference in References still names the reminder
            {"refers_to": ("<other@donvi.vn>", "<r1@example.org>")},
            (202,),
            Verdict(MailKind.REPLY, MatchReason.THREAD, 101, 11),
        ),
        (
            {"refers_to": ("<r1@example.org>",)},
            (202, 203),
            Verdict(MailKind.REPLY, MatchReason.THREAD, 101, 11),
        ),
        ({}, (202,), Verdict(MailKind.REPLY, MatchReason.SENDER, 202)),
        ({}, (202, 203), Verdict(MailKind.REPLY, MatchReason.SUGGESTION, suggestions=(202, 203))),
        ({}, (), Verdict(MailKind.REPLY, MatchReason.NONE)),
        (  # a reminder of a report no longer expected: the sender is tried next
            {"refers_to": ("<gone@example.org>",)},
            (),
            Verdict(MailKind.REPLY, MatchReason.NONE),
        ),
        (
            {"refers_to": ("<r1@example.org>",), "auto_submitted": "auto-replied"},
            (),
            Verdict(MailKind.AUTO_REPLY, MatchReason.THREAD, 101, 11),
        ),
        ({"auto_submitted": "no"}, (202,), Verdict(MailKind.REPLY, MatchReason.SENDER, 202)),
        ({"precedence": "bulk"}, (), Verdict(MailKind.AUTO_REPLY, MatchReason.NONE)),
        ({"precedence": "List"}, (), Verdict(MailKind.AUTO_REPLY, MatchReason.NONE)),
        ({"autoreply_header": True}, (), Verdict(MailKind.AUTO_REPLY, MatchReason.NONE)),
        ({"subject": "Trả lời tự động: Báo cáo"}, (), Verdict(MailKind.AUTO_REPLY, MatchReason.NONE)),
        ({"subject": "Out of Office: Nhắc"}, (), Verdict(MailKind.AUTO_REPLY, MatchReason.NONE)),
        (
            {"delivery_report": True, "returned_message_id": "<r1@example.org>", "failures": FAILED},
            (202,),
            Verdict(MailKind.BOUNCE, MatchReason.THREAD, 101, 11, failures=FAILED),
        ),
        (  # some servers thread the bounce instead of returning the headers
            {"delivery_report": True, "refers_to": ("<r1@example.org>",), "failures": FAILED},
            (),
            Verdict(MailKind.BOUNCE, MatchReason.THREAD, 101, 11, failures=FAILED),
        ),
        (
            {"delivery_report": True, "returned_message_id": "<unknown@x>", "failures": FAILED},
            (202,),
            Verdict(MailKind.BOUNCE, MatchReason.NONE, failures=FAILED),
        ),
    ],
)
def test_judge(facts: dict[str, object], outstanding: tuple[int, ...], verdict: Verdict) -> None:
    assert judge(mail(**facts), REMINDERS, outstanding) == verdict


@pytest.mark.parametrize(
    ("subject", "body", "number"),
    [
        ("Báo cáo sơ kết", "Số: 85/BC-LĐLĐ ngày 12/9/2019", "85/BC-LĐLĐ"),
        ("Gửi báo cáo 85/BC-LĐLĐ", "", "85/BC-LĐLĐ"),
        ("Re: Nhắc nộp báo cáo", "Kèm theo số 12/2019/BC-CĐN.", "12/2019/BC-CĐN"),
        ("Báo cáo ngày 12/9/2019", "Hạn 15/9/2019", ""),  # dates are not document numbers
        ("V/v báo cáo 7/BC-CĐ", "Số: 45 / BC-LĐLĐ", "45/BC-LĐLĐ"),  # after "Số" first, spaces closed
        ("", "", ""),
    ],
)
def test_the_document_number_is_guessed_from_subject_or_body(subject: str, body: str, number: str) -> None:
    assert guess_doc_number(subject, body) == number
