"""A unit's own page `/u/<token>`, reached through the personal link of its emails, without an account;
and the admin's renewal and revocation of that link from the report page.

A wrong, revoked, renewed or expired token all get the same page (revealing nothing of which), with
Ban Tổ chức's contact. Requests are limited per address. A GET changes nothing: mail scanners open
links before people do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from sqlalchemy.orm import Session

from tracker.core.access import Role
from tracker.core.office import Office
from tracker.errors import BadInput
from tracker.services.links import UnitLinks, links_from_settings, opened_report, revoke
from tracker.services.unit_page import unit_page
from tracker.store.repository import find_expected_report, load_office
from tracker.store.tables import ExpectedReportRow
from tracker.web.context import signed_in_user, web
from tracker.web.security import public, requires
from tracker.web.throttle import AddressThrottle

bp = Blueprint("unit", __name__)

REQUESTS_PER_ADDRESS = 60  # in WINDOW: a unit clicking about is far below; a token guesser is not
WINDOW = timedelta(minutes=10)


@bp.record_once
def _set_up(state: BlueprintSetupState) -> None:
    state.app.extensions["unit_throttle"] = AddressThrottle(REQUESTS_PER_ADDRESS, WINDOW)


def _throttled() -> bool:
    throttle: AddressThrottle = current_app.extensions["unit_throttle"]
    return not throttle.allow(request.remote_addr or "", web().now())


def _refused(db: Session, status: int) -> tuple[str, int]:
    owner = load_office(db).organization.owner
    return render_template("unit_refused.html.j2", owner=owner, throttled=status == 429), status


def _opened(db: Session, token: str) -> ExpectedReportRow | None:
    return opened_report(db, load_office(db), token, web().now())


@bp.get("/u/<token>")
@public
def unit(token: str) -> Any:
    context = web()
    with context.transaction() as db:
        if _throttled():
            return _refused(db, 429)
        report = _opened(db, token)
        if report is None:
            return _refused(db, 404)
        page = unit_page(db, report, context.now())
    # The token is in the address: the app's Referrer-Policy (same-origin) keeps it from other sites.
    return render_template("unit.html.j2", page=page, zone=page.context.office.zone)


# -- the admin's side, on the report page ---------------------------------------------------------


def unit_links() -> UnitLinks | None:
    """The links of TRACKER_PUBLIC_URL, or None (then no email carries one)."""
    context = web()
    try:
        return links_from_settings(context.settings.env, context.web_settings.secret_key)
    except ValueError:
        return None  # the daemon's check-up reports the bad setting; the page just shows no link


def link_shown(db: Session, plan: str, milestone: str, unit_code: str) -> dict[str, Any] | None:
    """What the report page shows an admin of the unit's link: whether links are on, and its address
    as it stands. None for anyone else: the address opens the unit's page."""
    user = signed_in_user()
    if not user.role.allows(Role.ADMIN):
        return None
    links = unit_links()
    report = find_expected_report(db, plan, milestone, unit_code)
    url = links.current_url(db, report) if links and report else None
    return {"on": links is not None, "url": url}


def _link_act(codes: tuple[str, str, str], act: Callable[[Session, Office, str], str]) -> Any:
    """Do `act` (which says what it did) on the link of the report `codes` name, as the signed-in
    admin; back to the report page. A refusal is the error page with its message."""
    context = web()
    try:
        with context.transaction() as db:
            done = act(db, load_office(db), signed_in_user().full_name)
    except BadInput as refused:
        abort(400, str(refused))
    flash(done)
    plan, milestone, unit_code = codes
    return redirect(url_for("report.report", plan=plan, milestone=milestone, unit=unit_code), 303)


@bp.post("/plans/<plan>/<milestone>/<unit_code>/link/renew")
@requires(Role.ADMIN)
def renew_link(plan: str, milestone: str, unit_code: str) -> Any:
    links = unit_links()
    if links is None:
        abort(400, "Không cấp lại được liên kết: chưa đặt TRACKER_PUBLIC_URL.")
    codes = (plan, milestone, unit_code)

    def act(db: Session, office: Office, by: str) -> str:
        url = links.renew(db, office, codes, by=by, now=web().now())
        return f"Đã cấp liên kết mới: {url}. Liên kết cũ không còn dùng được."

    return _link_act(codes, act)


@bp.post("/plans/<plan>/<milestone>/<unit_code>/link/revoke")
@requires(Role.ADMIN)
def revoke_link(plan: str, milestone: str, unit_code: str) -> Any:
    codes = (plan, milestone, unit_code)

    def act(db: Session, office: Office, by: str) -> str:
        revoke(db, office, codes, by=by, now=web().now())
        return "Đã thu hồi liên kết của đơn vị: thư nhắc sau sẽ không kèm liên kết cho đến khi cấp lại."

    return _link_act(codes, act)
