"""The reports' own reply addresses (TRACKER_REPLY_TO): a token names its report and holds only with
the secret key and that report's codes; the address is found among a message's recipients whatever
the case; a setting that cannot make an address is refused naming it; and the matcher tries the
address after the thread and before the sender."""

from __future__ import annotations

import pytest

from tracker.core.intake import IncomingMail, MailKind, MatchReason, SentReminder, Verdict, judge
from tracker.core.replies import reply_token, split_pattern, token_holds, token_report
from tracker.mail.inbound import read_mail
from tracker.services.replies import reply_addresses_from_settings

SECRET = "khoa-bi-mat"
CODES = ("so-ket-de-an-2019", "bao-cao-don-vi", "ldld-dong-ha")


def test_a_token_names_its_report_and_holds_only_for_it() -> None:
    token = reply_token(SECRET, 42, *CODES)

    assert token_report(token) == 42 and token == token.lower()
    assert token_holds(SECRET, token, 42, *CODES)
    assert not token_holds("another-key", token, 42, *CODES)
    assert not token_holds(SECRET, token, 42, CODES[0], CODES[1], "cdcs-gio-linh")  # another database's 42
    forged = reply_token(SECRET, 43, *CODES).replace("43-", "42-")
    assert not token_holds(SECRET, forged, 42, *CODES)
    assert [token_report(t) for t in ("", "42", "42-abc", "x-" + token[3:], token.upper())] == [None] * 5


def test_the_pattern_finds_its_token_in_an_address_whatever_the_case() -> None:
    pattern = split_pattern("bantochuc+{token}@example.org")
    assert pattern is not None
    token = reply_token(SECRET, 7, *CODES)

    assert pattern.address(token) == f"bantochuc+{token}@example.org"
    assert pattern.token_in(f"BanToChuc+{token}@Example.ORG") == token
    assert pattern.token_in("bantochuc@example.org") is None
    assert pattern.token_in(f"bantochuc+{token}@other.example.org") is None


@pytest.mark.parametrize(
    "value",
    [
        "bantochuc@example.org",  # no {token}
        "bantochuc+{token}+{token}@example.org",
        "bantochuc@{token}.example.org",  # in the domain
        "bantochuc+{token}",
        "bantochuc+{token}@",
        "ban to chuc+{token}@example.org",
        "Ban Tổ chức <bantochuc+{token}@example.org>",
    ],
)
def test_a_setting_that_makes_no_address_is_refused_naming_it(value: str) -> None:
    with pytest.raises(ValueError, match="TRACKER_REPLY_TO") as refused:
        reply_addresses_from_settings({"TRACKER_REPLY_TO": value}, SECRET)
    assert "ví dụ TRACKER_REPLY_TO=bantochuc+{token}@example.org" in str(refused.value)


def test_no_setting_no_addresses() -> None:
    assert reply_addresses_from_settings({}, SECRET) is None
    assert reply_addresses_from_settings({"TRACKER_REPLY_TO": " "}, SECRET) is None


def test_a_message_is_read_with_every_address_it_was_delivered_to() -> None:
    raw = (
        b"Delivered-To: BanToChuc+7-aaaa@example.org\r\nX-Original-To: bantochuc+8-bbbb@example.org\r\n"
        b"From: a@donvi.vn\r\nTo: Ban To chuc <bantochuc@example.org>, x@y.vn\r\nCc: c@donvi.vn\r\n"
        b"Subject: s\r\n\r\nbody\r\n"
    )

    assert read_mail(raw).facts.recipients == (
        "bantochuc+7-aaaa@example.org",
        "bantochuc+8-bbbb@example.org",
        "bantochuc@example.org",
        "x@y.vn",
        "c@donvi.vn",
    )


def test_the_address_comes_after_the_thread_and_before_the_sender() -> None:
    mail = IncomingMail(message_id="<m@x>", sender="a@donvi.vn", subject="Báo cáo")
    threaded = IncomingMail(message_id="<m@x>", sender="a@donvi.vn", subject="", refers_to=("<r@x>",))
    reminders = {"<r@x>": SentReminder(11, 101)}

    assert judge(mail, {}, (202,), addressed=303) == Verdict(MailKind.REPLY, MatchReason.ADDRESS, 303)
    assert judge(threaded, reminders, (), addressed=303) == Verdict(
        MailKind.REPLY, MatchReason.THREAD, 101, 11
    )
    assert judge(mail, {}, (202,)) == Verdict(MailKind.REPLY, MatchReason.SENDER, 202)
