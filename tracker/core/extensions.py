"""A unit's request for more time on one report, and Ban Tổ chức's answer: the rules, pure.

A unit asks through its link for a later last day, with a reason; one request waits at a time. An
approval gives that unit alone its own last day (`ReportFacts.extended_until`): its state, its ladder
and the digest count from it. Reminders keep their course while a request waits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tracker.core.calendar import date_vi, weekday_date_vi

MAX_REASON = 2000  # characters: a paragraph, not a document


class ExtensionState(StrEnum):
    WAITING = "waiting"
    APPROVED = "approved"
    REFUSED = "refused"


@dataclass(frozen=True)
class ReportStanding:
    """What a request is judged against: the report as it stands today."""

    last_day: date  # the last day that counts for the unit now (the milestone's, or an earlier grant)
    today: date
    closes: date | None  # the plan's closing day: no reminder, nor deadline, after it
    outstanding: bool  # neither received nor exempt
    waiting: bool  # a request of the unit already waits for an answer


def until_problem(until: date, standing: ReportStanding) -> str:
    """Why `until` cannot be the unit's new last day ("" when it can): later than the last day that
    counts now, not already past, not after the plan closes."""
    if until <= standing.last_day:
        return (
            f"Ngày xin gia hạn phải sau hạn cuối hiện nay ({weekday_date_vi(standing.last_day)}); "
            "hãy chọn một ngày muộn hơn."
        )
    if until < standing.today:
        return f"Ngày {date_vi(until)} đã qua (hôm nay là {date_vi(standing.today)})."
    if standing.closes is not None and until > standing.closes:
        return f"Kế hoạch kết thúc ngày {date_vi(standing.closes)}; không gia hạn được quá ngày đó."
    return ""


def request_problems(
    until: date | None, until_unreadable: str, reason: str, standing: ReportStanding
) -> dict[str, str]:
    """Every problem of a request, by field ("until", "reason"; "report" for the report as a whole);
    {} when it may be recorded. `until_unreadable` says why the date typed could not be read."""
    problems: dict[str, str] = {}
    if not standing.outstanding:
        problems["report"] = (
            "Báo cáo của đơn vị đã được ghi nhận hoặc miễn nộp; không cần xin gia hạn. "
            "Nếu có thắc mắc, xin liên hệ Ban Tổ chức."
        )
    elif standing.waiting:
        problems["report"] = (
            "Đơn vị đã có một đề nghị gia hạn đang chờ Ban Tổ chức trả lời; "
            "xin chờ trả lời trước khi gửi đề nghị khác."
        )
    if until is None:
        problems["until"] = until_unreadable or "Hãy nhập ngày xin gia hạn đến, ví dụ 20/9/2019."
    elif problem := until_problem(until, standing):
        problems["until"] = problem
    if not reason.strip():
        problems["reason"] = "Hãy ghi lý do xin gia hạn."
    elif len(reason) > MAX_REASON:
        problems["reason"] = f"Lý do dài {len(reason)} ký tự; hãy viết gọn trong {MAX_REASON} ký tự."
    return problems
