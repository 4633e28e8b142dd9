"""Shared by the reminder engine's acceptance tests: the shipped config in a real database, a sweep
pointed at a real SMTP sink, a clock in the plan's zone, and the emails the sink received.

The seed plan's units report is due "trước 15/9/2019": effective last day Monday 16/9/2019, so the
standard ladder sends the notice on 26/8, reminders on 9/9 and 12/9, the overdue notice on 17/9,
the urging on 19/9, the escalation on 25/9 and its weekly repeats from 2/10, each at 07:30.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from sqlalchemy import Engine, select

from tests import builders
from tests.builders import TEMPLATES_DIR, at
from tests.smtp_server import ReceivedMail
from tracker.config import load_config
from tracker.mail.render import template_environment
from tracker.mail.transport import transport_from_settings
from tracker.services.extensions import ExtensionAsked, approve, ask
from tracker.services.loading import load_config_into
from tracker.services.story import mail_preview
from tracker.services.submissions import Receipt, exempt, receive
from tracker.services.sweep import Sweep
from tracker.store.db import session_factory
from tracker.store.repository import find_expected_report, load_office
from tracker.store.tables import OutboxRow

PLAN = builders.SEED_PLAN.code
UNITS_REPORT = builders.UNITS_REPORT.code
OWNER_REPORT = builders.SUMMARY_REPORT.code
UNITS_HEADER = "code,name,kind,email,chair_name,chair_email,active"

LOADED_AT = at(12, 8, 9, 0)  # the day the plan was issued


# -- config and database ---------------------------------------------------------------------------


def keep_units(config_dir: Path, codes: Iterable[str]) -> None:
    """Cut the config copy's units.csv down to the units `codes` (a small, predictable roster)."""
    path = config_dir / "units.csv"
    wanted = set(codes)
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [lines[0], *(line for line in lines[1:] if line.split(",", 1)[0] in wanted)]
    assert len(kept) == len(wanted) + 1, f"unknown unit among {sorted(wanted)}"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")


def write_units(config_dir: Path, rows: Iterable[Mapping[str, str]]) -> None:
    """Replace the config copy's units.csv with `rows` (dicts keyed by the DESIGN §5 columns)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=UNITS_HEADER.split(","), lineterminator="\n")
    writer.writeheader()
    writer.writerows({"kind": "ngành", "active": "1", **row} for row in rows)
    (config_dir / "units.csv").write_text(buffer.getvalue(), encoding="utf-8")


def generated_units(count: int) -> list[dict[str, str]]:
    """`count` well-formed units, `cd-00001` …, one contact address and a chair each."""
    return [
        {
            "code": f"cd-{n:05d}",
            "name": f"Công đoàn cơ sở số {n}",
            "email": f"cd{n:05d}@example.org",
            "chair_name": f"Chủ tịch số {n}",
            "chair_email": f"chutich{n:05d}@example.org",
        }
        for n in range(1, count + 1)
    ]


def load(engine: Engine, config_dir: Path, now: datetime = LOADED_AT) -> None:
    """Validate the config directory and load it, as `tracker load` does."""
    config = load_config(config_dir, templates_dir=TEMPLATES_DIR)
    with session_factory(engine)() as session, session.begin():
        load_config_into(session, config, now=now, actor="test")


def receive_report(engine: Engine, unit: str, on: date, now: datetime, milestone: str = UNITS_REPORT) -> None:
    """A clerk records `unit`'s report as received `on`, at the moment `now`."""
    with session_factory(engine)() as session, session.begin():
        receive(
            session,
            load_office(session),
            PLAN,
            milestone,
            unit,
            Receipt(received_on=on, by="Văn thư"),
            replace=False,
            now=now,
        )


def exempt_unit(engine: Engine, unit: str, now: datetime, milestone: str = UNITS_REPORT) -> None:
    with session_factory(engine)() as session, session.begin():
        exempt(session, load_office(session), PLAN, milestone, unit, by="Ban Tổ chức", note="miễn", now=now)


def grant_extension(
    engine: Engine, unit: str, until: date, asked: datetime, granted: datetime, milestone: str = UNITS_REPORT
) -> None:
    """`unit` asks through its link for more time until `until` at `asked`; a clerk approves at `granted`."""
    with session_factory(engine)() as session, session.begin():
        office = load_office(session)
        report = find_expected_report(session, PLAN, milestone, unit)
        assert report is not None
        request = ask(session, office, report, ExtensionAsked(until, "Chờ họp Ban Thường vụ."), now=asked)
        session.flush()
        request_id = request.id
    with session_factory(engine)() as session, session.begin():
        office = load_office(session)
        reminders = mail_preview(office, TEMPLATES_DIR, "")
        approve(
            session,
            office,
            (PLAN, milestone, unit),
            request_id,
            reminders,
            until=None,
            by="Văn thư",
            now=granted,
        )


def sweep_for(engine: Engine, env: Mapping[str, str], worker: str = "test:1") -> Sweep:
    """The sweep `tracker remind` runs, sending through the transport `env` names (TRACKER_SMTP_*)."""
    return Sweep(
        engine=engine,
        templates=template_environment(TEMPLATES_DIR),
        transport=lambda: transport_from_settings(env),
        mail_from="",
        worker=worker,
    )


def outbox(engine: Engine) -> list[OutboxRow]:
    """The reminder rows of the outbox, oldest first."""
    with session_factory(engine)() as session:
        query = select(OutboxRow).where(OutboxRow.kind == "reminder").order_by(OutboxRow.id)
        return list(session.scalars(query))


def outbox_row(engine: Engine, unit: str, step: str, repeat: int = 0) -> OutboxRow:
    (row,) = [r for r in outbox(engine) if (r.unit_code, r.step_key, r.repeat) == (unit, step, repeat)]
    return row


# -- what the server received ----------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Mail:
    """One email as its recipients see it: which reminder, when it is dated, to whom."""

    unit: str
    step: str
    repeat: int
    at: datetime
    to: tuple[str, ...]
    cc: tuple[str, ...] = ()


def mail_of(received: ReceivedMail) -> Mail:
    """The reminder a received email is (from its X-Tracker-Key), checking that the envelope went to
    exactly the addresses its headers show (nobody hidden, nobody left out)."""
    message = received.message
    _plan, _milestone, unit, step, repeat = str(message["X-Tracker-Key"]).split("/")
    to = tuple(address for _, address in getaddresses([str(message["To"])]))
    cc = tuple(address for _, address in getaddresses([str(message["Cc"])])) if message["Cc"] else ()
    assert sorted(received.rcpt_tos) == sorted(to + cc), (received.rcpt_tos, to, cc)
    return Mail(unit, step, int(repeat), parsedate_to_datetime(str(message["Date"])), to, cc)


def mails(received: Iterable[ReceivedMail]) -> list[Mail]:
    """The received reminders in a stable order (the sink's order depends on parallel connections)."""
    return sorted(mail_of(r) for r in received)
