"""A reminder's headers: stable Message-ID, threading, Date in the plan's zone, no auto-replies."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy

from tests.builders import at, reminder


def test_the_message_id_is_derived_from_the_reminder_key_and_stays_the_same() -> None:
    first = reminder("nhac-lan-1", at(9, 9))
    again = reminder("nhac-lan-1", at(9, 9, hour=15))

    assert first["Message-ID"] == again["Message-ID"]
    assert str(first["Message-ID"]).startswith("<nhac-lan-1.0.v1.")
    assert str(first["Message-ID"]).endswith("@ldld-quangtri.example.org>")


def test_a_later_step_replies_to_the_last_one_and_references_them_all() -> None:
    thread = ("<notice@ldld-quangtri.example.org>", "<first@ldld-quangtri.example.org>")

    message = reminder("nhac-lan-2", at(12, 9), thread=thread)

    assert message["In-Reply-To"] == "<first@ldld-quangtri.example.org>"
    assert message["References"] == "<notice@ldld-quangtri.example.org> <first@ldld-quangtri.example.org>"


def test_the_first_email_of_a_ladder_starts_a_thread() -> None:
    message = reminder("thong-bao", at(26, 8))

    assert message["In-Reply-To"] is None
    assert message["References"] is None


def test_the_date_is_written_in_the_plans_zone_whatever_zone_as_of_comes_in() -> None:
    message = reminder("thong-bao", datetime(2019, 8, 26, 0, 30, tzinfo=UTC))

    assert message["Date"] == "Mon, 26 Aug 2019 07:30:00 +0700"


def test_the_sender_recipients_and_reply_address_are_set_for_the_unit() -> None:
    message = reminder("qua-han", at(17, 9))

    assert message["From"] == "Liên đoàn Lao động tỉnh Quảng Trị <tracker@ldld-quangtri.example.org>"
    assert message["To"] == "ldld.dongha@example.org, vanphong.dongha@example.org"
    assert message["Cc"] == "chutich.dongha@example.org"
    assert message["Reply-To"] == "bantochuc@example.org"


def test_automatic_replies_are_told_to_stay_quiet_and_the_key_is_named() -> None:
    message = reminder("don-doc", at(19, 9))

    assert message["Auto-Submitted"] == "auto-generated"
    assert message["X-Tracker-Key"] == "so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha/don-doc/0"


def test_every_header_survives_the_wire_unchanged_in_lines_of_at_most_78() -> None:
    earlier = tuple(
        str(reminder(key, at(25, 9))["Message-ID"]) for key in ("thong-bao", "bao-cao-thuong-truc")
    )
    message = reminder("bao-cao-thuong-truc", at(9, 10), repeat=2, thread=earlier)
    wire = message.as_bytes(policy=policy.SMTP)

    parsed = message_from_bytes(wire, policy=policy.default)

    assert max(len(line) for line in wire.split(b"\r\n")) <= 78
    unfolded = wire.split(b"\r\n\r\n")[0].replace(b"\r\n ", b" ").split(b"\r\n")
    ids = [line for line in unfolded if line.split(b":")[0] in (b"Message-ID", b"In-Reply-To", b"References")]
    assert len(ids) == 3
    assert not any(b"=?" in line for line in ids)  # encoded words would break threading in mail clients
    for name in ("Subject", "From", "Message-ID", "In-Reply-To", "References"):
        assert str(parsed[name]).strip() == message[name]  # a folded id starts its own line
    assert str(parsed["Subject"]).startswith(
        "[Báo cáo Thường trực – quá hạn 23 ngày] (nhắc lại lần 2) Báo cáo"
    )
