"""The dashboard's users and their sign-ins: accounts (audited), Argon2id passwords, sessions kept in
the database (so logout, a new password or a disabled account ends them everywhere), and the throttle
on failed sign-ins, counted in the database so that every server thread and process sees the same.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from tracker.core.access import THROTTLE_WINDOW, Role, password_problem, sign_in_wait
from tracker.errors import BadInput
from tracker.store.repository import record_audit
from tracker.store.tables import LoginAttemptRow, UserRow, WebSessionRow

LOGIN_RE = re.compile(r"[a-z0-9][a-z0-9._-]{1,49}")
SEEN_EVERY = timedelta(minutes=1)  # a session's last-seen time is written at most this often


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: a session token, or why not (a failed try is recorded, so this is an
    answer to commit, not an error to roll back)."""

    token: str | None
    refusal: str = ""
    throttled: bool = False  # too many failed tries lately: this one waited, whatever the password


@dataclass(frozen=True)
class User:
    login: str
    full_name: str
    role: Role
    active: bool
    created_at: datetime
    changed_at: datetime


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # Argon2id, with the library's current recommended parameters


@cache
def _dummy_hash() -> str:
    """Verified against when the login is unknown, so that a wrong login takes as long as a wrong
    password and timing does not tell which logins exist."""
    return _hasher().hash(secrets.token_hex(16))


def _user(row: UserRow) -> User:
    return User(row.login, row.full_name, Role(row.role), row.active, row.created_at, row.changed_at)


def _role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise BadInput(f"Vai trò '{role}' không hợp lệ: chọn viewer, clerk hoặc admin.") from None


def _checked_password(password: str) -> str:
    problem = password_problem(password)
    if problem:
        raise BadInput(problem)
    return _hasher().hash(password)


def _row(session: Session, login: str) -> UserRow:
    row = session.scalar(select(UserRow).where(UserRow.login == login))
    if row is None:
        raise BadInput(f"Không có người dùng '{login}'.")
    return row


def _audit(
    session: Session, action: str, row: UserRow, by: str, now: datetime, before: dict[str, object]
) -> None:
    # The password hash is never part of the trail.
    after = {"login": row.login, "full_name": row.full_name, "role": row.role, "active": row.active}
    record_audit(session, at=now, actor=by, action=action, before=before or None, after=after, note=row.login)


def add_user(
    session: Session, login: str, full_name: str, role: str, password: str, *, by: str, now: datetime
) -> User:
    """A new account; the login is lower-case letters, digits, `.`, `_` or `-`."""
    if not LOGIN_RE.fullmatch(login):
        raise BadInput(
            f"Tên đăng nhập '{login}' không hợp lệ: 2–50 ký tự, chữ thường không dấu, chữ số, "
            "'.', '_' hoặc '-'."
        )
    if not full_name.strip():
        raise BadInput("Họ tên không được để trống (--name).")
    checked_role = _role(role)
    if session.scalar(select(UserRow.id).where(UserRow.login == login)) is not None:
        raise BadInput(f"Tên đăng nhập '{login}' đã có người dùng.")
    row = UserRow(
        login=login,
        full_name=full_name.strip(),
        role=checked_role.value,
        password_hash=_checked_password(password),
        active=True,
        created_at=now,
        changed_at=now,
    )
    session.add(row)
    _audit(session, "user.add", row, by, now, {})
    return _user(row)


def set_password(session: Session, login: str, password: str, *, by: str, now: datetime) -> None:
    """A new password; every session of the account ends."""
    row = _row(session, login)
    row.password_hash = _checked_password(password)
    row.changed_at = now
    _end_sessions(session, row.id)
    _audit(session, "user.passwd", row, by, now, {})


def disable_user(session: Session, login: str, *, by: str, now: datetime) -> None:
    """The account can no longer sign in; its sessions end. Its past actions stay in the trail."""
    row = _row(session, login)
    if not row.active:
        raise BadInput(f"Người dùng '{login}' đã bị khoá từ trước.")
    before: dict[str, object] = {"active": True}
    row.active = False
    row.changed_at = now
    _end_sessions(session, row.id)
    _audit(session, "user.disable", row, by, now, before)


def list_users(session: Session) -> list[User]:
    return [_user(row) for row in session.scalars(select(UserRow).order_by(UserRow.login))]


def _end_sessions(session: Session, user_id: int) -> None:
    session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _wait_text(wait: timedelta) -> str:
    minutes = max(1, -(-int(wait.total_seconds()) // 60))  # rounded up: never "0 phút"
    return f"Đăng nhập sai quá nhiều lần trong 15 phút. Vui lòng đợi {minutes} phút rồi thử lại."


def sign_in(session: Session, login: str, password: str, address: str, *, now: datetime) -> SignIn:
    """A new session for `login`, or the refusal. While the account or the address has too many recent
    failures, the password is not even looked at."""
    recent = session.execute(
        select(LoginAttemptRow.at, LoginAttemptRow.login, LoginAttemptRow.address).where(
            LoginAttemptRow.at > now - THROTTLE_WINDOW,
            or_(LoginAttemptRow.login == login, LoginAttemptRow.address == address),
        )
    ).all()
    waits = [
        sign_in_wait([r.at for r in recent if r.login == login], now),
        sign_in_wait([r.at for r in recent if r.address == address], now),
    ]
    wait = max((w for w in waits if w is not None), default=None)
    if wait is not None:
        return SignIn(None, _wait_text(wait), throttled=True)
    row = session.scalar(select(UserRow).where(UserRow.login == login, UserRow.active.is_(True)))
    verified = _verified(row.password_hash if row else _dummy_hash(), password)
    if row is None or not verified:
        session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.at <= now - THROTTLE_WINDOW))
        session.add(LoginAttemptRow(at=now, login=login[:100], address=address[:100]))
        return SignIn(None, "Tên đăng nhập hoặc mật khẩu không đúng.")
    if _hasher().check_needs_rehash(row.password_hash):  # the library's parameters grew stronger
        row.password_hash = _hasher().hash(password)
    token = secrets.token_urlsafe(32)
    session.add(
        WebSessionRow(token_hash=_token_hash(token), user_id=row.id, created_at=now, last_seen_at=now)
    )
    return SignIn(token)


def _verified(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def session_user(session: Session, token: str, *, idle: timedelta, now: datetime) -> User | None:
    """The user signed in with `token`, or None: unknown or ended token, idle longer than `idle`
    (the session then ends), or a disabled account."""
    found = session.execute(
        select(WebSessionRow, UserRow)
        .join(UserRow, UserRow.id == WebSessionRow.user_id)
        .where(WebSessionRow.token_hash == _token_hash(token))
    ).one_or_none()
    if found is None:
        return None
    web_session, row = found
    if now - web_session.last_seen_at > idle or not row.active:
        session.delete(web_session)
        return None
    if now - web_session.last_seen_at >= SEEN_EVERY:
        web_session.last_seen_at = now
    return _user(row)


def sign_out(session: Session, token: str) -> None:
    session.execute(delete(WebSessionRow).where(WebSessionRow.token_hash == _token_hash(token)))
