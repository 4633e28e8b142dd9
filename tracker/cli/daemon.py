"""`tracker run`: the daemon on the real clock, or the replay of a campaign on a virtual one."""

from __future__ import annotations

import os
import socket
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import click
from rich.console import Console
from rich.live import Live

from tracker.daemon.replay import Replay, ReplayProgress, read_arrivals
from tracker.daemon.runner import StopFlag, install_signal_handlers, run_on_real_clock
from tracker.daemon.service import Daemon, MailboxReader
from tracker.digest.wording import mail_text
from tracker.errors import BadInput, Unavailable
from tracker.services.outbox import reclaim_from_dead_workers
from tracker.services.status import outbox_health
from tracker.shell import App
from tracker.store.db import session_factory
from tracker.store.repository import expected_reports, load_office


def build_daemon(
    app: App, every: timedelta, stop: StopFlag, started_at: datetime, *, read_mailbox: bool = False
) -> Daemon:
    """The daemon's jobs; the mailbox is read on the real clock only (a replay is of the past)."""
    intake = app.intake() if read_mailbox else None
    return Daemon(
        engine=app.engine,
        sweep=app.sweep(should_stop=stop),
        digests=app.digest_queue(),
        every=every,
        name=app.worker,
        started_at=started_at,
        mailbox=MailboxReader(intake, timedelta(seconds=intake.settings.every_seconds)) if intake else None,
    )


def starting_daemon(app: App, every: timedelta, stop: StopFlag, now: datetime) -> Daemon:
    """The daemon of `tracker run`, starting at `now` (the soak test starts it on its own clock)."""
    daemon = build_daemon(app, every, stop, now, read_mailbox=True)
    # Emails a killed daemon of this host had claimed go now, not when its leases run out.
    reclaim_from_dead_workers(app.engine, socket.gethostname(), os.getpid(), now)
    return daemon


def run_daemon(app: App, every: timedelta) -> None:
    stop = StopFlag()
    now = datetime.now(UTC)
    daemon = starting_daemon(app, every, stop, now)
    daemon.send_digest(now)  # a digest missed while the daemon was down goes out now, once
    daemon.run_sweep(now)  # and the first sweep at once, not an interval later
    try:
        run_on_real_clock(daemon.jobs(now), daemon.sweep.office().zone, stop)
    finally:
        daemon.beat(datetime.now(UTC), stopped=True)


def _speed(text: str) -> float | None:
    if text == "max":
        return None
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise BadInput(f"--speed '{text}': cần một số lớn hơn 0 (ví dụ 3600) hoặc max.")
    return value


def replay_campaign(
    app: App,
    every: timedelta,
    start_day: date,
    until_day: date | None,
    speed: str,
    arrivals_file: Path | None,
) -> None:
    stop = StopFlag()
    install_signal_handlers(stop.set)
    with app.transaction() as session:
        zone = load_office(session).zone
    start = datetime.combine(start_day, time(0, 0), tzinfo=zone)
    until = datetime.combine(until_day or start_day + timedelta(days=120), time(23, 59, 59), tzinfo=zone)
    daemon = build_daemon(app, every, stop, start)
    arrivals = read_arrivals(arrivals_file, zone) if arrivals_file else []
    with session_factory(app.engine)() as session:
        expected = len(expected_reports(session))
    console = Console(stderr=True)

    def line(progress: ReplayProgress) -> str:
        sent = (
            ", ".join(f"{step} {count}" for step, count in sorted(progress.sent_by_step.items())) or "chưa có"
        )
        moment = f"{progress.now.astimezone(zone):%H:%M %d/%m/%Y}" if progress.now else "…"
        return (
            f"Ngày ảo {moment} | thư đã gửi: {sent}"
            f" | báo cáo đã nhận hoặc miễn {progress.arrivals}/{expected}"
            f" | báo cáo tiến độ {progress.digests}"
        )

    with Live(console=console, refresh_per_second=8, transient=False) as live:
        replay = Replay(
            app.engine,
            daemon.jobs(start),
            arrivals,
            stop,
            daemon.beat_swept,
            on_progress=lambda p: live.update(line(p)),
        )
        progress = replay.run(start, until, _speed(speed))
        live.update(line(progress))
    console.print()
    _summary(app, console)
    with app.reading() as session:
        office = load_office(session)
        mail = outbox_health(session, office, min(until, progress.now or until))
    if mail.stuck:  # a replay whose logins all failed sent nothing: not a success
        raise Unavailable(f"Chạy lại xong nhưng thư không đi được. {mail_text(mail, zone)}")


def _summary(app: App, console: Console) -> None:
    outbox, digests = app.settings.outbox_dir, app.settings.digests_dir
    emails = sorted(outbox.glob("*.eml")) if outbox.is_dir() else []
    archived = sorted(digests.glob("*.html")) if digests.is_dir() else []
    digest_emails = sum(1 for path in emails if "-digest." in path.name)  # see digest_message_id
    console.print(
        f"Thư đã gửi: {len(emails) - digest_emails} thư nhắc và {digest_emails} thư báo cáo tiến độ "
        f"({len(emails)} tệp .eml) trong {outbox.resolve()}"
    )
    console.print(f"Báo cáo tiến độ hằng tuần: {len(archived)} tệp trong {digests.resolve()}")
    if archived:
        console.print(f"Mở báo cáo mới nhất bằng trình duyệt: {archived[-1].resolve().as_uri()}")
    click.echo("Xong.", err=True)
