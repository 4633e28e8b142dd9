"""Signing in and out. The session cookie holds only a random token; the session itself lives in the
database (tracker.services.users), so it is renewed at each login and really ends at logout."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired

from tracker.services.users import session_user, sign_in, sign_out
from tracker.web.context import web
from tracker.web.security import public, safe_next

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    login = StringField("Tên đăng nhập", validators=[InputRequired("Hãy nhập tên đăng nhập.")])
    password = PasswordField("Mật khẩu", validators=[InputRequired("Hãy nhập mật khẩu.")])
    submit = SubmitField("Đăng nhập")


def load_user() -> None:
    """Before each request: who is signed in (an idle or ended session signs nobody in)."""
    g.user = None
    token = session.get("token")
    if not token or request.endpoint == "static":
        return
    context = web()
    with context.transaction() as db:
        g.user = session_user(db, token, idle=context.web_settings.idle, now=context.now())
    if g.user is None:
        session.clear()


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> Any:
    form = LoginForm()
    error, status = "", 200
    if form.validate_on_submit():
        context = web()
        address = request.remote_addr or ""
        with context.transaction() as db:
            outcome = sign_in(db, form.login.data.strip(), form.password.data, address, now=context.now())
        if outcome.token:
            session.clear()  # a new session: nothing of the one before the login survives (fixation)
            session["token"] = outcome.token
            return redirect(safe_next(request.args.get("next")))
        error, status = outcome.refusal, 429 if outcome.throttled else 401
    return render_template("login.html.j2", form=form, error=error), status


@bp.route("/logout", methods=["POST"])
@public
def logout() -> Any:
    token = session.get("token")
    if token:
        context = web()
        with context.transaction() as db:
            sign_out(db, token)
    session.clear()
    return redirect(url_for("auth.login"))
