"""What a clerk may mistype in `unreceive`, `exempt` and `status`: refused with exit code 2, a message
naming the thing that is wrong, and the database exactly as it was."""

from __future__ import annotations

import pytest

from tests.e2e.commands import LoadedDatabase

SEED = ("so-ket-de-an-2019", "bao-cao-don-vi")

CASES = {
    "an_unreceive_of_a_report_not_received": (
        ("unreceive", *SEED, "ldld-cam-lo"),
        "Báo cáo của đơn vị ldld-cam-lo cho mốc bao-cao-don-vi chưa được ghi nhận",
    ),
    "an_exemption_of_a_received_report": (
        ("exempt", *SEED, "cd-y-te"),
        "huỷ ghi nhận (unreceive) trước nếu muốn miễn nộp",
    ),
    "an_exemption_of_an_unknown_unit": (
        ("exempt", *SEED, "cd-khong-co"),
        "Không có đơn vị mã 'cd-khong-co'",
    ),
    "a_status_as_of_garbage": (
        ("status", "--as-of", "hôm qua"),
        "--as-of 'hôm qua': không đọc được thời điểm.",
    ),
    "a_status_as_of_a_day_that_does_not_exist": (
        ("status", "--as-of", "2019-13-01"),
        "--as-of: '2019-13-01': tháng 13 không tồn tại",
    ),
    "a_status_of_an_unknown_plan": (
        ("status", "--plan", "khong-co"),
        "Không có kế hoạch 'khong-co'.",
    ),
}


@pytest.mark.parametrize(("args", "expected"), CASES.values(), ids=CASES.keys())
def test_a_mistyped_admin_command_is_refused_and_changes_nothing(
    loaded: LoadedDatabase, args: tuple[str, ...], expected: str
) -> None:
    message = loaded.assert_refused(*args)

    assert expected in message
