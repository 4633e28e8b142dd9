"""The digest from the database: gathered for any moment, rendered in every format, and queued for
sending once per period through the same outbox (and SMTP path, retries, failures) as reminders."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path

from jinja2 import Environment
from sqlalchemy.orm import Session

from tracker.core.digest import Digest, build_digest, digest_to_json
from tracker.core.model import Config, Organization
from tracker.core.office import Office
from tracker.core.reports import DeliveryState
from tracker.digest.excel import render_xlsx
from tracker.digest.message import build_digest_email
from tracker.digest.printable import render_printable
from tracker.digest.text import render_text
from tracker.digest.word import render_docx
from tracker.mail.message import wire_bytes
from tracker.store.outbox import Email, digest_key, insert_one, is_queued, new_row, reminder_log
from tracker.store.repository import expected_reports, latest_heartbeat, stored_config


@dataclass(frozen=True)
class GatheredDigest:
    digest: Digest
    config: Config


def gather_digest(session: Session, as_of: datetime, *, since: datetime | None = None) -> GatheredDigest:
    """The digest at `as_of` from what the database holds (see DESIGN §5 "As of T")."""
    config = stored_config(session)
    office = Office.of(config)
    digest = build_digest(
        config,
        office.calendar,
        expected_reports(session),
        reminder_log(session),
        as_of,
        heartbeat=latest_heartbeat(session),
        since=since,
    )
    return GatheredDigest(digest, config)


def digest_message_id(period: datetime, mail_from: str) -> str:
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "tracker.invalid"
    return f"<digest.{period:%Y%m%dT%H%M}.{hashlib.sha256(mail_from.encode()).hexdigest()[:8]}@{domain}>"


def render_digest(gathered: GatheredDigest, fmt: str, env: Environment, mail_from: str) -> bytes:
    """The digest as the bytes of one file in `fmt` (html, text, json, xlsx, docx or eml)."""
    digest, organization = gathered.digest, gathered.config.organization
    if fmt == "html":
        return render_printable(digest, organization, env).encode()
    if fmt == "text":
        return render_text(digest, organization, env).encode()
    if fmt == "json":
        return (json.dumps(digest_to_json(digest), ensure_ascii=False, indent=2) + "\n").encode()
    if fmt == "xlsx":
        return render_xlsx(digest)
    if fmt == "docx":
        return render_docx(digest, organization)
    if fmt == "eml":
        return wire_bytes(digest_email(gathered, env, mail_from))
    raise ValueError(f"unknown digest format {fmt!r}")


def digest_email(gathered: GatheredDigest, env: Environment, mail_from: str) -> EmailMessage:
    """The digest email to the recipients of `[digest]` in organization.toml."""
    organization = gathered.config.organization
    schedule = organization.digest
    message_id = digest_message_id(gathered.digest.as_of, mail_from)
    return build_digest_email(
        gathered.digest, organization, mail_from, schedule.to, schedule.cc, message_id, env
    )


@dataclass
class DigestSender:
    """The daemon's digest job: once per period (the schedule's fire time), archived, then sent."""

    env: Environment
    mail_from: Callable[[Organization], str]
    archive_dir: Path

    def queue(self, session: Session, period: datetime, now: datetime) -> bool:
        """Queue the digest of `period` unless it already is; True when this call queued it."""
        if is_queued(session, digest_key(period)):
            return False
        gathered = gather_digest(session, period)
        organization = gathered.config.organization
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
        self.archive_dir.mkdir(parents=True, exist_ok=True)
        stem = self.archive_dir / f"bao-cao-tien-do-{period.astimezone(gathered.digest.zone):%Y-%m-%d}"
        for suffix, data in ((".eml", eml), (".html", render_digest(gathered, "html", self.env, mail_from))):
            temporary = stem.with_suffix(suffix + ".tmp")
            temporary.write_bytes(data)
            temporary.replace(stem.with_suffix(suffix))
