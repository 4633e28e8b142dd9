"""Reports' own reply addresses (TRACKER_REPLY_TO, tracker.core.replies): the one a reminder of a
report carries, and the report an incoming message's recipient address names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from tracker.core.replies import (
    PLACEHOLDER,
    ReplyPattern,
    reply_token,
    split_pattern,
    token_holds,
    token_report,
)
from tracker.mail.message import parse_mailbox
from tracker.store.tables import ExpectedReportRow

SETTING = "TRACKER_REPLY_TO"


@dataclass(frozen=True)
class ReplyAddresses:
    """The reply addresses of this installation: the secret key they are derived with and the pattern."""

    secret: str
    pattern: ReplyPattern

    def of(self, report_id: int, codes: tuple[str, str, str]) -> str:
        """The address replies to the reminders of report `report_id` (its plan, milestone and unit
        `codes`) go to."""
        token = reply_token(self.secret, report_id, *codes)
        return self.pattern.address(token)

    def report_of(self, session: Session, addresses: Iterable[str]) -> ExpectedReportRow | None:
        """The report whose reply address is among `addresses` with a token that holds; None when
        none is (a forged or mistyped token names nothing)."""
        for address in addresses:
            token = self.pattern.token_in(address)
            report_id = token_report(token) if token else None
            report = session.get(ExpectedReportRow, report_id) if report_id else None
            if token and report and token_holds(self.secret, token, report.id, *_codes(report)):
                return report
        return None


def reply_addresses_from_settings(env: Mapping[str, str], secret: str) -> ReplyAddresses | None:
    """The addresses of TRACKER_REPLY_TO (`bantochuc+{token}@example.org`), or None when it is unset;
    ValueError in Vietnamese when it is set but cannot be one."""
    value = (env.get(SETTING) or "").strip()
    if not value:
        return None
    pattern = split_pattern(value)
    example = f"{SETTING}=bantochuc+{PLACEHOLDER}@example.org"
    if pattern is None:
        raise ValueError(
            f"{SETTING}='{value}' phải là một địa chỉ email có đúng một chỗ {PLACEHOLDER} trước dấu @ "
            f"(ví dụ {example})."
        )
    sample = pattern.address(reply_token(secret, 1, "a", "b", "c"))
    try:
        parsed = parse_mailbox(sample, what=SETTING)
    except ValueError:
        parsed = None
    if parsed is None or parsed.display_name or parsed.addr_spec != sample:  # an address, no name
        raise ValueError(
            f"{SETTING}='{value}' không thành một địa chỉ email hợp lệ khi thay {PLACEHOLDER} bằng mã "
            f"của báo cáo; chỉ ghi địa chỉ, không ghi tên (ví dụ {example})."
        )
    return ReplyAddresses(secret, pattern)


def _codes(report: ExpectedReportRow) -> tuple[str, str, str]:
    return report.milestone.plan.code, report.milestone.code, report.unit.code
