"""What units sent through their links, as the clerk sees it on the report page: the files to
download (clerks only, each download audited), and the clerk's decision, accept or return with a
reason (the unit is emailed the reason and its ladder resumes)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, send_file, url_for
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired

from tracker.core.access import Role
from tracker.core.uploads import MIME_TYPES
from tracker.errors import BadInput, NotFound
from tracker.services.unit_submissions import accept, downloaded, return_report
from tracker.web.context import signed_in_user, web
from tracker.web.security import requires
from tracker.web.views.report import _render
from tracker.web.views.unit import files_dir, unit_mail

bp = Blueprint("sent", __name__)


class ReturnForm(FlaskForm):
    reason = TextAreaField(
        "Lý do trả lại",
        filters=[lambda text: text.strip() if text else text],
        validators=[DataRequired("Hãy ghi lý do trả lại: đơn vị nhận được lý do này qua email.")],
    )


@bp.get("/files/<int:file_id>")
@requires(Role.CLERK)
def download(file_id: int) -> Any:
    context = web()
    try:
        with context.transaction() as db:
            row, path = downloaded(db, file_id, files_dir(), by=signed_in_user().full_name, now=context.now())
    except NotFound as missing:
        abort(404, str(missing))
    return send_file(path, mimetype=MIME_TYPES[row.kind], as_attachment=True, download_name=row.name)


def _back(plan: str, milestone: str, unit: str) -> Any:
    return redirect(url_for("report.report", plan=plan, milestone=milestone, unit=unit), 303)


@bp.post("/plans/<plan>/<milestone>/<unit>/sent/<int:submission_id>/accept")
@requires(Role.CLERK)
def accept_sent(plan: str, milestone: str, unit: str, submission_id: int) -> Any:
    context = web()
    try:
        with context.transaction() as db:
            accept(
                db, (plan, milestone, unit), submission_id, by=signed_in_user().full_name, now=context.now()
            )
    except BadInput as refused:
        return _render(plan, milestone, unit, {}, str(refused)), 400
    flash("Đã chấp nhận báo cáo đơn vị gửi qua liên kết.")
    return _back(plan, milestone, unit)


@bp.post("/plans/<plan>/<milestone>/<unit>/sent/<int:submission_id>/return")
@requires(Role.CLERK)
def return_sent(plan: str, milestone: str, unit: str, submission_id: int) -> Any:
    form = ReturnForm()
    if not form.validate():
        return _render(plan, milestone, unit, {}, " ".join(form.reason.errors)), 400
    context = web()
    try:
        with context.transaction() as db:
            office, reminders = unit_mail(db)
            return_report(
                db,
                office,
                (plan, milestone, unit),
                submission_id,
                reminders,
                reason=form.reason.data,
                by=signed_in_user().full_name,
                now=context.now(),
            )
    except BadInput as refused:
        return _render(plan, milestone, unit, {}, str(refused)), 400
    flash("Đã trả lại báo cáo: đơn vị sẽ nhận email nêu lý do, thư nhắc tiếp tục theo thời hạn.")
    return _back(plan, milestone, unit)
