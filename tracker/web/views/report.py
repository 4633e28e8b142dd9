"""Report `/plans/<plan>/<milestone>/<unit>`: one report's whole story, and the clerk's forms to record
(or replace) a receipt, undo it, exempt the unit and undo the exemption.

Every form carries the report's version as the page showed it: acting on a report another clerk has
changed meanwhile is refused with who did what and when. A refused form is shown again with each
message next to its field and what was typed kept; nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session
from wtforms import BooleanField, Field, IntegerField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional
from wtforms.widgets import HiddenInput

from tracker.core.access import Role
from tracker.core.model import Plan
from tracker.errors import BadInput, InvalidFields, NotFound
from tracker.services.extensions import requests_of
from tracker.services.roll import MilestoneContext
from tracker.services.story import ReportPage, check_unchanged, mail_preview, report_page
from tracker.services.submissions import Receipt, exempt, receive, unexempt, unreceive
from tracker.services.unit_submissions import submissions_of
from tracker.web.context import signed_in_user, web
from tracker.web.forms import place_problems, with_plan_fields
from tracker.web.security import requires
from tracker.web.views.milestone import DateField, located
from tracker.web.views.unit import link_shown

bp = Blueprint("report", __name__)


class ActForm(FlaskForm):
    """What every form on the page carries: the report's version it was shown at."""

    version = IntegerField(widget=HiddenInput(), validators=[Optional()])


class ExemptForm(ActForm):
    reason = TextAreaField(
        "Lý do",
        filters=[lambda text: text.strip() if text else text],
        validators=[DataRequired("Hãy ghi lý do miễn nộp.")],
    )
    on = DateField("Ngày miễn nộp", validators=[InputRequired("Hãy nhập ngày miễn nộp.")])
    submit = SubmitField("Miễn nộp")


class UndoReceiptForm(ActForm):
    submit = SubmitField("Hủy ghi nhận")


class UndoExemptionForm(ActForm):
    reason = TextAreaField(
        "Lý do hủy miễn nộp",
        filters=[lambda text: text.strip() if text else text],
        validators=[DataRequired("Hãy ghi lý do hủy miễn nộp.")],
    )
    submit = SubmitField("Hủy miễn nộp")


class ReceiptForm(ActForm):
    """The receipt's fixed fields; `receipt_form` adds the plan's sections and figures."""

    received_on = DateField("Ngày nhận", validators=[InputRequired("Hãy nhập ngày nhận.")])
    doc_number = StringField("Số văn bản")
    note = TextAreaField("Ghi chú")
    confirm = BooleanField("Tôi xác nhận ghi đè báo cáo đã ghi nhận (thao tác được lưu vết)")
    submit = SubmitField("Ghi nhận")

    def section_fields(self) -> list[Field]:
        return [f for name, f in self._fields.items() if name.startswith("section_")]

    def figure_fields(self) -> list[Field]:
        return [f for name, f in self._fields.items() if name.startswith("figure_")]


def receipt_form(plan: Plan, today: date, *, formdata: Any = True) -> ReceiptForm:
    """The receipt form of `plan`: a checkbox per section and a field per figure, labelled with their
    titles; today (the plan's zone) as the default date."""

    class PlanReceiptForm(ReceiptForm):
        pass

    with_plan_fields(PlanReceiptForm, plan)
    kwargs = {} if formdata is True else {"formdata": formdata}
    return PlanReceiptForm(received_on=f"{today:%d/%m/%Y}", **kwargs)


def _story(db: Session, plan: str, milestone: str, unit: str) -> ReportPage:
    context = web()
    found = located(db, plan, milestone)
    mail = mail_preview(
        found.office,
        context.settings.templates_dir / "emails",
        context.settings.env.get("TRACKER_MAIL_FROM", ""),
    )
    try:
        return report_page(db, found, unit, mail, context.now())
    except NotFound as missing:
        abort(404, str(missing))


def _render(plan: str, milestone: str, unit: str, forms: dict[str, FlaskForm], error: str = "") -> Any:
    context = web()
    with context.transaction() as db:
        page = _story(db, plan, milestone, unit)
        link = link_shown(db, plan, milestone, unit)
        sent = submissions_of(db, (plan, milestone, unit))
        extension_requests = requests_of(db, (plan, milestone, unit))
    today = context.now().astimezone(page.context.office.zone).date()
    shown = {
        "receipt": receipt_form(page.context.plan, today, formdata=None),
        "exempt": ExemptForm(formdata=None, on=f"{today:%d/%m/%Y}"),
        "unreceive": UndoReceiptForm(formdata=None),
        "unexempt": UndoExemptionForm(formdata=None),
    } | forms
    for form in shown.values():
        if not form.version.data:
            form.version.data = page.version
    return render_template(
        "report.html.j2",
        page=page,
        forms=shown,
        error=error,
        zone=page.context.office.zone,
        link=link,
        sent=sent,
        extension_requests=extension_requests,
    )


