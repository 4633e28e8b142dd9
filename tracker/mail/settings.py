"""Mail settings read from the environment (DESIGN §5): the SMTP server and the From address.

Functions take a Mapping so that tests pass dicts and the CLI passes `os.environ` (merged with
`.env`). A bad value raises ValueError naming the variable, in words the operator can act on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from tracker.mail.message import parse_mailbox


class TlsMode(StrEnum):
    """`TRACKER_SMTP_TLS`: how the connection is protected. Always explicit, never "if offered"."""

    NONE = "none"  # plain SMTP (a relay on the same host or network)
    STARTTLS = "starttls"  # connect in plain text, then upgrade; refuse to go on without it
    TLS = "tls"  # TLS from the first byte (SMTPS, usually port 465)


_DEFAULT_PORTS = {TlsMode.NONE: 25, TlsMode.STARTTLS: 587, TlsMode.TLS: 465}


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    tls: TlsMode = TlsMode.STARTTLS
    user: str = ""
    password: str = field(default="", repr=False)
    timeout: float = 30.0  # seconds, for each socket operation
    connections: int = 4  # parallel connections a batch may open


def _value(env: Mapping[str, str], name: str) -> str:
    """The variable's value without surrounding blanks; unset and empty mean the same (`.env` `X=`)."""
    return (env.get(name) or "").strip()


def _integer(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = _value(env, name)
    if not raw:
        return default
    try:
        number = int(raw)
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        raise ValueError(f"{name}: '{raw}' không hợp lệ; cần một số nguyên từ {low} đến {high}")
    return number


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = _value(env, name)
    if not raw:
        return default
    try:
        seconds = float(raw)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 3600:
        raise ValueError(f"{name}: '{raw}' không hợp lệ; cần số giây lớn hơn 0 (ví dụ 30)")
    return seconds


def smtp_settings_from_env(env: Mapping[str, str]) -> SmtpSettings | None:
    """The SMTP server from `TRACKER_SMTP_*`, or None when `TRACKER_SMTP_HOST` is not set.

    `TRACKER_SMTP_TLS` defaults to `starttls`, and the port to the usual one for the TLS mode
    (25, 587, 465). Beyond DESIGN §5: `TRACKER_SMTP_TIMEOUT` (seconds per socket operation,
    default 30) and `TRACKER_SMTP_CONNECTIONS` (parallel connections, default 4).
    """
    host = _value(env, "TRACKER_SMTP_HOST")
    if not host:
        return None
    raw_tls = _value(env, "TRACKER_SMTP_TLS").lower()
    try:
        tls = TlsMode(raw_tls) if raw_tls else TlsMode.STARTTLS
    except ValueError:
        raise ValueError(
            f"TRACKER_SMTP_TLS: '{raw_tls}' không hợp lệ; chỉ nhận một trong: none, starttls, tls"
        ) from None
    user = _value(env, "TRACKER_SMTP_USER")
    password = env.get("TRACKER_SMTP_PASSWORD") or ""  # a password may start or end with a space
    if bool(user) != bool(password):
        missing = "TRACKER_SMTP_PASSWORD" if user else "TRACKER_SMTP_USER"
        raise ValueError(f"{missing}: cần đặt cả TRACKER_SMTP_USER và TRACKER_SMTP_PASSWORD, hoặc bỏ cả hai")
    return SmtpSettings(
        host=host,
        port=_integer(env, "TRACKER_SMTP_PORT", _DEFAULT_PORTS[tls], 1, 65535),
        tls=tls,
        user=user,
        password=password,
        timeout=_seconds(env, "TRACKER_SMTP_TIMEOUT", 30.0),
        connections=_integer(env, "TRACKER_SMTP_CONNECTIONS", 4, 1, 64),
    )


def mail_from_from_env(env: Mapping[str, str], default: str) -> str:
    """`TRACKER_MAIL_FROM` (`addr@example.org` or `Tên <addr@example.org>`), else `default`; checked."""
    value = _value(env, "TRACKER_MAIL_FROM") or default
    parse_mailbox(value, what="TRACKER_MAIL_FROM")
    return value


_DEFAULT_IMAP_PORTS = {TlsMode.NONE: 143, TlsMode.STARTTLS: 143, TlsMode.TLS: 993}


@dataclass(frozen=True)
class ImapSettings:
    host: str
    port: int
    tls: TlsMode
    user: str
    password: str = field(repr=False)
    folder: str = "INBOX"
    done_folder: str = ""  # where handled mail is moved; "" leaves it where it is
    timeout: float = 30.0  # seconds, for each socket operation
    every_seconds: int = 300  # how often the daemon reads the mailbox
    record_threads: bool = False  # TRACKER_INTAKE_AUTO=thread: a reply to a reminder with a file is recorded


def imap_settings_from_env(env: Mapping[str, str]) -> ImapSettings | None:
    """Ban Tổ chức's mailbox from `TRACKER_IMAP_*`, or None when `TRACKER_IMAP_HOST` is not set.

    `TRACKER_IMAP_TLS` must be said (none, starttls or tls): a mailbox password is never sent in the
    clear by default. `TRACKER_IMAP_FOLDER` (default INBOX), `TRACKER_IMAP_DONE_FOLDER` (optional),
    `TRACKER_IMAP_TIMEOUT` (seconds, default 30), `TRACKER_IMAP_EVERY` (seconds between the daemon's
    reads, default 300), `TRACKER_INTAKE_AUTO` (`ask`, the default, or `thread`).
    """
    host = _value(env, "TRACKER_IMAP_HOST")
    if not host:
        return None
    raw_tls = _value(env, "TRACKER_IMAP_TLS").lower()
    try:
        tls = TlsMode(raw_tls)
    except ValueError:
        raise ValueError(
            f"TRACKER_IMAP_TLS: '{raw_tls}' không hợp lệ; phải ghi rõ một trong: none, starttls, tls"
        ) from None
    user = _value(env, "TRACKER_IMAP_USER")
    password = env.get("TRACKER_IMAP_PASSWORD") or ""
    if not user or not password:
        missing = "TRACKER_IMAP_PASSWORD" if user else "TRACKER_IMAP_USER"
        raise ValueError(f"{missing}: cần đặt cả TRACKER_IMAP_USER và TRACKER_IMAP_PASSWORD để đọc hộp thư")
    return ImapSettings(
        host=host,
        port=_integer(env, "TRACKER_IMAP_PORT", _DEFAULT_IMAP_PORTS[tls], 1, 65535),
        tls=tls,
        user=user,
        password=password,
        folder=_value(env, "TRACKER_IMAP_FOLDER") or "INBOX",
        done_folder=_value(env, "TRACKER_IMAP_DONE_FOLDER"),
        timeout=_seconds(env, "TRACKER_IMAP_TIMEOUT", 30.0),
        every_seconds=_integer(env, "TRACKER_IMAP_EVERY", 300, 30, 86_400),
        record_threads=_auto(env),
    )


def _auto(env: Mapping[str, str]) -> bool:
    raw = _value(env, "TRACKER_INTAKE_AUTO").lower()
    if raw not in ("", "ask", "thread"):
        raise ValueError(f"TRACKER_INTAKE_AUTO: '{raw}' không hợp lệ; chỉ nhận ask (mặc định) hoặc thread")
    return raw == "thread"
