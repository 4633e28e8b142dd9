"""Milestone `/plans/<plan>/<milestone>`: the roll of its units, filtered, searched, sorted and paged
by the URL; exported as CSV or XLSX; and the bulk action of a clerk on the rows ticked."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, flash, redirect, render_template, request
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, SubmitField
from wtforms.validators import InputRequired

from tracker.core.access import Role
from tracker.core.deadlines import parse_date
from tracker.core.roll import COLUMN_TITLES, STATE_ORDER, RollColumn, RollView
from tracker.errors import BadInput, NotFound
from tracker.services.roll import (
    MilestoneContext,
    exempt_many,
    milestone_context,
    milestone_roll,
    receive_many,
    roll_csv,
    roll_xlsx,
    whole_view,
)
from tracker.services.submissions import Receipt
from tracker.store.repository import load_office
from tracker.web.context import signed_in_user, web
from tracker.web.security import requires

bp = Blueprint("milestone", __name__)

EXPORTS = {
    "csv": ("text/csv; charset=utf-8", roll_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", roll_xlsx),
}


class DateField(StringField):
    """A date typed as Vietnamese users write it (15/9/2019) or picked; kept as typed on an error."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata(valuelist)
        self.parsed: date | None = None
        if self.data:
            try:
                self.parsed = parse_date(self.data)
            except ValueError as error:
                raise ValueError(f"Ngày không hợp lệ: {error}.") from None


class BulkForm(FlaskForm):
    action = RadioField(
        "Thao tác",
        choices=[("receive", "Ghi nhận đã nhận báo cáo"), ("exempt", "Miễn nộp")],
        validators=[InputRequired("Hãy chọn thao tác.")],
    )
    on = DateField("Ngày (nhận hoặc miễn nộp)", validators=[InputRequired("Hãy nhập ngày.")])
    reason = StringField("Lý do miễn nộp")
    submit = SubmitField("Thực hiện với các đơn vị đã chọn")


def _href(path: str, view: RollView) -> str:
    query = urlencode(view.query())
    return f"{path}?{query}" if query else path


def located(db: Any, plan: str, milestone: str) -> MilestoneContext:
    """The milestone the URL names, or the 404 page."""
    try:
        return milestone_context(db, load_office(db), plan, milestone)
    except NotFound as missing:
        abort(404, str(missing))


def _page(plan: str, milestone: str, form: BulkForm, error: str = "") -> Any:
    context = web()
    view = RollView.parse(request.args.to_dict(flat=False))
    with context.transaction() as db:
        found = located(db, plan, milestone)
        roll = milestone_roll(db, found, view, context.now())
    template = "_roll.html.j2" if request.headers.get("HX-Request") else "milestone.html.j2"
    user = signed_in_user()
    return render_template(
        template,
        href=lambda shown: _href(request.path, shown),
        export_href=lambda fmt: _href(f"{request.path}/export/{fmt}", view),
        can_act=user.role.allows(Role.CLERK),
        found=found,
        roll=roll,
        form=form,
        error=error,
        zone=found.office.zone,
        columns=COLUMN_TITLES,
        Column=RollColumn,
        states=STATE_ORDER,
    )


@bp.get("/plans/<plan>/<milestone>")
@requires(Role.VIEWER)
def milestone(plan: str, milestone: str) -> Any:
    return _page(plan, milestone, BulkForm(formdata=None))


@bp.get("/plans/<plan>/<milestone>/export/<fmt>")
@requires(Role.VIEWER)
def export(plan: str, milestone: str, fmt: str) -> Any:
    if fmt not in EXPORTS:
        abort(404, "Chỉ xuất được CSV hoặc XLSX.")
    mimetype, render = EXPORTS[fmt]
    context = web()
    view = RollView.parse(request.args.to_dict(flat=False))
    with context.transaction() as db:
        found = located(db, plan, milestone)
        data = render(whole_view(db, found, view, context.now()), found)
    name = f"{plan}-{milestone}.{fmt}"
    return Response(
        data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@bp.post("/plans/<plan>/<milestone>")
@requires(Role.CLERK)
def bulk(plan: str, milestone: str) -> Any:
    form = BulkForm()
    units = request.form.getlist("unit")
    if not units:
        return _page(plan, milestone, form, "Hãy đánh dấu ít nhất một đơn vị trong bảng."), 400
    if not form.validate():
        return _page(plan, milestone, form), 400
    if form.action.data == "exempt" and not (form.reason.data or "").strip():
        form.reason.errors = ["Hãy ghi lý do miễn nộp."]
        return _page(plan, milestone, form), 400
    context = web()
    user = signed_in_user()
    try:
        with context.transaction() as db:
            found = located(db, plan, milestone)
            if form.action.data == "receive":
                receipt = Receipt(received_on=form.on.parsed or date.min, by=user.full_name)
                done = receive_many(db, found, units, receipt, context.now())
                flash(f"Đã ghi nhận báo cáo của {done} đơn vị.")
            else:
                done = exempt_many(
                    db, found, units, by=user.full_name, reason=form.reason.data.strip(), now=context.now()
                )
                flash(f"Đã miễn nộp cho {done} đơn vị.")
    except BadInput as refused:
        return _page(plan, milestone, form, str(refused)), 400
    return redirect(request.full_path.rstrip("?"), 303)
