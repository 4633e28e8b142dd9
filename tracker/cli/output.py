"""How commands print: tables for people (rich), JSON and CSV for programs (stable, documented)."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from itertools import groupby
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from tracker.core.audit import AuditEntry
from tracker.core.calendar import weekday_date_vi
from tracker.core.health import DaemonHealth, MailboxHealth, MailHealth
from tracker.core.labels import STATE_LABELS, step_label
from tracker.core.model import FigureKind, ReportState
from tracker.core.roll import neutralised
from tracker.core.status import StatusLine
from tracker.core.text import inline
from tracker.core.vietnamese import number_vi
from tracker.store.tables import AuditRow

if TYPE_CHECKING:
    from tracker.services.extensions import WaitingRequest
    from tracker.services.intake import IntakeLine
    from tracker.services.plans import PlanSheet
    from tracker.services.reminding import ReminderLine, UpcomingLine

STATE_STYLES = {
    ReportState.PENDING: "",
    ReportState.OVERDUE: "bold red",
    ReportState.RECEIVED: "green",
    ReportState.RECEIVED_LATE: "yellow",
    ReportState.EXEMPT: "dim",
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    return value


def print_json(data: Any) -> None:
    sys.stdout.write(_indented_json(data) + "\n")


def print_records(records: Sequence[dict[str, Any]]) -> None:
    """What `print_json(records)` writes, for records the caller built flat (no dict or list among
    their values), without checking every value again: for a status of 30,000 reports the check took
    as long as laying the records out."""
    sys.stdout.write((_records_json(records) if records else "[]") + "\n")


def _indented_json(data: Any) -> str:
    """`json.dumps(data, indent=2)`, to the byte. With an indent, json encodes in Python rather than
    in C, which took longer than reading the rows for a status of 30,000 reports: a list of flat
    records is laid out by `_records_json` instead."""
    flat = isinstance(data, list) and all(
        isinstance(record, dict) and record and not any(isinstance(v, dict | list) for v in record.values())
        for record in data
    )
    if not flat or not data:
        return json.dumps(data, ensure_ascii=False, indent=2, default=_jsonable)
    return _records_json(data)


def _records_json(records: Sequence[dict[str, Any]]) -> str:
    """A non-empty list of flat, non-empty records as `json.dumps(records, indent=2)` lays it out,
    encoded in one call in C with the indent in the separator. Between two records that gives
    `},\n    {`, which nothing inside a record can contain (json writes a newline in a string as
    `\\n`): there the records' braces get their own lines."""
    encoded = json.dumps(records, ensure_ascii=False, separators=(",\n    ", ": "), default=_jsonable)
    inner = encoded[2:-2].replace("},\n    {", "\n  },\n  {\n    ")
    return f"[\n  {{\n    {inner}\n  }}\n]"


def status_json(lines: Sequence[StatusLine]) -> list[dict[str, Any]]:
    """Each line as a record of its fields, in their order; dates are written by the encoder."""
    return [line._asdict() for line in lines]


STATUS_CSV_HEADERS = (
    "Kế hoạch",
    "Mốc",
    "Mã đơn vị",
    "Tên đơn vị",
    "Trạng thái",
    "Hạn cuối",
    "Ngày nhận",
    "Số ngày quá hạn",
    "Số văn bản",
    "Đang hoạt động",
)


