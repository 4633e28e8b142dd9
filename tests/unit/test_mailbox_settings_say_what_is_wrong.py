"""TRACKER_IMAP_*: the TLS mode is said explicitly, the login comes whole, the port follows the TLS
mode, and a bad value is named with what it may be."""

from __future__ import annotations

import pytest

from tracker.mail.settings import TlsMode, imap_settings_from_env

BASE = {"TRACKER_IMAP_HOST": "mail.example.org", "TRACKER_IMAP_USER": "btc", "TRACKER_IMAP_PASSWORD": "x"}


def test_no_host_means_no_mailbox() -> None:
    assert imap_settings_from_env({}) is None


def test_the_port_and_folders_follow_the_settings() -> None:
    settings = imap_settings_from_env(BASE | {"TRACKER_IMAP_TLS": "tls", "TRACKER_IMAP_DONE_FOLDER": "Xong"})
    assert settings is not None
    assert (settings.tls, settings.port, settings.folder, settings.done_folder) == (
        TlsMode.TLS,
        993,
        "INBOX",
        "Xong",
    )
    assert not settings.record_threads


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ({}, "TRACKER_IMAP_TLS: '' không hợp lệ; phải ghi rõ"),
        ({"TRACKER_IMAP_TLS": "ssl"}, "TRACKER_IMAP_TLS: 'ssl' không hợp lệ"),
        ({"TRACKER_IMAP_TLS": "none", "TRACKER_IMAP_PASSWORD": ""}, "TRACKER_IMAP_PASSWORD: cần đặt cả"),
        (
            {"TRACKER_IMAP_TLS": "none", "TRACKER_IMAP_PORT": "99999"},
            "TRACKER_IMAP_PORT: '99999' không hợp lệ",
        ),
        (
            {"TRACKER_IMAP_TLS": "none", "TRACKER_INTAKE_AUTO": "all"},
            "TRACKER_INTAKE_AUTO: 'all' không hợp lệ",
        ),
    ],
)
def test_a_bad_value_is_named(extra: dict[str, str], named: str) -> None:
    with pytest.raises(ValueError, match=named.replace("(", r"\(")):
        imap_settings_from_env(BASE | extra)
