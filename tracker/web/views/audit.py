"""Audit `/audit`: who did what and when, filtered by plan, unit, person, action and days, newest first,
in words ("Ghi nhận báo cáo", "ngày nhận: trống → 13/09/2019"), a hundred lines a page."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, render_template, request, url_for

from tracker.core.access import Role
from tracker.core.audit import action_label
from tracker.core.deadlines import parse_date
from tracker.services.audit import AuditQuery, audit_choices, read_audit
from tracker.store.repository import load_office
from tracker.web.context import web
from tracker.web.security import requires

bp = Blueprint("audit", __name__)

FILTERS = ("plan", "unit", "actor", "action", "since", "until")
DAY_LABELS = {"since": "Từ ngày", "until": "Đến ngày"}


def _day(name: str, errors: dict[str, str]) -> date | None:
    text = request.args.get(name, "").strip()
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as error:
        errors[name] = f"{DAY_LABELS[name]}: {error}."
        return None


@bp.route("/audit")
@requires(Role.VIEWER)
def audit() -> Any:
    typed = {name: request.args.get(name, "").strip() for name in FILTERS}
    errors: dict[str, str] = {}
    query = AuditQuery(
        plan=typed["plan"],
        unit=typed["unit"],
        actor=typed["actor"],
        action=typed["action"],
        since=_day("since", errors),
        until=_day("until", errors),
    )
    page = request.args.get("page", "1")
    context = web()
    with context.transaction() as db:
        office = load_office(db)
        found = read_audit(db, office, query, page=int(page) if page.isdigit() else 1)
        actors, actions = audit_choices(db)

    def at_page(number: int) -> str:
        return url_for("audit.audit", **{k: v for k, v in typed.items() if v}, page=number)

    return render_template(
        "audit.html.j2",
        found=found,
        typed=typed,
        errors=errors,
        office=office,
        actors=actors,
        actions=[(action, action_label(action)) for action in actions],
        at_page=at_page,
        zone=office.zone,
    )
