"""A mail server that is down shows on the dashboard: `/healthz` gives the mail waiting, its age and
the server's last error, and the board's banner says it in red (issue 13, item 12)."""

from __future__ import annotations

import socket

from flask.testing import FlaskClient
from sqlalchemy import Engine

from tests.integration.reminder_fixtures import sweep_for
from tests.web.helpers import CAMPAIGN_DAY, log_in


def _down_server() -> dict[str, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return {"TRACKER_SMTP_HOST": "127.0.0.1", "TRACKER_SMTP_PORT": str(port), "TRACKER_SMTP_TLS": "none"}


def test_mail_that_cannot_leave_is_shown_with_its_age_and_error(
    client: FlaskClient, loaded_engine: Engine
) -> None:
    sweep_for(loaded_engine, _down_server()).run(CAMPAIGN_DAY)  # 13 "quá hạn" emails, none delivered

    health = client.get("/healthz").get_json()

    waiting = (health["mail_waiting"], health["oldest_waiting_age_seconds"], health["mail_stuck"])
    assert waiting == (13, 9000, True)  # due when the window opened at 07:30, two and a half hours ago
    assert health["last_smtp_error"]
    log_in(client, "viewer")
    board = client.get("/").get_data(as_text=True)
    assert "13 thư đang chờ gửi" in board
    assert "CẢNH BÁO: thư không đi được" in board
