"""A bad email address in the config or the units file is refused with the reason in Vietnamese, not
in email-validator's English."""

from __future__ import annotations

import pytest

from tracker.config.values import as_email

CASES = [
    ("abc", "thiếu dấu @"),
    ("a@b", "tên miền sau dấu @ thiếu dấu chấm"),
    ("a b@x.vn", "có ký tự không dùng được trước dấu @: dấu cách"),
    ("lê@ldld.vn", "có chữ có dấu trước dấu @: 'ê'"),
    ("a@x..vn", "có hai dấu chấm liền nhau"),
    ("a@x_y.vn", "tên miền có ký tự không dùng được: '_'"),
    ("a@", "thiếu tên miền sau dấu @"),
    ("@ldld.vn", "thiếu phần tên trước dấu @"),
    ("a@x.invalid", "tên miền là tên dành riêng"),
]


@pytest.mark.parametrize(("typed", "reason"), CASES, ids=[c[0] for c in CASES])
def test_the_reason_is_said_in_vietnamese(typed: str, reason: str) -> None:
    with pytest.raises(ValueError) as refused:
        as_email(typed)
    said = str(refused.value)
    assert f'địa chỉ email "{typed}" không hợp lệ ({reason}' in said
    assert not any(word in said for word in ("sign", "must", "period", "invalid characters"))
