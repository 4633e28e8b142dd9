"""What a clerk may mistype in `tracker receive`: refused with exit code 2, a message naming the thing
that is wrong, and the database exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.commands import LoadedDatabase

SEED = ("so-ket-de-an-2019", "bao-cao-don-vi")
# A second plan whose milestone expects two units only.
TRAINING_PLAN = """\
code = "tap-huan-2019"
title = "Tập huấn nghiệp vụ công tác tổ chức năm 2019"
reference = "Công văn số 61/LĐLĐ"
ladder = "standard"

[[milestones]]
code = "danh-sach-hoc-vien"
title = "Gửi danh sách học viên"
due = "20/9/2019"
due_rule = "by"
audience = ["ldld-dong-ha", "ldld-cam-lo"]
"""


@pytest.fixture
def config_dir(config_dir: Path) -> Path:
    (config_dir / "plans" / "tap-huan-2019.toml").write_text(TRAINING_PLAN, encoding="utf-8")
    return config_dir


CASES = {
    "an_unknown_plan": (
        ("receive", "so-ket-2019", "bao-cao-don-vi", "cd-y-te", "--on", "12/9/2019"),
        "Không có kế hoạch 'so-ket-2019'. Có phải 'so-ket-de-an-2019'? "
        "Các kế hoạch hiện có: so-ket-de-an-2019, tap-huan-2019.",
    ),
    "an_unknown_milestone": (
        ("receive", SEED[0], "bao-cao", "ldld-cam-lo", "--on", "12/9/2019"),
        "Kế hoạch so-ket-de-an-2019 không có mốc 'bao-cao'. Các mốc: bao-cao-don-vi, bao-cao-tong-hop.",
    ),
    "an_unknown_unit": (
        ("receive", *SEED, "ldld-cam-lo-moi", "--on", "12/9/2019"),
        "Không có đơn vị mã 'ldld-cam-lo-moi'",
    ),
    "a_unit_not_expected_for_the_milestone": (
        ("receive", "tap-huan-2019", "danh-sach-hoc-vien", "cd-y-te", "--on", "12/9/2019"),
        "Đơn vị cd-y-te không thuộc danh sách phải nộp báo cáo cho mốc danh-sach-hoc-vien "
        "của kế hoạch tap-huan-2019.",
    ),
    "a_date_in_the_future": (
        ("receive", *SEED, "ldld-cam-lo", "--on", "1/1/2100"),
        "Ngày nhận 01/01/2100 ở tương lai",
    ),
    "a_date_that_does_not_exist": (
        ("receive", *SEED, "ldld-cam-lo", "--on", "31/9/2019"),
        "--on: '31/9/2019': tháng 9/2019 chỉ có 30 ngày",
    ),
    "an_unknown_figure": (
        ("receive", *SEED, "ldld-cam-lo", "--on", "12/9/2019", "--figure", "doan_vien=120"),
        "Kế hoạch so-ket-de-an-2019 không có số liệu 'doan_vien'.",
    ),
    "a_figure_that_is_not_a_number": (
        ("receive", *SEED, "ldld-cam-lo", "--on", "12/9/2019", "--figure", "doan_vien_moi=nhiều"),
        "Số liệu doan_vien_moi: 'nhiều' không phải là số.",
    ),
    "a_figure_without_a_value": (
        ("receive", *SEED, "ldld-cam-lo", "--on", "12/9/2019", "--figure", "doan_vien_moi"),
        "Số liệu 'doan_vien_moi' phải có dạng MÃ=GIÁ_TRỊ",
    ),
    "an_unknown_section": (
        ("receive", *SEED, "ldld-cam-lo", "--on", "12/9/2019", "--section", "ket-luan"),
        "Kế hoạch so-ket-de-an-2019 không có nội dung 'ket-luan'.",
    ),
    "a_second_receive_without_replace": (
        ("receive", *SEED, "cd-y-te", "--on", "13/9/2019", "--doc-number", "13/BC"),
        "Báo cáo của đơn vị cd-y-te cho mốc bao-cao-don-vi đã được ghi nhận. Dùng --replace để ghi đè",
    ),
}


@pytest.mark.parametrize(("args", "expected"), CASES.values(), ids=CASES.keys())
def test_a_mistyped_receive_is_refused_and_changes_nothing(
    loaded: LoadedDatabase, args: tuple[str, ...], expected: str
) -> None:
    message = loaded.assert_refused(*args)

    assert expected in message
