"""SMTP when a host is configured, otherwise the outbox folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.mail.transport import OutboxFolderTransport, SmtpTransport, TlsMode, transport_from_settings


def test_an_smtp_host_chooses_smtp_with_its_settings() -> None:
    transport = transport_from_settings({"TRACKER_SMTP_HOST": "smtp.example.org", "TRACKER_SMTP_TLS": "none"})

    assert isinstance(transport, SmtpTransport)
    assert (transport.settings.host, transport.settings.port, transport.settings.tls) == (
        "smtp.example.org",
        25,
        TlsMode.NONE,
    )
    assert transport.send_timeout == 120.0  # the whole message, four times the per-operation timeout


def test_without_a_host_the_outbox_folder_is_the_default_var_outbox() -> None:
    transport = transport_from_settings({})

    assert isinstance(transport, OutboxFolderTransport)
    assert transport.directory == Path("var/outbox")


def test_the_outbox_folder_comes_from_the_environment_unless_the_caller_resolved_it() -> None:
    from_env = transport_from_settings({"TRACKER_OUTBOX_DIR": "/srv/tracker/outbox"})
    resolved = transport_from_settings({"TRACKER_OUTBOX_DIR": "/srv/tracker/outbox"}, Path("/tmp/resolved"))

    assert isinstance(from_env, OutboxFolderTransport)
    assert isinstance(resolved, OutboxFolderTransport)
    assert from_env.directory == Path("/srv/tracker/outbox")
    assert resolved.directory == Path("/tmp/resolved")


def test_bad_smtp_settings_are_an_error_not_a_silent_fallback_to_the_folder() -> None:
    with pytest.raises(ValueError, match="TRACKER_SMTP_TLS"):
        transport_from_settings({"TRACKER_SMTP_HOST": "smtp.example.org", "TRACKER_SMTP_TLS": "yes"})
