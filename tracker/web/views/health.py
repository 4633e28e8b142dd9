"""`/healthz`, for monitoring (no login): is the database reachable, how old is the last sweep, does
mail leave (what waits, since when, the mail server's last error, the addresses it refused), and is the
mailbox read (the last good read, the last error and when, the next try while it fails)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, jsonify
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tracker.core.health import MailHealth, daemon_health
from tracker.errors import NothingLoaded
from tracker.services.status import outbox_health
from tracker.store.mailbox import reading_health
from tracker.store.repository import latest_heartbeat, load_office
from tracker.web.context import web
from tracker.web.security import public

bp = Blueprint("health", __name__)


@bp.route("/healthz")
@public
def healthz() -> Any:
    context = web()
    now = context.now()
    try:
        with context.transaction() as db:
            heartbeat = latest_heartbeat(db)
            mail = _mail(db, now)
            mailbox = reading_health(db)
    except SQLAlchemyError:
        return jsonify(database=False), 503
    health = daemon_health(heartbeat, now) if heartbeat else None
    last = health.last_sweep_at if health else None
    return jsonify(
        database=True,
        last_sweep_at=last.isoformat() if last else None,
        last_sweep_age_seconds=round((now - last).total_seconds()) if last else None,
        next_sweep_at=health.next_sweep_at.isoformat() if health and health.next_sweep_at else None,
        daemon_stale=health is None or health.stale,
        mail_waiting=mail.waiting if mail else 0,
        oldest_waiting_age_seconds=(
            round((now - mail.oldest_due_at).total_seconds()) if mail and mail.oldest_due_at else None
        ),
        last_smtp_error=mail.last_error if mail else "",
        refused_addresses=list(mail.refused) if mail else [],
        mail_stuck=bool(mail and mail.stuck),
        mailbox_last_read_at=_iso(mailbox.last_read_at if mailbox else None),
        mailbox_last_error=mailbox.last_error if mailbox else "",
        mailbox_last_error_at=_iso(mailbox.last_error_at if mailbox else None),
        mailbox_next_try_at=_iso(mailbox.next_try_at if mailbox else None),
        mailbox_failing=bool(mailbox and mailbox.failing),
    )


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _mail(db: Session, now: datetime) -> MailHealth | None:
    """The outbox's health; None before the first load (no sending window to judge it by)."""
    try:
        office = load_office(db)
    except NothingLoaded:
        return None
    return outbox_health(db, office, now)
