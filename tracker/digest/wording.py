"""How the digest's numbers, dates and names are written in Vietnamese, for every rendering.

The Jinja environment of the digest templates exposes these as filters, and the Word and Excel
renderings call them directly, so that every format says the same thing the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment

from tracker.core.calendar import date_vi, weekday_date_vi
from tracker.core.deadlines import Deadline
from tracker.core.digest import Digest, MilestoneDigest, MilestoneTally, SentStep, UnitReport
from tracker.core.health import DaemonHealth, MailboxHealth, MailHealth
from tracker.core.labels import state_label, step_label
from tracker.core.model import DueRule, Milestone, Organization, Plan, ReportState
from tracker.core.text import inline, shortened
from tracker.core.vietnamese import number_vi
from tracker.templating import jinja_environment, lower_first

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"

LIST_LIMIT = 100  # rows of a list in the email, text, printable and Word; the Excel file has them all
NAMES_IN_PROPOSALS = 10  # beyond this many units the proposals line says "and N others"


def percent_vi(value: float | None) -> str:
    """`69,2%`, `100%`; an em dash when nothing is expected."""
    if value is None:
        return "—"
    rounded = round(value, 1)
    return f"{number_vi(rounded)}%"


def moment_vi(moment: datetime, zone: ZoneInfo) -> str:
    """`07:30 ngày 16/09/2019`, in the plan's zone."""
    local = moment.astimezone(zone)
    return f"{local:%H:%M} ngày {date_vi(local.date())}"


def as_of_vi(moment: datetime, zone: ZoneInfo) -> str:
    """`08:00, Thứ Hai, 23/09/2019`: the moment a digest is as of."""
    local = moment.astimezone(zone)
    return f"{local:%H:%M}, {weekday_date_vi(local.date())}"


def as_of_in_words(moment: datetime, zone: ZoneInfo) -> str:
    """`8 giờ ngày 23/9/2019`, `16 giờ 30 phút ngày 1/10/2019`: the moment as an official document
    writes it, mid-sentence."""
    local = moment.astimezone(zone)
    minutes = f" {local.minute} phút" if local.minute else ""
    return f"{local.hour} giờ{minutes} ngày {local.day}/{local.month}/{local.year}"


def document_date_vi(place: str, day: date) -> str:
    """`Quảng Trị, ngày 16 tháng 9 năm 2019`: Decree 30/2020 pads days below 10 and months 1 and 2."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def written_deadline(milestone: Milestone) -> str:
    """The deadline in the document's own words: `trước ngày 15/09/2019`, `cuối tháng 10/2019`."""
    if milestone.due_rule is DueRule.BEFORE:
        return f"trước ngày {date_vi(milestone.due)}"
    if milestone.due_rule is DueRule.END_OF_MONTH:
        return f"cuối tháng {milestone.due.month}/{milestone.due.year}"
    return f"đến hết ngày {date_vi(milestone.due)}"


def effective_deadline(m: MilestoneTally) -> str:
    """`Thứ Hai, 16/09/2019 (lùi từ Thứ Bảy, 14/09/2019 theo Điều 148 Bộ luật Dân sự)`."""
    return effective_day(m.deadline)


def effective_day(deadline: Deadline) -> str:
    """The effective last day with its weekday, and why when it moved off a day off."""
    text = weekday_date_vi(deadline.effective)
    if deadline.shifted:
        text += f" (lùi từ {weekday_date_vi(deadline.written)} theo Điều 148 Bộ luật Dân sự)"
    return text


def time_left(m: MilestoneTally) -> str:
    """`còn 5 ngày`, `hôm nay là ngày cuối`, `đã quá hạn 3 ngày`."""
    if m.days_past:
        return f"đã quá hạn {m.days_past} ngày"
    if m.days_left == 0:
        return "hôm nay là ngày cuối"
    return f"còn {m.days_left} ngày"


def counted(m: MilestoneTally, count: int) -> str:
    """`9/13 (69,2%)`."""
    return f"{count}/{m.expected} ({percent_vi(m.percent(count))})"


def sent_step(step: SentStep, zone: ZoneInfo) -> str:
    """`Nhắc khẩn, 07:30 ngày 12/09/2019`."""
    return f"{step_label(step.key, step.template, step.repeat)}, {moment_vi(step.sent_at, zone)}"