def print_status(lines: Sequence[StatusLine], fmt: str, as_of: datetime, zone: ZoneInfo) -> None:
    if fmt == "json":
        print_records(status_json(lines))
        return
    if fmt == "csv":
        # For Excel: a UTF-8 byte order mark (else it reads the file as ANSI and garbles ư, đ …),
        # Vietnamese headers, states in words, times in the plan's zone; a name or document number
        # typed as `=HYPERLINK(…)` stays text, as in the XLSX export.
        writer = csv.writer(sys.stdout)
        sys.stdout.write("\ufeff")
        writer.writerow(STATUS_CSV_HEADERS)
        for line in lines:
            writer.writerow(
                [
                    line.plan,
                    line.milestone,
                    line.unit,
                    neutralised(line.unit_name),
                    STATE_LABELS[line.state],
                    f"{line.due.astimezone(zone):%Y-%m-%d %H:%M}",
                    line.received_on.isoformat() if line.received_on else "",
                    line.days_overdue or "",
                    neutralised(line.doc_number),
                    "có" if line.unit_active else "không",
                ]
            )
        return
    console = Console()
    console.print(f"[bold]Tình hình nộp báo cáo lúc {as_of.astimezone(zone):%H:%M ngày %d/%m/%Y}[/]")
    for (plan, milestone), group in groupby(lines, key=lambda line: (line.plan, line.milestone)):
        rows = list(group)
        due = rows[0].due.astimezone(zone)
        table = Table(
            title=f"{plan} / {milestone} — hạn {due:%H:%M} {weekday_date_vi(due.date())}",
            title_justify="left",
        )
        # A code the clerk must type keeps its line (the other columns wrap), and nothing is cut.
        table.add_column("Mã", no_wrap=True, min_width=max(len(line.unit) for line in rows))
        for header in ("Đơn vị", "Trạng thái", "Ngày nhận", "Quá hạn", "Số văn bản"):
            table.add_column(header, justify="right" if header == "Quá hạn" else "left", overflow="fold")
        for line in rows:
            style = STATE_STYLES[line.state]
            label = STATE_LABELS[line.state]
            table.add_row(
                line.unit,
                _shown(
                    line.unit_name
                    if line.unit_active
                    else f"{line.unit_name} (ngừng hoạt động, không nhắc nữa)"
                ),
                f"[{style}]{label}[/]" if style else label,
                f"{line.received_on:%d/%m/%Y}" if line.received_on else "",
                f"{line.days_overdue} ngày" if line.days_overdue else "",
                _shown(line.doc_number),
            )
        console.print(table)
        console.print(_totals(rows))


def _shown(text: str) -> str:
    """Text people typed, as a table cell: on one line, no escape code reaching the terminal (ESC would
    clear the screen), no `[bold]` taken for markup."""
    return escape(" ".join(inline(text).split()))


def _totals(lines: Sequence[StatusLine]) -> str:
    counts = Counter(line.state for line in lines)
    summary = ", ".join(f"{STATE_LABELS[state]}: {counts[state]}" for state in ReportState if counts[state])
    return f"Tổng cộng {len(lines)} báo cáo phải nộp — {summary}."


def audit_json(rows: Sequence[AuditRow]) -> list[dict[str, Any]]:
    return [
        {
            "at": row.at.isoformat(),
            "actor": row.actor,
            "action": row.action,
            "plan": row.plan_code,
            "milestone": row.milestone_code,
            "unit": row.unit_code,
            "before": row.before,
            "after": row.after,
            "note": row.note,
        }
        for row in rows
    ]


def print_extension_requests(requests: Sequence[WaitingRequest], zone: ZoneInfo) -> None:
    if not requests:
        Console().print("Không có đề nghị gia hạn nào đang chờ trả lời.")
        return
    table = Table(title=f"Đề nghị gia hạn chờ trả lời (giờ {zone.key})", title_justify="left")
    table.add_column("Số", justify="right", no_wrap=True)
    table.add_column("Kế hoạch / mốc", no_wrap=True)
    table.add_column("Mã", no_wrap=True)
    for header in ("Đơn vị", "Xin đến", "Gửi lúc"):
        table.add_column(header, overflow="fold")
    for r in requests:
        table.add_row(
            str(r.id),
            f"{r.plan}/{r.milestone}",
            r.unit,
            _shown(r.unit_name),
            weekday_date_vi(r.until),
            f"{r.requested_at.astimezone(zone):%H:%M %d/%m/%Y}",
        )
    Console().print(table)


