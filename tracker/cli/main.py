"""`tracker …`: arguments become a service call, errors become exit codes (0; 2 bad input; 1 else).

The digest, the daemon and mail sending pull in matplotlib, Jinja and aiosmtplib; they are imported by
the commands that use them, so that `tracker status` starts in a fraction of a second.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import date, timedelta
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from zoneinfo import ZoneInfo

import click

from tracker.cli import output
from tracker.cli import web as web_commands
from tracker.cli.app import App, BadInput, parse_as_of
from tracker.core.deadlines import parse_date
from tracker.core.digest import daemon_health
from tracker.core.office import Office
from tracker.core.status import status_lines
from tracker.digest.wording import health_text
from tracker.services.errors import InputError
from tracker.services.loading import LoadConflict, load_config_into
from tracker.services.submissions import Receipt, exempt, receive, unreceive
from tracker.store.repository import (
    NothingLoaded,
    audit_trail,
    expected_reports,
    latest_heartbeat,
    stored_config,
)

DIGEST_FORMATS = ("html", "eml", "text", "json", "xlsx", "docx")
P = ParamSpec("P")
R = TypeVar("R")

config_dir_option = click.option(
    "--config-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Config directory (default: TRACKER_CONFIG_DIR or ./config).",
)
as_of_option = click.option(
    "--as-of",
    "as_of",
    default=None,
    metavar="T",
    help="A date (15/9/2019, 2019-09-15: 08:00 local) or ISO date-time.",
)


def _clerk_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Domain errors become exit code 2 with their Vietnamese message; a missing load says what to run."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (InputError, LoadConflict) as error:
            raise BadInput(str(error)) from None
        except NothingLoaded:
            raise click.ClickException(
                "Cơ sở dữ liệu chưa có cấu hình: hãy chạy `tracker load` trước."
            ) from None

    return wrapper


def _date_argument(_ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        raise BadInput(f"{param.opts[0]}: {error}") from None


def _figures_argument(_ctx: click.Context, _param: click.Parameter, typed: tuple[str, ...]) -> dict[str, str]:
    """`--figure KEY=VALUE`, repeated: the text typed for each figure (the service reads the numbers)."""
    figures: dict[str, str] = {}
    for item in typed:
        key, sep, value = (part.strip() for part in item.partition("="))
        if not sep or not key or not value:
            raise BadInput(f"Số liệu '{item}' phải có dạng MÃ=GIÁ_TRỊ, ví dụ doan_vien_moi=1.234.")
        if key in figures:
            raise BadInput(f"Số liệu {key} được ghi hai lần ({figures[key]} và {value}); hãy ghi một lần.")
        figures[key] = value
    return figures


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@config_dir_option
@click.pass_context
def cli(ctx: click.Context, config_dir: Path | None) -> None:
    """Deadline tracking and reminders for the plans of LĐLĐ tỉnh Quảng Trị."""
    ctx.obj = App(config_dir=config_dir)


def _app(ctx: click.Context, config_dir: Path | None = None) -> App:
    app: App = ctx.obj
    if config_dir is not None:
        app.config_dir = config_dir
    return app


@cli.command("check-config")
@config_dir_option
@click.pass_context
def check_config(ctx: click.Context, config_dir: Path | None) -> None:
    """Validate the config directory only; exit 0, or 2 with every error found."""
    config = _app(ctx, config_dir).read_config()
    milestones = sum(len(p.milestones) for p in config.plans)
    click.echo(
        f"Cấu hình hợp lệ: {len(config.plans)} kế hoạch, {milestones} mốc, {len(config.units)} đơn vị."
    )


@cli.command()
@config_dir_option
@click.option("--by", default="tracker load", help="Who is loading (kept in the audit trail).")
@click.pass_context
@_clerk_errors
def load(ctx: click.Context, config_dir: Path | None, by: str) -> None:
    """Validate the config and sync it into the database: all or nothing, idempotent."""
    app = _app(ctx, config_dir)
    config = app.read_config()
    with app.transaction() as session:
        result = load_config_into(session, config, now=app.now(), actor=by)
    if not result.changed:
        click.echo("Không có thay đổi: cơ sở dữ liệu đã khớp với cấu hình.")
    for line in result.changes:
        click.echo(line)


@cli.command()
@click.option("--plan", "plan_code", default=None, help="Only this plan.")
@as_of_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
@click.pass_context
@_clerk_errors
def status(ctx: click.Context, plan_code: str | None, as_of: str | None, fmt: str) -> None:
    """Every expected report and its state at T (default: now)."""
    app = _app(ctx)
    with app.transaction() as session:
        config = stored_config(session)
        if plan_code is not None and config.plan(plan_code) is None:
            raise InputError(f"Không có kế hoạch '{plan_code}'.")
        reports = expected_reports(session, plan_code)
        heartbeat = latest_heartbeat(session)
    office = Office.of(config)
    moment = parse_as_of(as_of, office.zone, app.now())
    output.print_status(status_lines(office, reports, moment), fmt, moment)
    if fmt == "table":  # programs read JSON and CSV; people need to know whether reminders still go out
        health = daemon_health(heartbeat, app.now()) if heartbeat else None
        output.print_daemon_health(health_text(health, office.zone), stale=health is None or health.stale)


@cli.command("receive")
@click.argument("plan")
@click.argument("milestone")
@click.argument("unit")
@click.option("--on", "received_on", callback=_date_argument, help="Date received (default: today).")
@click.option("--doc-number", default="", help="The report's document number, e.g. 45/BC-LĐLĐ.")
@click.option("--by", default="", help="Who records it.")
@click.option("--note", default="", help="A note kept with the record.")
@click.option("--channel", default="", help="How it arrived (email, post, e-office …).")
@click.option(
    "--section", "sections", multiple=True, help="A section the report covers (repeat for several)."
)
@click.option(
    "--figure",
    "figures",
    multiple=True,
    metavar="KEY=VALUE",
    callback=_figures_argument,
    help="A figure, written the Vietnamese way: 1.234 or 12.500.000; 1,5 (repeat for several).",
)
@click.option("--replace", is_flag=True, help="Overwrite a report already recorded (audited).")
@click.pass_context
@_clerk_errors
def receive_command(
    ctx: click.Context, plan: str, milestone: str, unit: str, received_on: date | None, **opts: Any
) -> None:
    """Record UNIT's report for PLAN/MILESTONE as received."""
    app = _app(ctx)
    now = app.now()
    with app.transaction() as session:
        zone = ZoneInfo(stored_config(session).organization.timezone)
        receipt = Receipt(
            received_on=received_on or now.astimezone(zone).date(),
            doc_number=opts["doc_number"],
            by=opts["by"],
            note=opts["note"],
            channel=opts["channel"],
            sections=tuple(opts["sections"]),
            figures=opts["figures"],
        )
        receive(session, plan, milestone, unit, receipt, replace=opts["replace"], now=now)
    click.echo(
        f"Đã ghi nhận báo cáo của {unit} cho {plan}/{milestone}, ngày nhận {receipt.received_on:%d/%m/%Y}."
    )