def summary_line(digest: Digest) -> str:
    """The report's title under "BÁO CÁO": `Tiến độ thực hiện Kế hoạch sơ kết 3 năm …`."""
    if len(digest.plans) == 1:
        return f"Tiến độ thực hiện Kế hoạch {lower_first(inline(digest.plans[0].plan.title))}"
    return "Tiến độ thực hiện các kế hoạch"


def intro(digest: Digest, organization: Organization) -> str:
    """The opening sentence of the printable report, naming the plan(s) it follows."""
    if len(digest.plans) == 1:
        plan = digest.plans[0].plan
        basis = f"{inline(plan.reference) or 'Kế hoạch'} về {lower_first(inline(plan.title))}"
    else:
        basis = f"các kế hoạch của {organization.name}"
    return (
        f"Thực hiện {basis}, {organization.owner.name} báo cáo tiến độ thực hiện "
        f"tính đến {as_of_in_words(digest.as_of, digest.zone)} như sau:"
    )


def deadline_sentence(m: MilestoneDigest) -> str:
    """`Thời hạn: trước ngày 15/09/2019; hạn cuối thứ Hai, 16/09/2019 (…); đến nay đã quá hạn 7 ngày.`"""
    status = f"đến nay {time_left(m)}" if m.days_past else time_left(m)
    last_day = _WEEKDAY_MID_SENTENCE.sub(lambda found: found.group().lower(), effective_deadline(m))
    return f"Thời hạn: {written_deadline(m.milestone)}; hạn cuối {last_day}; {status}."


# Inside a sentence a weekday is written `thứ Hai`, `chủ nhật` (only at its start `Thứ Hai`).
_WEEKDAY_MID_SENTENCE = re.compile(r"\b(Thứ(?= )|Chủ nhật)")


def outstanding_state(r: UnitReport) -> str:
    """An outstanding report's state in a table cell: `Quá hạn 3 ngày`, `Chưa đến hạn`, and the unit's
    own deadline when it was granted more time: `Gia hạn đến 20/09/2019`."""
    state = f"Quá hạn {r.days_overdue} ngày" if r.days_overdue else "Chưa đến hạn"
    if r.extended_until is None:
        return state
    return f"Gia hạn đến {date_vi(r.extended_until)}" + (f"; {state.lower()}" if r.days_overdue else "")


def report_phrase(r: UnitReport) -> str:
    """One report's state in words: `đã gửi báo cáo ngày 17/09/2019 (nộp muộn 1 ngày)`."""
    if r.submission is not None:
        late = f"nộp muộn {r.days_late} ngày" if r.state is ReportState.RECEIVED_LATE else "đúng hạn"
        return f"đã gửi báo cáo ngày {date_vi(r.submission.received_on)} ({late})"
    if r.state is ReportState.EXEMPT:
        return "được miễn nộp báo cáo"
    extended = f", gia hạn đến {date_vi(r.extended_until)}" if r.extended_until else ""
    if r.days_overdue:
        return f"chưa gửi báo cáo{extended}, đã quá hạn {r.days_overdue} ngày"
    return f"chưa gửi báo cáo ({extended.removeprefix(', ') or 'chưa đến hạn'})"


def result_sentence(m: MilestoneDigest) -> str:
    """`Kết quả: đã nhận 9/13 báo cáo (69,2%), trong đó 7 đúng hạn, 2 nộp muộn; …`

    A milestone only one unit owes (the owner's own report) says that unit's state instead.
    """
    if m.expected == 1:
        report = m.reports[0]
        return f"Kết quả: {inline(report.unit.name)} {report_phrase(report)}."
    text = (
        f"Kết quả: đã nhận {m.received}/{m.expected} báo cáo ({percent_vi(m.percent(m.received))}), "
        f"trong đó {m.received_on_time} đúng hạn, {m.received_late} nộp muộn"
    )
    if m.exempt:
        text += f"; {m.exempt} đơn vị được miễn nộp"
    outstanding = len(m.outstanding)
    if outstanding:
        text += f"; còn {outstanding} đơn vị chưa gửi báo cáo ({percent_vi(m.percent(outstanding))})"
        if m.overdue:
            text += f", trong đó {m.overdue} đơn vị đã quá hạn"
    return text + "."


