"""One report's story: every reminder decided for it, those still to come, and every act of a clerk,
on one timeline in the order they happened (what is still to come last).

The shell reads the outbox and the audit trail and renders the coming emails; this module only puts
them in order and in words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tracker.core.calendar import date_vi
from tracker.core.reports import DeliveryState

ACT_LABELS: dict[str, str] = {
    "submission.receive": "Ghi nhận báo cáo",
    "submission.replace": "Ghi nhận lại báo cáo (thay bản cũ)",
    "submission.unreceive": "Hủy ghi nhận báo cáo",
    "submission.exempt": "Miễn nộp",
    "submission.unexempt": "Hủy miễn nộp",
}

DELIVERY_LABELS: dict[DeliveryState, str] = {
    DeliveryState.PENDING: "Đang chờ gửi",
    DeliveryState.SENDING: "Đang gửi",
    DeliveryState.SENT: "Đã gửi",
    DeliveryState.FAILED: "Gửi không thành công",
    DeliveryState.CANCELLED: "Đã hủy (báo cáo đã nhận hoặc được miễn)",
    DeliveryState.SUPERSEDED: "Bỏ qua (đã có bước nhắc cao hơn)",
}

# The fields of a report as the audit trail snapshots them (services.submissions), in words.
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
}


@dataclass(frozen=True)
class ReminderEntry:
    """An email of the ladder decided for the report: sent, failed, queued, cancelled or superseded."""

    label: str
    state: DeliveryState
    at: datetime  # sent at, or due at when it never left
    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str
    reply: str  # the mail server's last answer
    refused: Mapping[str, str]  # address -> the server's permanent refusal
    kind: str = field(default="reminder", init=False)

    @property
    def state_label(self) -> str:
        return DELIVERY_LABELS[self.state]

    @property
    def trouble(self) -> bool:
        """Someone it was meant for did not get it."""
        return self.state is DeliveryState.FAILED or bool(self.refused)


@dataclass(frozen=True)
class ComingEntry:
    """A step still to come, with its email as a sweep at its time will render it."""

    label: str
    at: datetime
    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str
    text: str
    kind: str = field(default="coming", init=False)


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class ActEntry:
    """Something a person did to the report (from the audit trail)."""

    action: str
    actor: str
    at: datetime
    note: str
    changes: tuple[Change, ...]
    kind: str = field(default="act", init=False)

    @property
    def label(self) -> str:
        return ACT_LABELS.get(self.action, self.action)


Entry = ReminderEntry | ComingEntry | ActEntry


def timeline(
    reminders: Sequence[ReminderEntry], acts: Sequence[ActEntry], coming: Sequence[ComingEntry]
) -> tuple[Entry, ...]:
    """Everything that happened in time order (an act before an email at the same moment), then what
    is still to come."""
    past: list[ReminderEntry | ActEntry] = [*acts, *reminders]
    past.sort(key=lambda e: (e.at, 0 if isinstance(e, ActEntry) else 1))
    return (*past, *sorted(coming, key=lambda e: e.at))


def changes(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> tuple[Change, ...]:
    """What an act changed, field by field, in words: `ngày nhận: trống → 13/09/2019`."""
    before, after = before or {}, after or {}
    found = []
    for key in [k for k in FIELD_LABELS if k in before or k in after]:
        old, new = before.get(key), after.get(key)
        if old != new:
            found.append(Change(FIELD_LABELS[key], value_words(old), value_words(new)))
    return tuple(found)


def value_words(value: Any) -> str:
    """A snapshot value as a clerk reads it: dates as dd/mm/yyyy, lists joined, yes/no, `trống`."""
    if value is None or value == "" or value == [] or value == {}:
        return "trống"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, str):
        try:
            return date_vi(date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} = {v}" for k, v in value.items())
    return str(value)
