"""Schedule `/schedule`: every reminder still to come, by day, for one plan or unit when asked."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request

from tracker.core.access import Role
from tracker.core.office import Office
from tracker.services.reminding import upcoming_reminders
from tracker.store.repository import stored_config
from tracker.web.context import web
from tracker.web.security import requires

bp = Blueprint("schedule", __name__)


@bp.route("/schedule")
@requires(Role.VIEWER)
def schedule() -> Any:
    plan, unit = request.args.get("plan", "").strip(), request.args.get("unit", "").strip()
    context = web()
    now = context.now()
    with context.transaction() as db:
        office = Office.of(stored_config(db))
        lines = upcoming_reminders(db, office, now, plan_code=plan or None, unit_code=unit or None)
    return render_template("schedule.html.j2", office=office, lines=lines, plan=plan, unit=unit, now=now)