def print_audit(entries: Sequence[AuditEntry], zone: ZoneInfo) -> None:
    table = Table(title=f"Nhật ký thao tác (mới nhất trước; giờ {zone.key})")
    for header in ("Thời điểm", "Người thực hiện", "Thao tác", "Kế hoạch/mốc/đơn vị", "Thay đổi", "Ghi chú"):
        table.add_column(header, overflow="fold")  # a code the clerk must type is wrapped, never cut
    for entry in entries:
        where = "/".join(part for part in (entry.plan, entry.milestone, entry.unit) if part)
        changes = [f"{c.field}: {c.before} → {c.after}" for c in entry.changes] or [entry.summary]
        moment = f"{entry.at.astimezone(zone):%d/%m/%Y %H:%M}"
        changed = "\n".join(_shown(change) for change in changes)  # one change a line, each on one line
        table.add_row(moment, _shown(entry.actor), entry.label, _shown(where), changed, _shown(entry.note))
    Console().print(table)


def print_schedule(
    every_line: Sequence[UpcomingLine], fmt: str, after: datetime, zone: ZoneInfo, limit: int | None = None
) -> None:
    lines = every_line[:limit]
    if fmt == "json":
        print_json(
            [
                {
                    "plan": line.plan,
                    "milestone": line.milestone,
                    "unit": line.unit,
                    "step": line.step,
                    "repeat": line.repeat,
                    "template": line.template,
                    "at": line.at.isoformat(),
                }
                for line in lines
            ]
        )
        return
    table = Table(title=f"Lịch nhắc sắp tới sau {after.astimezone(zone):%H:%M %d/%m/%Y} (giờ {zone.key})")
    for header in ("Thời điểm gửi", "Kế hoạch / mốc", "Đơn vị", "Bước nhắc"):
        table.add_column(header, no_wrap=header == "Thời điểm gửi", overflow="fold")
    for line in lines:
        table.add_row(
            f"{line.at.astimezone(zone):%H:%M %d/%m/%Y}",
            f"{line.plan} / {line.milestone}",
            f"{line.unit_name} ({line.unit})",
            step_label(line.step, line.template, line.repeat),
        )
    console = Console()
    console.print(table)
    more = len(every_line) - len(lines)
    shown = f" (đang xem {len(lines)} thư đầu; bỏ --limit để xem hết)" if more else ""
    console.print(f"Tổng cộng {len(every_line)} thư nhắc sắp gửi đến khi kế hoạch kết thúc{shown}.")


REMINDER_STATE_LABELS = {
    "due": "Đến hạn gửi",
    "pending": "Chờ gửi lại",
    "sending": "Đang gửi",
    "sent": "Đã gửi",
    "failed": "Bị từ chối",
    "cancelled": "Đã huỷ",
    "superseded": "Bỏ qua (đã có bước cao hơn)",
}


def print_reminders(lines: Sequence[ReminderLine], fmt: str, at: datetime, zone: ZoneInfo) -> None:
    if fmt == "json":
        print_json(
            [
                {
                    "plan": line.plan,
                    "milestone": line.milestone,
                    "unit": line.unit,
                    "step": line.step,
                    "repeat": line.repeat,
                    "to": list(line.to),
                    "cc": list(line.cc),
                    "message_id": line.message_id,
                    "state": line.state,
                    "due_at": line.at.isoformat(),
                }
                for line in lines
            ]
        )
        return
    table = Table(
        title=f"Lượt nhắc lúc {at.astimezone(zone):%H:%M %d/%m/%Y} (giờ {zone.key})", title_justify="left"
    )
    for header in ("Kế hoạch / mốc", "Đơn vị", "Bước nhắc", "Gửi tới", "Trạng thái"):
        table.add_column(header, overflow="fold")
    for line in lines:
        table.add_row(
            f"{line.plan} / {line.milestone}",
            line.unit,
            step_label(line.step, None, line.repeat),
            ", ".join((*line.to, *(f"cc {a}" for a in line.cc))),
            REMINDER_STATE_LABELS.get(line.state, line.state),
        )
    console = Console()
    console.print(table)
    counts = Counter(line.state for line in lines)
    summary = ", ".join(f"{REMINDER_STATE_LABELS.get(s, s)}: {n}" for s, n in counts.items())
    console.print(f"Tổng cộng {len(lines)} thư nhắc — {summary or 'không có thư nào đến hạn'}.")


