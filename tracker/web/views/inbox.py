"""Inbox `/inbox` ("Thư đến"): the messages intake read from Ban Tổ chức's mailbox and left to the clerk,
those matched to a report apart from the rest. Accept records the receipt, pre-filled from the mail
(the day it was sent, the document number seen in it) and editable, through `receive`; dismiss keeps
the mail as handled and records nothing. Both are audited with the clerk."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from tracker.core.access import Role
from tracker.errors import BadInput, InvalidFields, NotFound
from tracker.services.intake import CHANNEL, Inbox, InboxEntry, accept, dismiss, inbox
from tracker.services.submissions import Receipt
from tracker.store.repository import load_office
from tracker.web.context import signed_in_user, web
from tracker.web.security import requires
from tracker.web.views.milestone import DateField

bp = Blueprint("inbox", __name__)


class AcceptForm(FlaskForm):
    received_on = DateField("Ngày nhận", validators=[InputRequired("Hãy nhập ngày nhận.")])
    doc_number = StringField("Số văn bản")
    # Only for a mail matched to no report; the choices are set when the page is drawn, and the
    # report chosen is checked by `accept` (a report received meanwhile is refused in words).
    report = SelectField("Báo cáo của đơn vị", choices=[], validate_choice=False)
    note = TextAreaField("Ghi chú")
    submit = SubmitField("Ghi nhận")


class DismissForm(FlaskForm):
    submit = SubmitField("Bỏ qua")


def _render(forms: dict[int, AcceptForm] | None = None, error: str = "", status: int = 200) -> Any:
    context = web()
    with context.transaction() as db:
        office = load_office(db)
        found: Inbox = inbox(db, office, context.now())
    today = context.now().astimezone(office.zone).date()
    accept_forms = {
        entry.id: AcceptForm(
            formdata=None,
            prefix=f"m{entry.id}",
            received_on=f"{entry.sent_on or today:%d/%m/%Y}",
            doc_number=entry.doc_number,
            report=entry.choices[0][0] if entry.choices else "",
        )
        for entry in [*found.matched, *found.unmatched]
    } | (forms or {})
    for entry in found.unmatched:
        accept_forms[entry.id].report.choices = _report_choices(entry, found)
    page = render_template(
        "inbox.html.j2",
        inbox=found,
        accept_forms=accept_forms,
        dismiss=DismissForm(),
        zone=office.zone,
        error=error,
    )
    return page, status


def _report_choices(entry: InboxEntry, found: Inbox) -> list[SelectChoice]:
    """The reports a mail matched to none may be given: first those of the units the sender is a
    contact of, then every outstanding one, by plan and milestone."""
    return [
        SelectChoice("", "— Chọn báo cáo —"),
        *(SelectChoice(value, words, optgroup="Người gửi là liên hệ của") for value, words in entry.choices),
        *(SelectChoice(c.value, c.words, optgroup=c.group) for c in found.outstanding),
    ]


@bp.get("/inbox")
@requires(Role.CLERK)
def show() -> Any:
    return _render()


def _codes(typed: str) -> tuple[str, str, str] | None:
    parts = [part.strip() for part in typed.split("/")]
    if typed.strip() and len(parts) != 3:
        raise InvalidFields({"report": "Hãy chọn báo cáo trong danh sách."})
    return (parts[0], parts[1], parts[2]) if typed.strip() else None


@bp.post("/inbox/<int:mail_id>/accept")
@requires(Role.CLERK)
def accept_mail(mail_id: int) -> Any:
    form = AcceptForm(prefix=f"m{mail_id}")
    if not form.validate():
        return _render({mail_id: form}, status=400)
    context = web()
    by = signed_in_user().full_name
    receipt = Receipt(
        received_on=form.received_on.parsed or date.min,
        doc_number=(form.doc_number.data or "").strip(),
        by=by,
        note=(form.note.data or "").strip(),
        channel=CHANNEL,
    )
    try:
        with context.transaction() as db:
            office = load_office(db)
            recorded = accept(
                db, office, mail_id, receipt, report=_codes(form.report.data or ""), now=context.now()
            )
            unit = recorded.unit.name
    except InvalidFields as refused:
        for key, message in refused.problems.items():
            field = form._fields.get(key)
            if field is not None:
                field.errors = [*field.errors, message]
        rest = [m for k, m in refused.problems.items() if k not in form._fields]
        return _render({mail_id: form}, " ".join(rest), 400)
    except NotFound as missing:
        abort(404, str(missing))
    except BadInput as refused:
        return _render({mail_id: form}, str(refused), 400)
    flash(f"Đã ghi nhận báo cáo của {unit}, ngày nhận {receipt.received_on:%d/%m/%Y}.")
    return redirect(url_for("inbox.show"), 303)


@bp.post("/inbox/<int:mail_id>/dismiss")
@requires(Role.CLERK)
def dismiss_mail(mail_id: int) -> Any:
    if not DismissForm().validate():
        return _render(status=400)
    context = web()
    try:
        with context.transaction() as db:
            dismiss(db, mail_id, by=signed_in_user().full_name, now=context.now())
    except NotFound as missing:
        abort(404, str(missing))
    except BadInput as refused:
        return _render(error=str(refused), status=400)
    flash("Đã bỏ qua thư; không ghi nhận gì.")
    return redirect(url_for("inbox.show"), 303)
