"""The audit trail in a clerk's words: what each action is called, what each snapshot field is called,
what an act changed ("ngày nhận: trống → 13/09/2019"), and a configuration load folded into one line.

The shell reads the rows (tracker.services.audit); the report page's story and the audit page and
command all say an act the same way through this module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tracker.core.access import ROLE_LABELS, Role
from tracker.core.calendar import date_vi
from tracker.core.model import Plan
from tracker.core.vietnamese import number_vi

ACTION_LABELS: dict[str, str] = {
    "submission.receive": "Ghi nhận báo cáo",
    "mail.accept": "Nhận báo cáo từ thư đến",
    "mail.dismiss": "Bỏ qua thư đến",
    "submission.replace": "Ghi nhận lại báo cáo (thay bản cũ)",
    "submission.unreceive": "Hủy ghi nhận báo cáo",
    "submission.exempt": "Miễn nộp",
    "submission.unexempt": "Hủy miễn nộp",
    "expected.add": "Thêm đơn vị phải nộp",
    "expected.remove": "Bỏ đơn vị khỏi danh sách phải nộp",
    "organization.load": "Cập nhật thông tin tổ chức",
    "unit.add": "Thêm đơn vị",
    "unit.update": "Sửa thông tin đơn vị",
    "unit.rename": "Đổi tên đơn vị",
    "unit.retire": "Đơn vị ngừng hoạt động",
    "plan.add": "Thêm kế hoạch",
    "plan.update": "Sửa kế hoạch",
    "milestone.deadline": "Đổi hạn nộp",
    "milestone.deadline_wording": "Sửa cách ghi hạn nộp",
    "milestone.audience": "Đổi danh sách đơn vị phải nộp",
    "user.add": "Thêm tài khoản",
    "user.passwd": "Đổi mật khẩu",
    "user.disable": "Khóa tài khoản",
    "digest.send": "Gửi báo cáo tiến độ",
    "extension.ask": "Đơn vị xin gia hạn",
    "extension.approve": "Đồng ý gia hạn",
    "extension.refuse": "Không đồng ý gia hạn",
}

# The actions `tracker load` writes: one load is shown as one line.
LOAD_ACTIONS = frozenset(
    a for a in ACTION_LABELS if a.split(".")[0] in ("organization", "unit", "plan", "milestone")
)

# The fields of the snapshots the audit trail keeps, in words (unknown ones keep their key).
FIELD_LABELS: dict[str, str] = {
    "received_on": "ngày nhận",
    "doc_number": "số văn bản",
    "channel": "hình thức nhận",
    "sections": "nội dung",
    "figures": "số liệu",
    "recorded_by": "người ghi nhận",
    "note": "ghi chú",
    "exempt": "miễn nộp",
    "exempted_on": "ngày miễn nộp",
    "extended_until": "gia hạn đến",
    "expected": "phải nộp",
    "name": "tên",
    "kind": "loại",
    "emails": "thư điện tử",
    "chair_name": "chủ tịch",
    "chair_email": "thư của chủ tịch",
    "active": "đang hoạt động",
    "title": "tên kế hoạch",
    "source": "tệp",
    "due": "hạn theo văn bản",
    "due_rule": "cách tính hạn",
    "deadline_shift": "lùi hạn khi nghỉ",
    "effective": "hạn thực tế",
    "units": "đơn vị",
    "full_name": "họ tên",
    "role": "vai trò",
    "login": "tên đăng nhập",
    "as_of": "số liệu lúc",
    "sent_to": "đã gửi tới",
    "refused": "bị từ chối",
}

LONGEST_VALUE = 120  # characters of one value shown; a whole stored config is not a clerk's reading


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def changes(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None, plan: Plan | None = None
) -> tuple[Change, ...]:
    """What an act changed, field by field, in words: `ngày nhận: trống → 13/09/2019`; the sections
    and figures of `plan` by their titles, an account's role by its name."""
    before, after = before or {}, after or {}
    found: list[Change] = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if key == "figures" and plan is not None:
            titles = {figure.key: figure.label for figure in plan.figures}
            found.extend(
                Change(titles.get(k, k), value_words(old and old.get(k)), value_words(new and new.get(k)))
                for k in dict.fromkeys([*(old or {}), *(new or {})])
                if (old or {}).get(k) != (new or {}).get(k)
            )
            continue
        if key == "sections" and plan is not None:
            names = {section.key: section.title for section in plan.sections}
            old, new = [names.get(k, k) for k in old or []], [names.get(k, k) for k in new or []]
        if key == "role":
            old, new = _role_name(old), _role_name(new)
        found.append(Change(FIELD_LABELS.get(key, key), value_words(old), value_words(new)))
    return tuple(found)


def _role_name(value: Any) -> Any:
    return ROLE_LABELS[Role(value)] if value in {role.value for role in Role} else value


def value_words(value: Any) -> str:
    """A snapshot value as a clerk reads it: dates as dd/mm/yyyy, numbers the Vietnamese way, lists
    joined, yes/no, `trống` for nothing; a long value cut with an ellipsis."""
    return _shortened(_words(value))


def _words(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "trống"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int | float):
        return number_vi(value)
    if isinstance(value, str):
        try:
            return date_vi(date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, list):
        return ", ".join(_words(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} = {_words(v)}" for k, v in value.items())
    return str(value)


def _shortened(text: str) -> str:
    return text if len(text) <= LONGEST_VALUE else text[: LONGEST_VALUE - 1] + "…"


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit trail as a person reads it."""

    at: datetime
    actor: str
    action: str  # the code (`submission.receive`), for filters and machines
    label: str  # its words (`Ghi nhận báo cáo`)
    plan: str
    milestone: str
    unit: str
    unit_name: str
    changes: tuple[Change, ...]
    note: str
    summary: str = ""  # what a folded load did, when it has no field changes to show


def fold_loads(entries: Sequence[AuditEntry]) -> list[AuditEntry]:
    """Entries in order, with each configuration load (several load actions at the same moment by the
    same actor) folded into one line that counts what it did: "Nạp cấu hình: Thêm đơn vị: 13"."""
    folded: list[AuditEntry] = []
    index = 0
    while index < len(entries):
        first = entries[index]
        end = index + 1
        if first.action in LOAD_ACTIONS:
            while (
                end < len(entries)
                and entries[end].action in LOAD_ACTIONS
                and (entries[end].at, entries[end].actor) == (first.at, first.actor)
            ):
                end += 1
        if end - index == 1:
            folded.append(first)
        else:
            folded.append(_load_line(entries[index:end]))
        index = end
    return folded


def _load_line(load: Sequence[AuditEntry]) -> AuditEntry:
    counts: dict[str, int] = {}
    for entry in load:
        counts[entry.label] = counts.get(entry.label, 0) + 1
    plans = sorted({e.plan for e in load if e.plan})
    first = load[0]
    return AuditEntry(
        at=first.at,
        actor=first.actor,
        action="config.load",
        label="Nạp cấu hình",
        plan=", ".join(plans),
        milestone="",
        unit="",
        unit_name="",
        changes=(),
        note="",
        summary="; ".join(f"{label}: {count}" for label, count in counts.items()),
    )
