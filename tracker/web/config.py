"""The dashboard's settings, read from the same environment as the rest (`Settings.env`)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from tracker.files import private_folder
from tracker.settings import Settings

DEFAULT_IDLE_HOURS = 8.0
DEFAULT_THREADS = 8


@dataclass(frozen=True)
class WebSettings:
    secret_key: str
    idle: timedelta  # a session unused this long ends (TRACKER_SESSION_IDLE_HOURS)
    threads: int  # waitress worker threads (TRACKER_WEB_THREADS)
    behind_proxy: bool  # TRACKER_BEHIND_PROXY=1: trust X-Forwarded-*, cookies only over HTTPS


def _number(env_name: str, text: str, cast: type[float] | type[int]) -> float:
    try:
        value = cast(text)
    except ValueError:
        raise ValueError(f"{env_name}='{text}' không phải là số.") from None
    if value <= 0:
        raise ValueError(f"{env_name} phải lớn hơn 0.")
    return value


def read_web_settings(settings: Settings, var_dir: Path | None = None) -> WebSettings:
    """From `settings.env`; the secret key, when TRACKER_SECRET_KEY is unset, from `var/secret_key`
    (generated there once, readable by its owner only). Bad values raise ValueError (in Vietnamese)."""
    env = settings.env
    secret = read_secret_key(settings, var_dir)
    idle_hours = _number("TRACKER_SESSION_IDLE_HOURS", env.get("TRACKER_SESSION_IDLE_HOURS") or "8", float)
    threads = _number("TRACKER_WEB_THREADS", env.get("TRACKER_WEB_THREADS") or str(DEFAULT_THREADS), int)
    return WebSettings(
        secret_key=secret,
        idle=timedelta(hours=idle_hours),
        threads=int(threads),
        behind_proxy=env.get("TRACKER_BEHIND_PROXY", "") not in ("", "0"),
    )


def read_secret_key(settings: Settings, var_dir: Path | None = None) -> str:
    """TRACKER_SECRET_KEY, else the key kept in `var/secret_key`: the dashboard's sessions and the
    units' links (tracker.core.links) are both derived from it, so the CLI reads the same one."""
    return settings.env.get("TRACKER_SECRET_KEY") or _stored_secret(
        (var_dir or Path.cwd() / "var") / "secret_key"
    )


def _stored_secret(path: Path) -> str:
    """The key in `path`, made on first use: written whole to a private file, then linked into place,
    so that of two servers starting at once one makes it and both read the same complete key."""
    if not path.exists():
        private_folder(path.parent)
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()
