"""The audit trail in a clerk's words: action names, field changes (dates, numbers the Vietnamese way,
figures by their titles, long values cut), and a configuration load folded into one line."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.builders import SEED_PLAN
from tracker.core.audit import AuditEntry, Change, action_label, changes, fold_loads, value_words

AT = datetime(2019, 9, 13, 2, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "trống"),
        ("", "trống"),
        ([], "trống"),
        (True, "có"),
        (False, "không"),
        ("2019-09-13", "13/09/2019"),
        ("85/BC-LĐLĐ", "85/BC-LĐLĐ"),
        (1234, "1.234"),
        (12.5, "12,5"),
        (["a", "b"], "a, b"),
        ("x" * 200, "x" * 119 + "…"),
    ],
)
def test_a_value_reads_as_a_clerk_writes_it(value: object, words: str) -> None:
    assert value_words(value) == words


def test_changes_name_fields_sections_and_figures_by_their_titles() -> None:
    before = {"received_on": None, "doc_number": "", "sections": [], "figures": {}}
    after = {
        "received_on": "2019-09-13",
        "doc_number": "9/BC",
        "sections": ["kien-nghi"],
        "figures": {"doan_vien_moi": 1234},
    }
    assert changes(before, after, SEED_PLAN) == (
        Change("ngày nhận", "trống", "13/09/2019"),
        Change("số văn bản", "trống", "9/BC"),
        Change("nội dung", "trống", SEED_PLAN.sections[-1].title),
        Change("Số đoàn viên kết nạp mới", "trống", "1.234"),
    )
    assert changes({"active": True}, {"active": True}) == ()


def test_an_account_change_names_the_login_and_the_role() -> None:
    assert changes({}, {"login": "lan", "role": "clerk"}) == (
        Change("tên đăng nhập", "trống", "lan"),
        Change("vai trò", "trống", "Cán bộ theo dõi"),
    )


def test_actions_have_names_and_an_unknown_one_keeps_its_code() -> None:
    assert action_label("submission.receive") == "Ghi nhận báo cáo"
    assert action_label("user.add") == "Thêm tài khoản"
    assert action_label("something.new") == "something.new"


def _entry(action: str, actor: str = "tracker load", at: datetime = AT, plan: str = "") -> AuditEntry:
    return AuditEntry(at, actor, action, action_label(action), plan, "", "", "", (), "")


def test_a_load_is_folded_into_one_line_and_other_acts_stay_apart() -> None:
    entries = [
        _entry("submission.receive", "Lan"),
        _entry("plan.add", plan="p"),
        _entry("unit.add"),
        _entry("unit.add"),
        _entry("unit.retire", at=datetime(2019, 9, 1, tzinfo=UTC)),  # another load: its own line
    ]
    folded = fold_loads(entries)
    assert [(e.label, e.summary, e.plan) for e in folded] == [
        ("Ghi nhận báo cáo", "", ""),
        ("Nạp cấu hình", "Thêm kế hoạch: 1; Thêm đơn vị: 2", "p"),
        ("Đơn vị ngừng hoạt động", "", ""),
    ]
