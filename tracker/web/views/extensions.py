"""Ban Tổ chức's answer to a unit's request for more time, on the report page: approve (the unit gets
its own last day, as asked or as the clerk sets it) or refuse with a reason; the unit is emailed."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, url_for
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session
from wtforms import TextAreaField

from tracker.core.access import Role
from tracker.core.office import Office
from tracker.errors import BadInput
from tracker.services.extensions import approve, refuse
from tracker.services.reminding import DueReminders
from tracker.web.context import signed_in_user, web
from tracker.web.security import requires
from tracker.web.views.milestone import DateField
from tracker.web.views.report import _render
from tracker.web.views.unit import unit_mail

bp = Blueprint("extensions", __name__)


class ApproveForm(FlaskForm):
    until = DateField("Gia hạn đến ngày")


class RefuseForm(FlaskForm):
    answer = TextAreaField("Lý do không đồng ý")


def _answer(plan: str, milestone: str, unit: str, answer: Any) -> Any:
    """Run `answer(db, office, reminders, by)` (which says what it did); a refusal shows the report
    page again with the message, nothing written."""
    context = web()
    try:
        with context.transaction() as db:
            office, reminders = unit_mail(db)
            done = answer(db, office, reminders, signed_in_user().full_name)
    except BadInput as refused:
        return _render(plan, milestone, unit, {}, str(refused)), 400
    flash(done)
    return redirect(url_for("report.report", plan=plan, milestone=milestone, unit=unit), 303)


@bp.post("/plans/<plan>/<milestone>/<unit>/extension/<int:request_id>/approve")
@requires(Role.CLERK)
def approve_request(plan: str, milestone: str, unit: str, request_id: int) -> Any:
    form = ApproveForm()
    if not form.validate():
        return _render(plan, milestone, unit, {}, " ".join(form.until.errors)), 400

    def answer(db: Session, office: Office, reminders: DueReminders, by: str) -> str:
        codes = (plan, milestone, unit)
        return approve(
            db, office, codes, request_id, reminders, until=form.until.parsed, by=by, now=web().now()
        )

    return _answer(plan, milestone, unit, answer)


@bp.post("/plans/<plan>/<milestone>/<unit>/extension/<int:request_id>/refuse")
@requires(Role.CLERK)
def refuse_request(plan: str, milestone: str, unit: str, request_id: int) -> Any:
    form = RefuseForm()
    form.validate()

    def answer(db: Session, office: Office, reminders: DueReminders, by: str) -> str:
        codes = (plan, milestone, unit)
        return refuse(
            db, office, codes, request_id, reminders, answer=form.answer.data or "", by=by, now=web().now()
        )

    return _answer(plan, milestone, unit, answer)
