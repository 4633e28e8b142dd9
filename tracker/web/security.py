"""Headers every answer carries, and the role every view requires (checked when the app is built)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import Flask, Response, abort, redirect, request, url_for

from tracker.core.access import Role
from tracker.web.context import current_user

F = TypeVar("F", bound=Callable[..., Any])

# No inline script or style anywhere: the pages use static CSS and JS files only.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# The printable digest is a self-contained document (its own <style>, a data: chart) shown in a frame
# of the digest page: styles inline, and no script at all.
DOCUMENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


def requires(role: Role) -> Callable[[F], F]:
    """The view needs a signed-in user with at least `role`: else the login page (302), or 403."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            user = current_user()
            if user is None:
                return to_login()
            if not user.role.allows(role):
                abort(403)
            return view(*args, **kwargs)

        wrapper.required_role = role  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def public(view: F) -> F:
    """The view needs no sign-in (login, health check): said out loud, so that forgetting a role is
    an error when the app is built rather than an open page."""
    view.public = True  # type: ignore[attr-defined]
    return view


def check_every_view_has_a_role(app: Flask) -> None:
    for endpoint, view in app.view_functions.items():
        if endpoint != "static" and not (hasattr(view, "required_role") or getattr(view, "public", False)):
            raise RuntimeError(f"view {endpoint} has neither @requires(role) nor @public")


def to_login() -> Response:
    """To the login page, coming back here afterwards. An htmx request is told to load it whole."""
    target = url_for("auth.login", next=request.full_path.rstrip("?"))
    if request.headers.get("HX-Request"):
        return Response(status=204, headers={"HX-Redirect": target})
    return redirect(target)  # type: ignore[return-value]


def safe_next(target: str | None) -> str:
    """Where to go after login: a path on this site only (never another host)."""
    if not target:
        return url_for("board.board")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target[1:2] in ("/", "\\"):
        return url_for("board.board")
    return target


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint != "static":  # pages show who is late: no copies in shared caches
        response.headers.setdefault("Cache-Control", "no-store")
    return response