def activity_sentence(digest: Digest) -> str:
    """What the reminder daemon did since the last digest."""
    a = digest.activity
    partly = f" ({a.partly_failed} thư có địa chỉ bị từ chối)" if a.partly_failed else ""
    return (
        f"Từ {moment_vi(a.since, digest.zone)} đến nay, hệ thống nhắc nhở tự động đã gửi {a.sent} thư nhắc"
        f"{partly}, {a.failed} thư không gửi được, {a.pending} thư đang chờ gửi."
    )


def health_sentence(digest: Digest) -> str:
    """Whether the reminder daemon is alive; loud when it is stale."""
    return health_text(digest.health, digest.zone)


def health_text(health: DaemonHealth | None, zone: ZoneInfo) -> str:
    """The daemon's health in a sentence (the digest, `tracker status`)."""
    if health is None:
        return "Chưa ghi nhận lần quét nào của tiến trình nhắc nhở tự động."
    if health.stopped_at:
        return (
            f"CẢNH BÁO: tiến trình nhắc nhở tự động đã dừng lúc {moment_vi(health.stopped_at, zone)}; "
            "không có thư nhắc nào được gửi cho đến khi chạy lại (tracker run)."
        )
    last = moment_vi(health.last_sweep_at, zone) if health.last_sweep_at else "chưa có"
    text = f"Lần quét gần nhất: {last}"
    if health.next_sweep_at:
        text += f"; lần tiếp theo: {moment_vi(health.next_sweep_at, zone)}"
    if health.stale:
        return text + ". CẢNH BÁO: tiến trình nhắc nhở tự động đã ngừng hoạt động, cần kiểm tra ngay."
    return text + "; hệ thống hoạt động bình thường."


def mail_text(mail: MailHealth, zone: ZoneInfo) -> str:
    """The outbox in a sentence or two (`tracker status`, the dashboard's banner): what waits to leave,
    since when, the mail server's last error, and the addresses it refused."""
    if mail.waiting and mail.oldest_due_at:
        text = f"{mail.waiting} thư đang chờ gửi, thư cũ nhất chờ từ {moment_vi(mail.oldest_due_at, zone)}"
        if mail.last_error:
            text += f"; máy chủ thư báo lỗi: {shortened(inline(mail.last_error), 200)}"
        text += "." if not mail.stuck else ". CẢNH BÁO: thư không đi được, cần kiểm tra máy chủ thư ngay."
    else:
        text = "Không có thư nào chờ gửi."
    if mail.refused:
        text += f" Máy chủ thư từ chối hẳn {len(mail.refused)} địa chỉ: {', '.join(mail.refused)}."
    return text


def mailbox_text(mailbox: MailboxHealth, zone: ZoneInfo) -> str:
    """How Ban Tổ chức's mailbox is read, in a sentence (`tracker status`, the dashboard's banner):
    the last good read; while it fails, the error, since when and the next try."""
    last = moment_vi(mailbox.last_read_at, zone) if mailbox.last_read_at else "chưa có"
    if not mailbox.failing:
        return f"Hộp thư đến: đọc được lần gần nhất lúc {last}."
    assert mailbox.last_error_at is not None, "a failing read has its error"
    text = (
        f"CẢNH BÁO: không đọc được hộp thư đến (lần thử lúc {moment_vi(mailbox.last_error_at, zone)}: "
        f"{shortened(inline(mailbox.last_error), 200)}); thư trả lời và thư báo lỗi chưa được ghi nhận. "
        f"Lần đọc được gần nhất: {last}"
    )
    if mailbox.next_try_at:
        text += f"; sẽ thử lại lúc {moment_vi(mailbox.next_try_at, zone)}"
    return text + "."


def _names(reports: Sequence[UnitReport]) -> str:
    names = [r.unit.name for r in reports[:NAMES_IN_PROPOSALS]]
    if len(reports) > NAMES_IN_PROPOSALS:
        names.append(f"và {len(reports) - NAMES_IN_PROPOSALS} đơn vị khác")
    return ", ".join(names)


