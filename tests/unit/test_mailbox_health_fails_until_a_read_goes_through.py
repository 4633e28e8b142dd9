"""The mailbox's health: failing while the last try failed (its next try said), clear after a read
that went through (the last error kept for the record), nothing to say before the first read."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tracker.core.health import mailbox_health
from tracker.digest.wording import mailbox_text

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
T = datetime(2019, 9, 18, 3, 0, tzinfo=ZoneInfo("UTC"))


def test_failing_while_the_last_try_failed() -> None:
    health = mailbox_health(
        T, "Không đọc được hộp thư: refused", T + timedelta(minutes=5), T + timedelta(minutes=10)
    )

    assert health.failing and health.next_try_at == T + timedelta(minutes=10)
    assert mailbox_text(health, ZONE) == (
        "CẢNH BÁO: không đọc được hộp thư đến (lần thử lúc 10:05 ngày 18/09/2019: Không đọc được hộp thư: "
        "refused); thư trả lời và thư báo lỗi chưa được ghi nhận. Lần đọc được gần nhất: 10:00 ngày "
        "18/09/2019; sẽ thử lại lúc 10:10 ngày 18/09/2019."
    )


def test_never_read_and_failing_says_so_without_a_next_try() -> None:
    health = mailbox_health(None, "Không đọc được hộp thư", T, None)

    assert health.failing
    assert "Lần đọc được gần nhất: chưa có." in mailbox_text(health, ZONE)


def test_clear_after_a_read_that_went_through() -> None:
    health = mailbox_health(T + timedelta(minutes=10), "lỗi cũ", T, T + timedelta(minutes=5))

    assert not health.failing and health.next_try_at is None and health.last_error == "lỗi cũ"
    assert mailbox_text(health, ZONE) == "Hộp thư đến: đọc được lần gần nhất lúc 10:10 ngày 18/09/2019."
