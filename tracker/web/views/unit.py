"""A unit's own page `/u/<token>`, reached through the personal link of its emails, without an account;
and the admin's renewal and revocation of that link from the report page.

A wrong, revoked, renewed or expired token all get the same page (revealing nothing of which), with
Ban Tổ chức's contact. Requests are limited per address. A GET changes nothing: mail scanners open
links before people do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session
from wtforms import Field, MultipleFileField, StringField, TextAreaField

from tracker.core.access import Role
from tracker.core.model import Plan
from tracker.core.office import Office
from tracker.core.uploads import ACCEPTED, MAX_FILE_BYTES, MAX_TOTAL_BYTES, MB, Upload
from tracker.errors import BadInput, InvalidFields
from tracker.services.extensions import ExtensionAsked, ask
from tracker.services.links import UnitLinks, links_from_settings, opened_report, revoke
from tracker.services.reminding import DueReminders
from tracker.services.replies import ReplyAddresses, reply_addresses_from_settings
from tracker.services.story import mail_preview
from tracker.services.unit_page import UnitPage, unit_page
from tracker.services.unit_submissions import UnitReport, submit
from tracker.store.repository import find_expected_report, load_office
from tracker.store.tables import ExpectedReportRow
from tracker.web.context import signed_in_user, web
from tracker.web.forms import place_problems, with_plan_fields
from tracker.web.security import public, requires
from tracker.web.throttle import AddressThrottle
from tracker.web.views.milestone import DateField

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


def _unit_page(token: str) -> UnitPage | tuple[str, int]:
    """The page the token opens, or the one plain refusal (unknown, replaced, expired; too many)."""
    context = web()
    with context.transaction() as db:
        if _throttled():
            return _refused(db, 429)
        report = _opened(db, token)
        if report is None:
            return _refused(db, 404)
        return unit_page(db, report, context.now())


@bp.get("/u/<token>")
@public
def unit(token: str) -> Any:
    page = _unit_page(token)
    if not isinstance(page, UnitPage):
        return page
    return _page(page, token)


def _page(
    page: UnitPage,
    token: str,
    form: UnitReportForm | None = None,
    error: str = "",
    extension_form: ExtensionForm | None = None,
) -> str:
    # The token is in the address: the app's Referrer-Policy (same-origin) keeps it from other sites.
    return render_template(
        "unit.html.j2",
        page=page,
        token=token,
        form=form or report_form(page.context.plan, formdata=None),
        extension_form=extension_form or ExtensionForm(formdata=None),
        error=error,
        zone=page.context.office.zone,
    )


# -- the admin's side, on the report page ---------------------------------------------------------


def unit_links() -> UnitLinks | None:
    """The links of TRACKER_PUBLIC_URL, or None (then no email carries one)."""
    context = web()
    try:
        return links_from_settings(context.settings.env, context.web_settings.secret_key)
    except ValueError:
        return None  # the daemon's check-up reports the bad setting; the page just shows no link


def reply_addresses() -> ReplyAddresses | None:
    """The reports' own reply addresses of TRACKER_REPLY_TO, or None (then replies go to the owner)."""
    context = web()
    try:
        return reply_addresses_from_settings(context.settings.env, context.web_settings.secret_key)
    except ValueError:
        return None  # the daemon refuses the bad setting when it starts; the return email goes without


def unit_mail(db: Session) -> tuple[Office, DueReminders]:
    """The office, and what renders an email to a unit outside its ladder (with its link) as the
    sweep renders its reminders."""
    settings = web().settings
    office = load_office(db)
    mail_from = settings.env.get("TRACKER_MAIL_FROM", "")
    return office, mail_preview(
        office, settings.templates_dir / "emails", mail_from, unit_links(), reply_addresses()
    )


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


# -- the unit's report, sent from its page ----------------------------------------------------------


class UnitReportForm(FlaskForm):
    """The fixed fields; `report_form` adds the plan's sections and figures by their titles."""

    files = MultipleFileField(
        "Tệp báo cáo",
        description=f"{ACCEPTED}; mỗi tệp tối đa {MAX_FILE_BYTES // MB} MB, "
        f"tổng cộng {MAX_TOTAL_BYTES // MB} MB",
    )
    doc_number = StringField("Số văn bản")
    doc_date = DateField("Ngày văn bản", description="ví dụ 12/9/2019")
    contact = StringField("Người liên hệ")
    phone = StringField("Điện thoại")

    def section_fields(self) -> list[Field]:
        return [f for name, f in self._fields.items() if name.startswith("section_")]

    def figure_fields(self) -> list[Field]:
        return [f for name, f in self._fields.items() if name.startswith("figure_")]


