"""One report's story: every reminder decided for it, those still to come, and every act of a clerk,
on one timeline in the order they happened (what is still to come last).

The shell reads the outbox and the audit trail and renders the coming emails; this module only puts
them in order and in words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from tracker.core.audit import Change, action_label
from tracker.core.reports import DeliveryState

DELIVERY_LABELS: dict[DeliveryState, str] = {
    DeliveryState.PENDING: "Đang chờ gửi",
    DeliveryState.SENDING: "Đang gửi",
    DeliveryState.SENT: "Đã gửi",
    DeliveryState.FAILED: "Gửi không thành công",
    DeliveryState.CANCELLED: "Đã hủy (báo cáo đã nhận hoặc được miễn)",
    DeliveryState.SUPERSEDED: "Bỏ qua (đã có bước nhắc cao hơn)",
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
        return action_label(self.action)


Entry = ReminderEntry | ComingEntry | ActEntry


def timeline(
    reminders: Sequence[ReminderEntry], acts: Sequence[ActEntry], coming: Sequence[ComingEntry]
) -> tuple[Entry, ...]:
    """Everything that happened in time order (an act before an email at the same moment), then what
    is still to come."""
    past: list[ReminderEntry | ActEntry] = [*acts, *reminders]
    past.sort(key=lambda e: (e.at, 0 if isinstance(e, ActEntry) else 1))
    return (*past, *sorted(coming, key=lambda e: e.at))
