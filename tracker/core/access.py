"""Who may do what on the dashboard, and when a sign-in must wait: pure decisions over given facts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum

THROTTLE_FAILURES = 5  # failed sign-ins for one account or one address …
THROTTLE_WINDOW = timedelta(minutes=15)  # … within this long make further tries wait
MIN_PASSWORD_LENGTH = 8


class Role(StrEnum):
    """Each role may do everything the ones before it may."""

    VIEWER = "viewer"  # the Standing Committee: read and print everything
    CLERK = "clerk"  # also record, correct and exempt
    ADMIN = "admin"  # also users and sending the digest now

    def allows(self, required: Role) -> bool:
        order = list(Role)
        return order.index(self) >= order.index(required)


ROLE_LABELS: dict[Role, str] = {
    Role.VIEWER: "Xem",
    Role.CLERK: "Cán bộ theo dõi",
    Role.ADMIN: "Quản trị",
}


def sign_in_wait(failures: Sequence[datetime], now: datetime) -> timedelta | None:
    """How long a new try must wait, given the failed tries (of one account, or of one address);
    None when it may go ahead. A try waits while THROTTLE_FAILURES failures lie within the last
    THROTTLE_WINDOW, until the oldest of those leaves the window."""
    recent = sorted(at for at in failures if now - at < THROTTLE_WINDOW)
    if len(recent) < THROTTLE_FAILURES:
        return None
    return recent[-THROTTLE_FAILURES] + THROTTLE_WINDOW - now


def password_problem(password: str) -> str | None:
    """Why a new password cannot be accepted, in Vietnamese; None when it can."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự."
    if password != password.strip():
        return "Mật khẩu không được bắt đầu hay kết thúc bằng khoảng trắng."
    return None