class ExtensionForm(FlaskForm):
    until = DateField("Gia hạn đến ngày", description="ví dụ 20/9/2019")
    reason = TextAreaField("Lý do")


def report_form(plan: Plan, *, formdata: Any = True) -> UnitReportForm:
    class PlanReportForm(UnitReportForm):
        pass

    with_plan_fields(PlanReportForm, plan)
    return PlanReportForm() if formdata is True else PlanReportForm(formdata=formdata)


@bp.record_once
def _allow_uploads(state: BlueprintSetupState) -> None:
    # The app reads at most 2 MB of a request; the unit's files may reach 50 MB. Raised for this one
    # endpoint, and first of all: the CSRF check reads the form before any view or blueprint hook.
    def allow() -> None:
        if request.endpoint == "unit.send":
            # Room beyond the limit, so that files a little over it get the message next to the field;
            # far over it, the 413 page says the same.
            request.max_content_length = MAX_TOTAL_BYTES + 10 * MB

    state.app.before_request_funcs.setdefault(None, []).insert(0, allow)


def files_dir() -> Path:
    """Where units' files are kept (TRACKER_FILES_DIR: outside anything served)."""
    return web().settings.files_dir


def _sent(form: UnitReportForm, plan: Plan) -> UnitReport:
    uploads = [Upload(f.filename or "", f.read()) for f in request.files.getlist(form.files.name)]
    sections = [s.key for index, s in enumerate(plan.sections) if form[f"section_{index}"].data]
    figures = {f.key: form[f"figure_{index}"].data or "" for index, f in enumerate(plan.figures)}
    return UnitReport(
        uploads=uploads,
        doc_number=form.doc_number.data or "",
        doc_date=form.doc_date.parsed if not form.doc_date.errors else None,
        doc_date_problem=" ".join(form.doc_date.errors),
        contact=form.contact.data or "",
        phone=form.phone.data or "",
        sections=tuple(sections),
        figures={key: text for key, text in figures.items() if text.strip()},
    )


@bp.post("/u/<token>")
@public
def send(token: str) -> Any:
    page = _unit_page(token)
    if not isinstance(page, UnitPage):
        return page
    context = web()
    form = report_form(page.context.plan)
    form.validate()  # only parses the date: the service checks everything else, all at once
    sent = _sent(form, page.context.plan)
    folder = files_dir()
    written: list[Path] = []
    try:
        with context.transaction() as db:
            report = _opened(db, token)
            assert report is not None, "opened a moment ago"
            recorded = submit(db, page.context.office, report, sent, folder, now=context.now())
            written = [folder / f.stored_name for f in recorded.files]
    except InvalidFields as refused:
        form.doc_date.errors = []  # said again by the service, under the same field
        error = place_problems(form, refused, page.context.plan)
        return _page(page, token, form, error), 400
    except Exception:
        for path in written:  # the commit failed: no file without its record
            path.unlink(missing_ok=True)
        raise
    flash(
        "Đã nhận báo cáo của đơn vị. Ban Tổ chức sẽ xem và liên hệ nếu cần bổ sung; "
        "đơn vị không còn nhận thư nhắc cho báo cáo này."
    )
    return redirect(url_for("unit.unit", token=token), 303)


@bp.post("/u/<token>/extension")
@public
def ask_for_time(token: str) -> Any:
    page = _unit_page(token)
    if not isinstance(page, UnitPage):
        return page
    context = web()
    form = ExtensionForm()
    # Only parses the date (CSRF is checked for every POST by the app's CSRFProtect, before any view);
    # the service checks everything else, all at once.
    form.validate()
    asked = ExtensionAsked(
        until=form.until.parsed if not form.until.errors else None,
        reason=form.reason.data or "",
        until_unreadable=" ".join(form.until.errors),
    )
    try:
        with context.transaction() as db:
            report = _opened(db, token)
            assert report is not None, "opened a moment ago"
            ask(db, page.context.office, report, asked, now=context.now())
    except InvalidFields as refused:
        form.until.errors = []  # said again by the service, under the same field
        error = place_problems(form, refused, page.context.plan)
        return _page(page, token, error=error, extension_form=form), 400
    owner = page.context.office.organization.owner.name
    flash(
        f"Đã gửi đề nghị gia hạn. {owner} sẽ trả lời qua email; trong khi chờ, "
        "thời hạn và thư nhắc vẫn giữ như cũ."
    )
    return redirect(url_for("unit.unit", token=token), 303)
