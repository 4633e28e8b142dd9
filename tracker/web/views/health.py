"""`/healthz`, for monitoring (no login): is the database reachable, and how old is the last sweep."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify
from sqlalchemy.exc import SQLAlchemyError

from tracker.core.digest import daemon_health
from tracker.store.repository import latest_heartbeat
from tracker.web.context import web
from tracker.web.security import public

bp = Blueprint("health", __name__)


@bp.route("/healthz")
@public
def healthz() -> Any:
    context = web()
    try:
        with context.transaction() as db:
            heartbeat = latest_heartbeat(db)
    except SQLAlchemyError:
        return jsonify(database=False), 503
    now = context.now()
    health = daemon_health(heartbeat, now) if heartbeat else None
    last = health.last_sweep_at if health else None
    return jsonify(
        database=True,
        last_sweep_at=last.isoformat() if last else None,
        last_sweep_age_seconds=round((now - last).total_seconds()) if last else None,
        next_sweep_at=health.next_sweep_at.isoformat() if health and health.next_sweep_at else None,
        daemon_stale=health is None or health.stale,
    )