def proposals_text(digest: Digest) -> str:
    """The default proposals line ("Đề xuất: …" without the label); the clerk may rewrite it."""
    proposals, organization = digest.proposals, digest.organization
    owner = organization.owner.name
    sentences = []
    if proposals.overdue:
        sentences.append(
            f"Đề nghị {organization.standing.name} chỉ đạo {len(proposals.overdue)} đơn vị quá hạn chưa gửi "
            f"báo cáo ({_names(proposals.overdue)}) khẩn trương hoàn thành, gửi về {organization.name} "
            f"(qua {owner})."
        )
    if proposals.pending:
        sentences.append(
            f"{owner} tiếp tục theo dõi, đôn đốc {len(proposals.pending)} đơn vị chưa gửi báo cáo "
            "(chưa đến hạn)."
        )
    if proposals.incomplete:
        sentences.append(
            f"Đề nghị các đơn vị {_names(proposals.incomplete)} bổ sung nội dung, số liệu còn thiếu "
            "trong báo cáo."
        )
    if proposals.unreachable:
        sentences.append(
            f"Đề nghị {_names(proposals.unreachable)} cập nhật địa chỉ thư điện tử nhận thông báo "
            "(thư nhắc bị từ chối)."
        )
    for m, report in proposals.owner_outstanding:
        sentences.append(
            f"{owner} hoàn thành “{m.milestone.title}” đúng hạn (hết ngày {m.deadline.effective:%d/%m/%Y})."
            if report.days_overdue is None
            else f"{owner} khẩn trương hoàn thành “{m.milestone.title}” "
            f"(đã quá hạn {report.days_overdue} ngày)."
        )
    if proposals.daemon_stale:
        sentences.append("Đề nghị kiểm tra ngay hệ thống nhắc nhở tự động (đã ngừng hoạt động).")
    if not sentences:
        sentences.append(
            f"Các đơn vị đã gửi đủ báo cáo; {owner} tổng hợp số liệu, xây dựng báo cáo chung theo kế hoạch."
        )
    return " ".join(sentences)


def matrix_legend(plan: Plan) -> str:
    """What the columns of the missing-content table stand for: `ND1: …; ND2: …; số liệu: …`."""
    sections = "".join(f"ND{n}: {inline(s.title)}; " for n, s in enumerate(plan.sections, start=1))
    return (
        f"{sections}số liệu: số chỉ tiêu đơn vị đã báo cáo trên {len(plan.figures)} chỉ tiêu của kế hoạch "
        "(tên chỉ tiêu còn thiếu trong bảng Excel)."
    )


def beyond(items: Sequence[object]) -> str:
    """What a list cut at LIST_LIMIT rows leaves out, said as such; "" when nothing is cut."""
    hidden = len(items) - LIST_LIMIT
    if hidden <= 0:
        return ""
    return f"… và {hidden} đơn vị khác (danh sách đầy đủ trong bảng Excel)."


def closing(organization: Organization) -> str:
    return (
        f"Trên đây là báo cáo tiến độ thực hiện kế hoạch, kính báo cáo {organization.standing.name} "
        "xem xét, chỉ đạo./."
    )


def digest_environment(templates_dir: Path = TEMPLATES_DIR) -> Environment:
    """The Jinja environment of the digest templates (`emails/digest.*`, `digest/*`) under `templates_dir`.

    HTML templates (`.html.j2` too) are autoescaped, so a unit named `<script>` stays text.
    """
    env = jinja_environment(templates_dir, keep_trailing_newline=True)
    env.filters.update(
        inline=inline,
        number=number_vi,
        percent=percent_vi,
        as_of=as_of_vi,
        written_deadline=written_deadline,
        effective_deadline=effective_deadline,
        time_left=time_left,
        state_label=state_label,
        sent_step=sent_step,
        outstanding_state=outstanding_state,
        proposals=proposals_text,
    )
    env.globals.update(
        list_limit=LIST_LIMIT,
        beyond=beyond,
        matrix_legend=matrix_legend,
        counted=counted,
        intro=intro,
        deadline_sentence=deadline_sentence,
        result_sentence=result_sentence,
        activity_sentence=activity_sentence,
        health_sentence=health_sentence,
        closing=closing,
    )
    return env
