"""The dashboard's Flask application, built by `create_app`: nothing happens at import time."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError, CSRFProtect
from jinja2 import FileSystemLoader, StrictUndefined
from sqlalchemy import Engine
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from tracker.core.access import ROLE_LABELS, Role
from tracker.settings import Settings
from tracker.store.db import make_engine, migrate
from tracker.web import auth, filters
from tracker.web.config import WebSettings, read_web_settings
from tracker.web.context import Web, current_user
from tracker.web.security import add_security_headers, check_every_view_has_a_role
from tracker.web.views import (
    audit,
    board,
    digest,
    extensions,
    health,
    inbox,
    milestone,
    report,
    schedule,
    sent,
    unit,
)

# One module per page under tracker/web/views, each with a blueprint `bp`: a new page is a module
# added here (and a row per route in tests/web/test_every_route_answers_each_role_as_expected.py).
PAGES = (health, board, milestone, report, schedule, unit, sent, extensions, digest, audit, inbox)

ERROR_TEXTS = {
    400: ("Yêu cầu không hợp lệ", "Trang không hiểu được yêu cầu này."),
    403: ("Không có quyền", "Tài khoản của bạn không có quyền mở trang này hoặc làm việc này."),
    404: ("Không tìm thấy", "Không có trang này. Có thể đường dẫn đã sai hoặc đã cũ."),
    405: ("Không thực hiện được", "Trang này không nhận cách gửi yêu cầu đó."),
    413: ("Tệp quá lớn", "Các tệp gửi lên quá lớn: mỗi tệp tối đa 20 MB, tổng cộng 50 MB. Hãy bớt tệp."),
    500: ("Lỗi hệ thống", "Đã có lỗi khi xử lý yêu cầu. Hãy thử lại; nếu vẫn lỗi, báo cho quản trị."),
}


class _Flask(Flask):
    def select_jinja_autoescape(self, filename: str | None) -> bool:
        return True  # every template here is HTML (`*.html.j2`): a name from config or input stays text


def create_app(
    settings: Settings,
    *,
    engine: Engine | None = None,
    clock: Callable[[], datetime] | None = None,
    web_settings: WebSettings | None = None,
) -> Flask:
    """The dashboard on `settings`' database (or `engine`), with `clock` (default: the real one)."""
    web_settings = web_settings or read_web_settings(settings)
    if engine is None:
        engine = make_engine(settings.database_url)
        migrate(engine)
    app = _Flask(__name__, static_folder="static")
    app.config.update(
        SECRET_KEY=web_settings.secret_key,
        SESSION_COOKIE_NAME="tracker_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=web_settings.behind_proxy,
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session, which ends when idle
        WTF_CSRF_SSL_STRICT=web_settings.behind_proxy,
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
    )
    if web_settings.behind_proxy:  # the proxy says the client's address and that it spoke HTTPS
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    app.extensions["tracker"] = Web(settings, web_settings, engine, clock or (lambda: datetime.now(UTC)))
    app.jinja_loader = FileSystemLoader(settings.templates_dir / "web")
    app.jinja_env.undefined = StrictUndefined
    filters.install(app.jinja_env)
    app.jinja_env.globals.update(
        current_user=current_user, Role=Role, role_labels=ROLE_LABELS, nav_endpoints=app.view_functions
    )
    CSRFProtect(app)

    app.before_request(auth.load_user)
    app.after_request(add_security_headers)
    app.register_blueprint(auth.bp)
    for page in PAGES:
        app.register_blueprint(page.bp)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    check_every_view_has_a_role(app)
    return app


def _error_page(code: int, message: str | None = None) -> tuple[str, int]:
    title, text = ERROR_TEXTS.get(code, (f"Lỗi {code}", "Không thực hiện được yêu cầu."))
    return render_template("error.html.j2", code=code, title=title, message=message or text), code


def _csrf_error(_error: CSRFError) -> Any:
    return _error_page(
        400, "Biểu mẫu đã hết hạn hoặc thiếu mã bảo vệ. Hãy tải lại trang rồi làm lại thao tác."
    )


def _http_error(error: HTTPException) -> Any:
    if error.code is None or error.code < 400:
        return error
    own_words = error.description if error.description != type(error).description else None
    return _error_page(error.code, own_words)  # a view's `abort(404, "Không có …")` says what is missing


def _unexpected_error(error: Exception) -> Any:
    # Logged with its traceback; the page shows nothing of it (no secrets, no internals).
    logging.getLogger("tracker.web").exception("unexpected error", exc_info=error)
    return _error_page(500)
