"""After 5 failed logins for one account or from one address within 15 minutes, further tries wait
(said plainly), even with the right password; they go through again once the window has passed."""

from datetime import timedelta

from flask.testing import FlaskClient

from tests.web.helpers import PASSWORD, Clock, log_in


def test_five_wrong_passwords_make_the_right_one_wait(client: FlaskClient, clock: Clock):
    for _ in range(5):
        refused = log_in(client, "clerk", "sai-mat-khau")
        assert refused.status_code == 401
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in refused.get_data(as_text=True)
        clock.advance(timedelta(minutes=1))
    waiting = log_in(client, "clerk", PASSWORD)
    assert waiting.status_code == 429
    assert "Vui lòng đợi 10 phút rồi thử lại" in waiting.get_data(as_text=True)
    assert client.get("/").status_code == 302

    clock.advance(timedelta(minutes=10))  # the first failure has left the 15-minute window
    assert log_in(client, "clerk", PASSWORD).status_code == 302
    assert client.get("/").status_code == 200


def test_the_throttle_counts_one_account_from_any_address(client: FlaskClient):
    for number in range(5):
        log_in(client, "clerk", "sai", address=f"10.0.0.{number}")
    assert log_in(client, "clerk", PASSWORD, address="10.0.0.99").status_code == 429
    assert log_in(client, "viewer", PASSWORD, address="10.0.0.99").status_code == 302


def test_the_throttle_counts_one_address_trying_many_accounts(client: FlaskClient):
    for number in range(5):
        log_in(client, f"khong-co-{number}", "sai", address="10.9.9.9")
    assert log_in(client, "viewer", PASSWORD, address="10.9.9.9").status_code == 429
    assert log_in(client, "viewer", PASSWORD, address="10.9.9.8").status_code == 302