def print_intake(lines: Sequence[IntakeLine]) -> None:
    """One row per message read: who sent it, what it is, which unit it was matched to, what became
    of it and, for the clerk, what could not be read or kept."""
    from tracker.core.intake import KIND_WORDS, REASON_WORDS, STATE_WORDS

    table = Table(title="Thư đến", title_justify="left")
    for header in ("UID", "Người gửi", "Tiêu đề", "Loại", "Khớp", "Đơn vị", "Trạng thái", "Lưu ý"):
        table.add_column(header)
    for line in lines:
        table.add_row(
            str(line.uid),
            _shown(line.sender),
            _shown(line.subject),
            KIND_WORDS[line.kind],
            REASON_WORDS[line.reason],
            line.unit,
            STATE_WORDS.get(line.state, line.state),
            " ".join(line.problems),
        )
    console = Console()
    console.print(table)
    console.print(f"Đã đọc {len(lines)} thư mới." if lines else "Không có thư mới.")


def print_daemon_health(
    health: DaemonHealth | None, mail: MailHealth, mailbox: MailboxHealth | None, zone: ZoneInfo
) -> None:
    """Whether reminders still go out, mail leaves and the mailbox is read, in red when not."""
    from tracker.digest.wording import health_text, mail_text, mailbox_text

    text = health_text(health, zone)
    stale = health is None or health.stale
    console = Console()
    console.print(f"[bold red]Tiến trình nền: {text}[/]" if stale else f"Tiến trình nền: {text}")
    sentence = escape(mail_text(mail, zone))
    console.print(f"[bold red]Thư: {sentence}[/]" if mail.stuck else f"Thư: {sentence}")
    if mailbox is not None:
        read = escape(mailbox_text(mailbox, zone))
        console.print(f"[bold red]{read}[/]" if mailbox.failing else read)


def print_plan(sheet: PlanSheet) -> None:
    """`tracker plan show`: the plan, then its milestones, sections and figures with their keys."""
    from tracker.digest.wording import effective_day, written_deadline

    plan, console = sheet.plan, Console()
    console.print(f"[bold]{plan.title}[/] ({plan.code})")
    dates = [
        f"ban hành {plan.issued:%d/%m/%Y}" if plan.issued else "",
        f"kết thúc {plan.closes:%d/%m/%Y}" if plan.closes else "",
    ]
    console.print(", ".join(part for part in (plan.reference, *dates) if part))
    milestones = Table(title="Các mốc (MILESTONE)", title_justify="left")
    for header in ("Mã", "Nội dung", "Hạn theo văn bản", "Hạn thực tế", "Số đơn vị phải nộp"):
        milestones.add_column(header, overflow="fold", no_wrap=header == "Mã")
    for line in sheet.milestones:
        m = line.milestone
        milestones.add_row(
            m.code, m.title, written_deadline(m), effective_day(line.deadline), str(line.expected)
        )
    console.print(milestones)
    sections = Table(title="Nội dung báo cáo (--section)", title_justify="left")
    sections.add_column("Mã", no_wrap=True)
    sections.add_column("Nội dung", overflow="fold")
    for section in plan.sections:
        sections.add_row(section.key, section.title)
    figures = Table(title="Số liệu (--figure MÃ=GIÁ_TRỊ)", title_justify="left")
    for header in ("Mã", "Số liệu", "Đơn vị tính", "Loại"):
        figures.add_column(header, overflow="fold", no_wrap=header == "Mã")
    for figure in plan.figures:
        kind = "số nguyên" if figure.kind is FigureKind.WHOLE else "số thập phân"
        figures.add_row(figure.key, figure.label, figure.unit, f"{kind}, ≥ {number_vi(figure.minimum)}")
    for table, rows in ((sections, plan.sections), (figures, plan.figures)):
        if rows:
            console.print(table)