@bp.get("/plans/<plan>/<milestone>/<unit>")
@requires(Role.VIEWER)
def report(plan: str, milestone: str, unit: str) -> Any:
    return _render(plan, milestone, unit, {})


Act = Callable[[Session, MilestoneContext, str], str]


def _act(plan: str, milestone: str, unit: str, name: str, form: ActForm, act: Act) -> Any:
    """Check the form, then in one transaction check the report is as shown and `act` on it (which
    says what it did); a refusal shows the page again with the messages and changes nothing."""
    if not form.validate():
        return _render(plan, milestone, unit, {name: form}), 400
    context = web()
    try:
        with context.transaction() as db:
            found = located(db, plan, milestone)
            check_unchanged(db, found, unit, form.version.data or 0)
            done = act(db, found, signed_in_user().full_name)
    except InvalidFields as refused:
        error = place_problems(form, refused, found.plan)
        return _render(plan, milestone, unit, {name: form}, error), 400
    except BadInput as refused:
        return _render(plan, milestone, unit, {name: form}, str(refused)), 400
    flash(done)
    return redirect(url_for("report.report", plan=plan, milestone=milestone, unit=unit), 303)


def _receipt(form: ReceiptForm, plan: Plan, by: str) -> Receipt:
    sections = [s.key for index, s in enumerate(plan.sections) if form[f"section_{index}"].data]
    figures = {f.key: form[f"figure_{index}"].data or "" for index, f in enumerate(plan.figures)}
    return Receipt(
        received_on=form.received_on.parsed or date.min,
        doc_number=(form.doc_number.data or "").strip(),
        note=(form.note.data or "").strip(),
        by=by,
        channel="web",
        sections=tuple(sections),
        figures={key: text for key, text in figures.items() if text.strip()},
    )


def _receive(plan: str, milestone: str, unit: str, *, replace: bool) -> Any:
    context = web()
    with context.transaction() as db:
        found = located(db, plan, milestone)
    today = context.now().astimezone(found.office.zone).date()
    form = receipt_form(found.plan, today)
    if replace and not form.confirm.data:
        form.confirm.errors = ["Hãy đánh dấu xác nhận để ghi đè báo cáo đã ghi nhận."]
        return _render(plan, milestone, unit, {"receipt": form}), 400

    def act(db: Session, found: MilestoneContext, by: str) -> str:
        receipt = _receipt(form, found.plan, by)
        receive(db, found.office, plan, milestone, unit, receipt, replace=replace, now=context.now())
        return f"Đã ghi nhận báo cáo, ngày nhận {receipt.received_on:%d/%m/%Y}."

    return _act(plan, milestone, unit, "receipt", form, act)


@bp.post("/plans/<plan>/<milestone>/<unit>/receive")
@requires(Role.CLERK)
def record(plan: str, milestone: str, unit: str) -> Any:
    return _receive(plan, milestone, unit, replace=False)


@bp.post("/plans/<plan>/<milestone>/<unit>/replace")
@requires(Role.CLERK)
def replace(plan: str, milestone: str, unit: str) -> Any:
    return _receive(plan, milestone, unit, replace=True)


@bp.post("/plans/<plan>/<milestone>/<unit>/unreceive")
@requires(Role.CLERK)
def undo_receipt(plan: str, milestone: str, unit: str) -> Any:
    def act(db: Session, found: MilestoneContext, by: str) -> str:
        unreceive(db, found.office, plan, milestone, unit, by=by, note="", now=web().now())
        return "Đã hủy ghi nhận báo cáo."

    return _act(plan, milestone, unit, "unreceive", UndoReceiptForm(), act)


@bp.post("/plans/<plan>/<milestone>/<unit>/exempt")
@requires(Role.CLERK)
def exempt_unit(plan: str, milestone: str, unit: str) -> Any:
    form = ExemptForm()

    def act(db: Session, found: MilestoneContext, by: str) -> str:
        on = form.on.parsed or date.min
        note = form.reason.data.strip()
        exempt(db, found.office, plan, milestone, unit, by=by, note=note, now=web().now(), on=on)
        return f"Đã miễn nộp báo cáo từ ngày {on:%d/%m/%Y}."

    return _act(plan, milestone, unit, "exempt", form, act)


@bp.post("/plans/<plan>/<milestone>/<unit>/unexempt")
@requires(Role.CLERK)
def undo_exemption(plan: str, milestone: str, unit: str) -> Any:
    form = UndoExemptionForm()

    def act(db: Session, found: MilestoneContext, by: str) -> str:
        unexempt(db, found.office, plan, milestone, unit, by=by, note=form.reason.data, now=web().now())
        return "Đã hủy miễn nộp: báo cáo lại phải nộp, thư nhắc tiếp tục."

    return _act(plan, milestone, unit, "unexempt", form, act)