def _undo_like(name: str, action: Callable[..., Any], done: str, doc: str) -> None:
    """`unreceive` and `exempt` share their arguments and their shape."""

    @cli.command(name, help=doc)
    @click.argument("plan")
    @click.argument("milestone")
    @click.argument("unit")
    @click.option("--by", default="", help="Who does it (kept in the audit trail).")
    @click.option("--note", default="", help="Why (kept in the audit trail).")
    @click.pass_context
    @_clerk_errors
    def command(ctx: click.Context, plan: str, milestone: str, unit: str, by: str, note: str) -> None:
        app = _app(ctx)
        with app.transaction() as session:
            action(session, plan, milestone, unit, by=by, note=note, now=app.now())
        click.echo(done.format(plan=plan, milestone=milestone, unit=unit))


_undo_like(
    "unreceive",
    unreceive,
    "Đã huỷ ghi nhận báo cáo của {unit} cho {plan}/{milestone}.",
    "Undo a receive recorded by mistake (audited).",
)
_undo_like(
    "exempt",
    exempt,
    "Đã miễn nộp báo cáo cho {unit} ở {plan}/{milestone}.",
    "Exempt UNIT from PLAN/MILESTONE: no more reminders (audited).",
)


@cli.command()
@click.option("--plan", "plan_code", default=None, help="Only this plan.")
@click.option("--unit", "unit_code", default=None, help="Only this unit.")
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
@_clerk_errors
def schedule(
    ctx: click.Context, plan_code: str | None, unit_code: str | None, as_of: str | None, fmt: str
) -> None:
    """The reminders still to come after T for every outstanding report."""
    from tracker.services.reminding import upcoming_reminders

    app = _app(ctx)
    with app.transaction() as session:
        office = Office.of(stored_config(session))
        moment = parse_as_of(as_of, office.zone, app.now())
        lines = upcoming_reminders(session, office, moment, plan_code=plan_code, unit_code=unit_code)
    output.print_schedule(lines, fmt, moment)


