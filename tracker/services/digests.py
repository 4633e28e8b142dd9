"""The digest from the database: gathered for any moment, rendered in every format, queued for
sending once per period through the same outbox (and SMTP path, retries, failures) as reminders, and
sent at once when someone asks for it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path

from jinja2 import Environment
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracker.core.digest import Digest, build_digest
from tracker.core.model import Organization
from tracker.core.office import Office
from tracker.core.reports import DeliveryState
from tracker.files import private_folder, write_private
from tracker.mail.message import wire_bytes
from tracker.services.outbox import Sender
from tracker.store.db import session_factory
from tracker.store.outbox import Email, digest_key, insert_one, is_queued, new_row, reminder_log
from tracker.store.repository import expected_reports, latest_heartbeat, record_audit


@dataclass(frozen=True)
class GatheredDigest:
    digest: Digest
    office: Office


def gather_digest(
    session: Session, office: Office, as_of: datetime, *, since: datetime | None = None
) -> GatheredDigest:
    """The digest at `as_of` from what the database holds (see DESIGN §5 "As of T")."""
    digest = build_digest(
        office,
        expected_reports(session),
        reminder_log(session),
        as_of,
        heartbeat=latest_heartbeat(session),
        since=since,
    )
    return GatheredDigest(digest, office)


def digest_message_id(period: datetime, mail_from: str) -> str:
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "tracker.invalid"
    return f"<digest.{period:%Y%m%dT%H%M}.{hashlib.sha256(mail_from.encode()).hexdigest()[:8]}@{domain}>"


def render_digest(gathered: GatheredDigest, fmt: str, env: Environment, mail_from: str) -> bytes:
    """The digest as the bytes of one file in `fmt` (one of `tracker.digest.DIGEST_FORMATS`).

    Each format's renderer is imported when it is asked for: matplotlib, openpyxl and python-docx
    together hold some 70 MB, which a daemon that only sends reminders would otherwise keep all week.
    """
    digest, organization = gathered.digest, gathered.office.organization
    if fmt == "html":
        from tracker.digest.printable import render_printable

        return render_printable(digest, organization, env).encode()
    if fmt == "text":
        from tracker.digest.text import render_text

        return render_text(digest, organization, env).encode()
    if fmt == "json":
        from tracker.digest.as_json import render_json

        return render_json(digest)
    if fmt == "xlsx":
        from tracker.digest.excel import render_xlsx

        return render_xlsx(digest)
    if fmt == "docx":
        from tracker.digest.word import render_docx

        return render_docx(digest, organization)
    if fmt == "eml":
        return wire_bytes(digest_email(gathered, env, mail_from))
    raise ValueError(f"unknown digest format {fmt!r}")


def digest_email(gathered: GatheredDigest, env: Environment, mail_from: str) -> EmailMessage:
    """The digest email to the recipients of `[digest]` in organization.toml."""
    from tracker.digest.message import build_digest_email  # its charts need matplotlib: see render_digest

    organization = gathered.office.organization
    schedule = organization.digest
    message_id = digest_message_id(gathered.digest.as_of, mail_from)
    return build_digest_email(
        gathered.digest, organization, mail_from, schedule.to, schedule.cc, message_id, env
    )


@dataclass
class DigestQueue:
    """Puts the digest of a period in the outbox once, archived as it will be sent."""

    env: Environment
    mail_from: Callable[[Organization], str]
    archive_dir: Path

    def queue(self, session: Session, office: Office, period: datetime, now: datetime) -> bool:
        """Queue the digest of `period` unless it already is, or no plan is open then (an empty
        report goes to nobody); True when this call queued it."""
        if is_queued(session, digest_key(period)):
            return False
        gathered = gather_digest(session, office, period)
        if not gathered.digest.plans:
            return False
        organization = office.organization
        mail_from = self.mail_from(organization)
        schedule = organization.digest
        message = digest_email(gathered, self.env, mail_from)
        data = wire_bytes(message)  # what is archived is what is sent
        self._archive(gathered, period, data, mail_from)
        email = Email(str(message["Message-ID"]), str(message["Subject"]), data, schedule.to, schedule.cc)
        # Another daemon may have queued it meanwhile: then it is that one's, and this call queued nothing.
        return insert_one(session, new_row(state=DeliveryState.PENDING, due_at=period, now=now, email=email))

    def _archive(self, gathered: GatheredDigest, period: datetime, eml: bytes, mail_from: str) -> None:
        """var/digests/bao-cao-tien-do-2019-09-16.{html,eml}: what was sent, to open or print later."""
        private_folder(self.archive_dir)
        stem = self.archive_dir / f"bao-cao-tien-do-{period.astimezone(gathered.digest.zone):%Y-%m-%d}"
        for suffix, data in ((".eml", eml), (".html", render_digest(gathered, "html", self.env, mail_from))):
            write_private(stem.with_suffix(suffix), data)


@dataclass(frozen=True)
class DigestDelivery:
    """What sending a digest by hand did."""

    queued: bool  # False: the digest of this moment was in the outbox already (it is never sent twice)
    sent_to: tuple[str, ...]  # the addresses that accepted it just now; empty when it did not leave now
    refused: tuple[str, ...]  # the addresses the mail server refused
    stopped: str = ""  # why sending stopped (credentials refused, quota spent), for the operator

    def said(self) -> str:
        """What happened, in the words the command and the page both say."""
        if self.sent_to:
            words = f"Đã gửi báo cáo tiến độ tới {', '.join(self.sent_to)}."
            if self.refused:
                words += f" Máy chủ thư từ chối: {', '.join(self.refused)}."
            return words
        if not self.queued:
            return "Báo cáo tiến độ của thời điểm này đã được gửi trước đó; không gửi lại."
        if self.stopped:
            return f"Chưa gửi được báo cáo tiến độ: {self.stopped}. Thư còn trong hàng gửi, sẽ được thử lại."
        return "Báo cáo đã xếp hàng; sẽ được gửi trong giờ gửi thư tiếp theo."


def send_digest_now(
    engine: Engine,
    office: Office,
    queue: DigestQueue,
    sender: Sender,
    as_of: datetime,
    now: datetime,
    *,
    by: str,
) -> DigestDelivery:
    """Queue the digest as of `as_of` and send it at once, not held for the next sending window (an
    admin's "send now"), audited with `by`; a failed try stays in the outbox and is retried like any
    email."""
    with session_factory(engine)() as session, session.begin():
        queued = queue.queue(session, office, as_of, now)
    result = sender.send_now(digest_key(as_of), now)
    refused = tuple(address for attempt in result.attempts for address in attempt.refused)
    schedule = office.organization.digest
    sent = any(attempt.state is DeliveryState.SENT for attempt in result.attempts)
    recipients = dict.fromkeys([*schedule.to, *schedule.cc])
    sent_to = tuple(address for address in recipients if address not in refused) if sent else ()
    delivery = DigestDelivery(queued, sent_to, refused, result.stopped)
    with session_factory(engine)() as session, session.begin():
        record_audit(
            session,
            at=now,
            actor=by,
            action="digest.send",
            after={"as_of": as_of.isoformat(), "sent_to": list(sent_to), "refused": list(refused)},
            note=delivery.said(),
        )
    return delivery
