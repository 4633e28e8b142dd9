"""Emails from the Jinja templates in `templates/emails/`: the reminder of one ladder step, and the
shared machinery (environment, three-part rendering) the digest email uses too.

An email template `name` is three files: `name.subject.j2` (one line), `name.txt.j2` (plain text) and
`name.html.j2` (HTML, autoescaped). The federation edits them without touching code; the variables
they can use are listed at the top of `_layout.txt.j2`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from jinja2 import Environment

from tracker.core.calendar import weekday_date_vi
from tracker.core.deadlines import Deadline
from tracker.core.model import OWNER_UNIT_CODE, CcTarget, Milestone, Organization, Plan, Step, Unit
from tracker.mail.calendar_entry import deadline_entry, event_uid
from tracker.mail.message import TextAttachment, compose_message, message_id_for
from tracker.templating import jinja_environment, lower_first

__all__ = [
    "Progress",
    "RenderedMail",
    "build_reminder_message",
    "message_id_for",  # the reminder's Message-ID, with the message it identifies
    "reminder_context",
    "render_mail",
    "template_environment",
]


def template_environment(templates_dir: Path) -> Environment:
    """The Jinja environment for the email templates in `templates_dir` (normally `templates/emails`).

    HTML templates (`*.html.j2`) are autoescaped: `select_autoescape` alone would not cover the
    `.j2` suffix. An unknown variable is an error rather than a silent blank, so that a typo in an
    edited template shows up at the first render, not in a unit's mailbox.
    """
    env = jinja_environment(templates_dir)
    env.filters["lowerfirst"] = lower_first
    return env


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


def _tidy_text(text: str) -> str:
    """Plain text as people write it: no trailing spaces, at most one blank line in a row."""
    lines: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip("\n") + "\n"


def render_mail(env: Environment, name: str, context: Mapping[str, object]) -> RenderedMail:
    """Render the three templates of `name`; the text and HTML parts also see the rendered `subject`."""
    subject = " ".join(env.get_template(f"{name}.subject.j2").render(context).split())
    full = {**context, "subject": subject}
    return RenderedMail(
        subject=subject,
        text=_tidy_text(env.get_template(f"{name}.txt.j2").render(full)),
        html=env.get_template(f"{name}.html.j2").render(full),
    )


@dataclass(frozen=True)
class Progress:
    """How many of the expected reports of a milestone have arrived ("đã nhận 12/18 đơn vị")."""

    received: int
    expected: int


def reminder_context(
    *,
    organization: Organization,
    plan: Plan,
    milestone: Milestone,
    deadline: Deadline,
    unit: Unit,
    step: Step,
    repeat: int,
    as_of: datetime,
    progress: Progress | None = None,
    link: str | None = None,
    note: str = "",
) -> dict[str, object]:
    """The variables a reminder template sees (documented for the federation in `_layout.txt.j2`)."""
    today = as_of.astimezone(deadline.zone).date()
    remaining = (deadline.effective - today).days
    return {
        "organization": organization,
        "owner": organization.owner,
        "standing": organization.standing,
        "plan": plan,
        "milestone": milestone,
        "unit": unit,
        "for_owner": unit.code == OWNER_UNIT_CODE,
        "step": step,
        "repeat": repeat,
        "sections": plan.sections,
        "figures": plan.figures,
        "deadline": deadline,
        "today": today,
        "days_left": remaining if remaining >= 0 else None,
        "days_late": deadline.days_overdue(today),
        "cc_chair": CcTarget.UNIT_CHAIR in step.cc,
        "cc_owner": CcTarget.OWNER in step.cc,
        "cc_standing": CcTarget.STANDING in step.cc,
        "progress": progress,
        "link": link,
        "note": note,
    }


def build_reminder_message(
    *,
    organization: Organization,
    plan: Plan,
    milestone: Milestone,
    deadline: Deadline,
    unit: Unit,
    step: Step,
    repeat: int,
    to: Sequence[str],
    cc: Sequence[str],
    mail_from: str,
    message_id: str,
    thread: Sequence[str],
    as_of: datetime,
    env: Environment,
    progress: Progress | None = None,
    reply_to: Sequence[str] | None = None,
    link: str | None = None,
    note: str = "",
    sequence: int = 0,
) -> EmailMessage:
    """The email of one ladder step (`repeat` 0) or of its n-th weekly repeat, for one unit.

    The step's `template` names the template; `as_of` gives the Date header (in the plan's zone) and
    the days left or late. `thread` holds the Message-IDs of this report's earlier emails, oldest
    first. Replies go to the owner (Ban Tổ chức) unless `reply_to` says otherwise. `link` is the
    unit's personal page (tracker.services.links), printed when given; `note` what the email says
    beyond the ladder (the reason a report is returned). The deadline rides along as a calendar entry
    (tracker.mail.calendar_entry), its `sequence` raised each time the deadline moved.
    """
    context = reminder_context(
        organization=organization,
        plan=plan,
        milestone=milestone,
        deadline=deadline,
        unit=unit,
        step=step,
        repeat=repeat,
        as_of=as_of,
        progress=progress,
        link=link,
        note=note,
    )
    rendered = render_mail(env, step.template, context)
    entry = deadline_entry(
        uid=event_uid(plan.code, milestone.code, unit.code, message_id.rpartition("@")[2].rstrip(">")),
        sequence=sequence,
        summary=f"Hạn gửi báo cáo: {milestone.title}",
        description=(
            f"{plan.reference} – {plan.title}. {milestone.title}: "
            f"hạn cuối hết ngày {weekday_date_vi(deadline.effective)}."
        ),
        deadline=deadline,
        stamp=as_of,
        link=link,
    )
    return compose_message(
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        mail_from=mail_from,
        from_name=organization.name,
        to=to,
        cc=cc,
        reply_to=organization.owner.emails if reply_to is None else reply_to,
        date=as_of.astimezone(deadline.zone),
        message_id=message_id,
        thread=thread,
        headers={"X-Tracker-Key": "/".join((plan.code, milestone.code, unit.code, step.key, str(repeat)))},
        attachments=[
            TextAttachment(entry.decode(), "calendar", "han-bao-cao.ics", {"method": "PUBLISH"}),
        ],
    )
