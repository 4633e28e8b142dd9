"""Without an SMTP server every message becomes one parseable `.eml` file in the outbox folder."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from tests.builders import DONG_HA, at, reminder
from tracker.core.delivery import Delivery, Outcome
from tracker.mail.delivery import SendJob
from tracker.mail.folder import OutboxFolderTransport
from tracker.mail.message import wire_bytes

RECIPIENTS = (*DONG_HA.emails, DONG_HA.chair_email)


def job(message: EmailMessage, recipients: Sequence[str]) -> SendJob:
    return SendJob.of(wire_bytes(message), recipients)


def write(directory: Path, *jobs: SendJob) -> list[Delivery]:
    async def run() -> list[Delivery]:
        async with OutboxFolderTransport(directory) as transport:
            return await transport.send_all(jobs)

    return asyncio.run(run())


def test_each_message_is_written_as_an_eml_file_named_by_date_unit_and_message_id(tmp_path: Path) -> None:
    outbox = tmp_path / "var" / "outbox"
    notice, overdue = reminder("thong-bao", at(26, 8)), reminder("qua-han", at(17, 9))

    deliveries = write(outbox, job(notice, DONG_HA.emails), job(overdue, RECIPIENTS))

    names = sorted(path.name for path in outbox.iterdir())
    assert names == [
        f"20190826T073000+0700-ldld-dong-ha-{str(notice['Message-ID']).strip('<>')}.eml",
        f"20190917T073000+0700-ldld-dong-ha-{str(overdue['Message-ID']).strip('<>')}.eml",
    ]
    assert [d.outcome for d in deliveries] == [Outcome.DELIVERED, Outcome.DELIVERED]
    assert deliveries[1].accepted == RECIPIENTS
    assert deliveries[1].reply == f"250 written to {outbox / names[1]}"


def test_the_file_parses_back_into_the_same_message(tmp_path: Path) -> None:
    message = reminder("bao-cao-thuong-truc", at(25, 9))

    write(tmp_path, job(message, DONG_HA.emails))

    [path] = tmp_path.iterdir()
    parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert parsed["Subject"] == message["Subject"]
    assert parsed["Message-ID"] == message["Message-ID"]
    assert parsed.get_body(("plain",)).get_content() == message.get_body(("plain",)).get_content()
    assert parsed.get_body(("html",)).get_content() == message.get_body(("html",)).get_content()
    assert b"\r\n" in path.read_bytes()  # as on the wire


def test_writing_the_same_message_again_replaces_its_file_and_leaves_no_temporary_files(
    tmp_path: Path,
) -> None:
    message = reminder("nhac-lan-1", at(9, 9))

    write(tmp_path, job(message, DONG_HA.emails))
    write(tmp_path, job(message, DONG_HA.emails))

    assert len(list(tmp_path.iterdir())) == 1
    assert not list(tmp_path.glob(".*"))


def test_a_message_id_with_unsafe_characters_gives_a_safe_file_name(tmp_path: Path) -> None:
    message = reminder("nhac-lan-1", at(9, 9))
    message.replace_header("Message-ID", "<../../etc/passwd$x@example.org>")

    write(tmp_path, job(message, DONG_HA.emails))

    assert [p.name for p in tmp_path.iterdir()] == [
        "20190909T073000+0700-ldld-dong-ha-etc_passwd_x@example.org.eml"
    ]
