"""Choosing the mail transport from the environment, and the names callers need to use one.

`TRACKER_SMTP_HOST` set: SMTP (`SmtpTransport`); unset: the outbox folder (`OutboxFolderTransport`)
in `TRACKER_OUTBOX_DIR`, default `var/outbox`. Both take batches of `SendJob`s and answer with one
`Delivery` each; see `tracker.core.delivery` for what the outcomes ask the caller to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from tracker.core.delivery import Delivery, Outcome, Refusal
from tracker.mail.delivery import SendJob, Transport
from tracker.mail.folder import OutboxFolderTransport
from tracker.mail.settings import SmtpSettings, TlsMode, mail_from_from_env, smtp_settings_from_env
from tracker.mail.smtp import SmtpTransport

__all__ = [
    "Delivery",
    "OutboxFolderTransport",
    "Outcome",
    "Refusal",
    "SendJob",
    "SmtpSettings",
    "SmtpTransport",
    "TlsMode",
    "Transport",
    "mail_from_from_env",
    "smtp_settings_from_env",
    "transport_from_settings",
]

DEFAULT_OUTBOX_DIR = Path("var/outbox")


def transport_from_settings(
    env: Mapping[str, str], outbox_dir: Path | None = None
) -> SmtpTransport | OutboxFolderTransport:
    """SMTP when `TRACKER_SMTP_HOST` is set, else the outbox folder.

    The folder is `outbox_dir` when given (a caller that already resolved it), else
    `TRACKER_OUTBOX_DIR`, else `var/outbox`. Raises ValueError naming a badly set variable.
    """
    settings = smtp_settings_from_env(env)
    if settings is not None:
        return SmtpTransport(settings)
    if outbox_dir is None:
        outbox_dir = Path((env.get("TRACKER_OUTBOX_DIR") or "").strip() or DEFAULT_OUTBOX_DIR)
    return OutboxFolderTransport(outbox_dir)