@cli.command()
@as_of_option
@click.option("--dry-run", is_flag=True, help="Only say what is due; send and record nothing.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
@_clerk_errors
def remind(ctx: click.Context, as_of: str | None, dry_run: bool, fmt: str) -> None:
    """One sweep at T (default: now): decide what is due, queue it once, send it."""
    app = _app(ctx)
    sweep = app.sweep()
    moment = parse_as_of(as_of, sweep.office().zone, app.now())
    result = sweep.run(moment, dry_run=dry_run)
    output.print_reminders(result.lines, fmt, moment)
    if result.stopped:  # the operator must act (credentials) or wait (quota): not a success
        click.echo(f"Đã dừng gửi thư: {result.stopped}", err=True)
        ctx.exit(1)


@cli.command()
@as_of_option
@click.option("--format", "fmt", type=click.Choice(DIGEST_FORMATS), default="html", show_default=True)
@click.option(
    "--out", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Write to this file."
)
@click.option("--send", is_flag=True, help="Also send it now to the digest's recipients (organization.toml).")
@click.pass_context
@_clerk_errors
def digest(ctx: click.Context, as_of: str | None, fmt: str, out: Path | None, send: bool) -> None:
    """The progress digest at T (default: now): html is the printable A4 document, eml the email."""
    from tracker.digest.wording import digest_environment
    from tracker.services.digests import gather_digest, render_digest
    from tracker.services.outbox import Sender

    app = _app(ctx)
    with app.transaction() as session:
        office = Office.of(stored_config(session))
    moment = parse_as_of(as_of, office.zone, app.now())
    env = digest_environment(app.settings.templates_dir)
    mail_from = app.mail_from(office.config.organization)
    with app.transaction() as session:
        gathered = gather_digest(session, moment)
    data = render_digest(gathered, fmt, env, mail_from)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        click.echo(f"Đã lưu báo cáo tiến độ ({fmt}) vào {out}", err=True)
    elif fmt in ("xlsx", "docx"):
        raise BadInput(f"Định dạng {fmt} là tệp nhị phân: hãy chỉ định --out TỆP.")
    else:
        click.echo(data.decode(), nl=False)
    if send:
        with app.transaction() as session:
            queued = app.digest_sender(env).queue(session, moment, app.now())
        result = Sender(app.engine, app.transport(), office.window, app.worker).send_due(app.now())
        if not queued:
            click.echo("Báo cáo tiến độ của thời điểm này đã được gửi trước đó; không gửi lại.", err=True)
        elif result.stopped or not result.attempts:
            click.echo("Báo cáo đã xếp hàng; sẽ được gửi trong giờ gửi thư tiếp theo.", err=True)
        else:
            click.echo("Đã gửi báo cáo tiến độ.", err=True)


@cli.command()
@click.option(
    "--sweep-minutes",
    type=click.IntRange(1, 1440),
    default=5,
    show_default=True,
    help="Minutes between sweeps.",
)
@click.option(
    "--replay-from", "replay_from", callback=_date_argument, help="Replay on a virtual clock from this date."
)
@click.option(
    "--until", "until", callback=_date_argument, help="With --replay-from: stop at the end of this date."
)
@click.option(
    "--speed", default="max", show_default=True, help="With --replay-from: N times real time, or max."
)
@click.option(
    "--arrivals",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Replay: reports arriving.",
)
@click.pass_context
@_clerk_errors
def run(
    ctx: click.Context,
    sweep_minutes: int,
    replay_from: date | None,
    until: date | None,
    speed: str,
    arrivals: Path | None,
) -> None:
    """The daemon: a sweep every few minutes and the weekly digest (Ctrl-C or SIGTERM stops it cleanly)."""
    from tracker.cli.daemon import replay_campaign, run_daemon

    app = _app(ctx)
    # The replay shows a live progress line instead of the daemon's log, which only says what went wrong.
    level = logging.INFO if replay_from is None else logging.WARNING
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    if replay_from is None:
        run_daemon(app, timedelta(minutes=sweep_minutes))
    else:
        replay_campaign(app, timedelta(minutes=sweep_minutes), replay_from, until, speed, arrivals)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def audit(ctx: click.Context, fmt: str) -> None:
    """The audit trail: who did what, when, before and after."""
    app = _app(ctx)
    with app.transaction() as session:
        rows = audit_trail(session)
        output.print_audit(rows, fmt)


web_commands.register(cli)  # `tracker web`, `tracker user …`


def main() -> None:
    cli(prog_name="tracker")


if __name__ == "__main__":
    sys.exit(main())
