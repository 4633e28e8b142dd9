"""Digest `/digest?as_of=…`: the printable digest in the page (a frame on `/digest/document`, printed by
the page's "In" button), its HTML, XLSX and DOCX files, and for admins "send now", which says to whom
it went."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import HiddenField

from tracker.core.access import Role
from tracker.core.deadlines import parse_as_of
from tracker.core.office import Office
from tracker.errors import BadInput
from tracker.services.digests import GatheredDigest, gather_digest, render_digest, send_digest_now
from tracker.store.repository import load_office
from tracker.web.context import signed_in_user, web
from tracker.web.security import DOCUMENT_POLICY, requires

bp = Blueprint("digest", __name__)

# The files the page offers: format → (media type, file suffix).
FILES = {
    "html": ("text/html; charset=utf-8", "html"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}


class SendForm(FlaskForm):
    as_of = HiddenField()


def _moment(office: Office, text: str | None) -> datetime:
    """The digest's moment from the address (`as_of`: a date, or a date and time in the plan's zone)."""
    return parse_as_of(text, office.zone, web().now(), label="Số liệu lúc")


def _gathered(text: str | None) -> GatheredDigest:
    with web().transaction() as db:
        office = load_office(db)
        return gather_digest(db, office, _moment(office, text))


def _rendered(gathered: GatheredDigest, fmt: str) -> bytes:
    shell = web().shell
    return render_digest(gathered, fmt, shell.digest_templates, shell.mail_from(gathered.office.organization))


@bp.route("/digest")
@requires(Role.VIEWER)
def digest() -> Any:
    text = request.args.get("as_of", "").strip()
    error = ""
    try:
        gathered = _gathered(text)
    except BadInput as refused:  # said above the digest of now
        error, gathered = str(refused), _gathered(None)
    as_of = gathered.digest.as_of.astimezone(gathered.digest.zone)
    form = SendForm(as_of=as_of.isoformat())
    return render_template(
        "digest.html.j2",
        gathered=gathered,
        digest=gathered.digest,
        schedule=gathered.office.organization.digest,
        as_of=as_of,
        typed=text,
        error=error,
        form=form,
    )


@bp.route("/digest/document")
@requires(Role.VIEWER)
def document() -> Any:
    """The printable A4 document alone, shown in the digest page's frame (no script, its own style)."""
    try:
        gathered = _gathered(request.args.get("as_of"))
    except BadInput:
        gathered = _gathered(None)
    response = Response(_rendered(gathered, "html"), mimetype="text/html")
    response.headers["Content-Security-Policy"] = DOCUMENT_POLICY
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


@bp.route("/digest/file/<fmt>")
@requires(Role.VIEWER)
def file(fmt: str) -> Any:
    if fmt not in FILES:
        abort(404, f"Không có định dạng '{fmt}'. Hãy chọn HTML, XLSX hoặc DOCX.")
    try:
        gathered = _gathered(request.args.get("as_of"))
    except BadInput as refused:
        abort(400, str(refused))
    media_type, suffix = FILES[fmt]
    day = gathered.digest.as_of.astimezone(gathered.digest.zone)
    response = Response(_rendered(gathered, fmt), mimetype=media_type)
    name = f"bao-cao-tien-do-{day:%Y-%m-%d}.{suffix}"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    if fmt == "html":
        response.headers["Content-Security-Policy"] = DOCUMENT_POLICY
    return response


@bp.route("/digest/send", methods=["POST"])
@requires(Role.ADMIN)
def send() -> Any:
    form = SendForm()
    if not form.validate_on_submit():
        return redirect(url_for("digest.digest"))
    shell = web().shell
    with web().transaction() as db:
        office = load_office(db)
    try:
        moment = _moment(office, form.as_of.data)
        sender = shell.sweep().sender(office)  # bad mail settings are said, not a 500
    except BadInput as refused:
        flash(str(refused), "bad")
        return redirect(url_for("digest.digest"))
    by = signed_in_user().login
    delivery = send_digest_now(shell.engine, office, shell.digest_queue(), sender, moment, web().now(), by=by)
    flash(delivery.said(), "good" if delivery.sent_to else "bad")
    return redirect(url_for("digest.digest", as_of=moment.isoformat()))
