"""Schedule `/schedule`: every reminder still to come, by day, for one plan or unit when asked."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request

from tracker.core.access import Role
from tracker.errors import BadInput
from tracker.services.schedule import coming_reminders
from tracker.store.repository import load_office
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
        office = load_office(db)
        try:
            lines = coming_reminders(db, office, now, plan_code=plan or None, unit_code=unit or None)
            error = ""
        except BadInput as refused:  # an unknown plan or unit code: said above an empty list
            lines, error = [], str(refused)
    return render_template(
        "schedule.html.j2", office=office, lines=lines, plan=plan, unit=unit, now=now, error=error
    )
