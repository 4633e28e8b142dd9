"""Mail settings from the environment (DESIGN §5): defaults, and errors that name the variable."""

from __future__ import annotations

import pytest

from tracker.mail.settings import SmtpSettings, TlsMode, mail_from_from_env, smtp_settings_from_env


def test_no_smtp_host_means_no_smtp_server() -> None:
    assert smtp_settings_from_env({}) is None
    assert smtp_settings_from_env({"TRACKER_SMTP_HOST": "  ", "TRACKER_SMTP_PORT": "oops"}) is None


def test_every_variable_is_read() -> None:
    env = {
        "TRACKER_SMTP_HOST": "smtp.example.org",
        "TRACKER_SMTP_PORT": "2525",
        "TRACKER_SMTP_USER": "tracker",
        "TRACKER_SMTP_PASSWORD": " mật khẩu dài ",
        "TRACKER_SMTP_TLS": "TLS",
        "TRACKER_SMTP_TIMEOUT": "12.5",
        "TRACKER_SMTP_CONNECTIONS": "8",
    }

    assert smtp_settings_from_env(env) == SmtpSettings(
        host="smtp.example.org",
        port=2525,
        tls=TlsMode.TLS,
        user="tracker",
        password=" mật khẩu dài ",
        timeout=12.5,
        connections=8,
    )


@pytest.mark.parametrize(("tls", "port"), [("", 587), ("starttls", 587), ("tls", 465), ("none", 25)])
def test_the_port_defaults_to_the_usual_one_for_the_tls_mode(tls: str, port: int) -> None:
    settings = smtp_settings_from_env({"TRACKER_SMTP_HOST": "smtp.example.org", "TRACKER_SMTP_TLS": tls})

    assert settings is not None
    assert settings.port == port
    assert settings.tls is (TlsMode(tls) if tls else TlsMode.STARTTLS)


def test_the_password_is_not_shown_in_the_settings_repr() -> None:
    settings = SmtpSettings("smtp.example.org", 587, user="tracker", password="bí mật")

    assert "bí mật" not in repr(settings)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "TRACKER_SMTP_PORT",
            "smtp",
            "TRACKER_SMTP_PORT: 'smtp' không hợp lệ; cần một số nguyên từ 1 đến 65535",
        ),
        ("TRACKER_SMTP_PORT", "70000", "TRACKER_SMTP_PORT: '70000' không hợp lệ"),
        (
            "TRACKER_SMTP_TLS",
            "ssl",
            "TRACKER_SMTP_TLS: 'ssl' không hợp lệ; chỉ nhận một trong: none, starttls, tls",
        ),
        ("TRACKER_SMTP_TIMEOUT", "-1", "TRACKER_SMTP_TIMEOUT: '-1' không hợp lệ"),
        ("TRACKER_SMTP_CONNECTIONS", "0", "TRACKER_SMTP_CONNECTIONS: '0' không hợp lệ"),
        ("TRACKER_SMTP_USER", "tracker", "TRACKER_SMTP_PASSWORD: cần đặt cả TRACKER_SMTP_USER và"),
        ("TRACKER_SMTP_PASSWORD", "secret", "TRACKER_SMTP_USER: cần đặt cả TRACKER_SMTP_USER và"),
    ],
)
def test_a_bad_value_is_refused_naming_the_variable(name: str, value: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        smtp_settings_from_env({"TRACKER_SMTP_HOST": "smtp.example.org", name: value})

    assert str(error.value).startswith(message)


def test_the_from_address_comes_from_the_environment_or_the_default() -> None:
    env = {"TRACKER_MAIL_FROM": "LĐLĐ tỉnh Quảng Trị <tracker@ldld-quangtri.example.org>"}

    assert mail_from_from_env(env, "default@example.org") == env["TRACKER_MAIL_FROM"]
    assert mail_from_from_env({}, "bantochuc@example.org") == "bantochuc@example.org"


def test_a_from_address_that_is_not_one_is_refused_naming_the_variable() -> None:
    with pytest.raises(ValueError) as error:
        mail_from_from_env({"TRACKER_MAIL_FROM": "ban to chuc"}, "default@example.org")

    assert str(error.value) == "TRACKER_MAIL_FROM: 'ban to chuc' không phải một địa chỉ email hợp lệ"
