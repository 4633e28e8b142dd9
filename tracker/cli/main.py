"""`tracker …`: arguments become a service call; errors become exit codes in `TrackerGroup` alone.

Each command imports what it uses (the database, the services, the tables' printer; the digest, the
daemon and mail sending pull in matplotlib, Jinja and aiosmtplib) when it runs, so that `tracker --help`
and a command's help start in a fraction of a second and `tracker status` loads no mail machinery.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, timedelta
from importlib import import_module
from pathlib import Path
from typing import Any

import click

from tracker.cli import web as web_commands
from tracker.cli.speech import VietnameseGroup
from tracker.core.text import refuse_control_characters
from tracker.digest import DIGEST_FORMATS
from tracker.errors import BadInput, TrackerError
from tracker.files import file_problem, private_folder, write_private
from tracker.shell import App

config_dir_option = click.option(
    "--config-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    metavar="THƯ_MỤC",
    help="Thư mục cấu hình (mặc định: TRACKER_CONFIG_DIR hoặc ./config).",
)
as_of_option = click.option(
    "--as-of",
    "as_of",
    default=None,
    metavar="T",
    help="Thời điểm T: một ngày (15/9/2019 hoặc 2019-09-15, tính 08:00 giờ địa phương) hoặc ngày giờ ISO.",
)


def _date_argument(_ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    from tracker.core.deadlines import parse_date

    try:
        return parse_date(value)
    except ValueError as error:
        raise BadInput(f"{param.opts[0]}: {error}") from None


def _one_line(_ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A name kept in the audit trail: one line, no control character a terminal would act on."""
    try:
        return refuse_control_characters(value)
    except ValueError as error:
        raise BadInput(f"{param.opts[0]}: {error}.") from None


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


class TrackerGroup(VietnameseGroup):
    """The one place errors become exit codes: each TrackerError is shown as it is, with its code (2 for
    bad input, 1 otherwise); anything else is a bug and keeps its traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as error:
            click.echo(str(error), err=True)
            ctx.exit(error.exit_code)
        except Exception as error:  # the database's or a file's, said in a sentence; else a bug
            explained = ctx.obj.explained(error) if isinstance(ctx.obj, App) else None
            if explained is None:
                raise
            click.echo(str(explained), err=True)
            ctx.exit(explained.exit_code)


@click.group(name="tracker", cls=TrackerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@config_dir_option
@click.pass_context
def cli(ctx: click.Context, config_dir: Path | None) -> None:
    """Theo dõi thời hạn và nhắc nộp báo cáo theo kế hoạch của LĐLĐ tỉnh Quảng Trị."""
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
    """Chỉ kiểm tra thư mục cấu hình: báo mọi lỗi (mã thoát 2), không ghi gì."""
    config = _app(ctx, config_dir).read_config()
    milestones = sum(len(p.milestones) for p in config.plans)
    click.echo(
        f"Cấu hình hợp lệ: {len(config.plans)} kế hoạch, {milestones} mốc, {len(config.units)} đơn vị."
    )


@cli.command()
@config_dir_option
@click.option(
    "--by", default="tracker load", callback=_one_line, help="Người nạp cấu hình (ghi vào nhật ký)."
)
@click.pass_context
def load(ctx: click.Context, config_dir: Path | None, by: str) -> None:
    """Kiểm tra cấu hình rồi nạp vào cơ sở dữ liệu: nạp hết hoặc không nạp gì; nạp lại không đổi gì."""
    from tracker.services.loading import load_config_into

    app = _app(ctx, config_dir)
    config = app.read_config()
    with app.transaction() as session:
        result = load_config_into(session, config, now=app.now(), actor=by)
    if not result.changed:
        click.echo("Không có thay đổi: cơ sở dữ liệu đã khớp với cấu hình.")
    for line in result.changes:
        click.echo(line)


@cli.command()
@click.option("--plan", "plan_code", default=None, help="Chỉ kế hoạch này (mã).")
@as_of_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
@click.pass_context
def status(ctx: click.Context, plan_code: str | None, as_of: str | None, fmt: str) -> None:
    """Mọi báo cáo phải nộp và tình trạng của từng báo cáo tại thời điểm T (mặc định: bây giờ)."""
    from tracker.cli import output
    from tracker.core.deadlines import parse_as_of
    from tracker.services.status import office_status
    from tracker.store.repository import load_office

    app = _app(ctx)
    with app.reading() as session:
        office = load_office(session)
        moment = parse_as_of(as_of, office.zone, app.now())
        status = office_status(session, office, moment, app.now(), plan_code)
    output.print_status(status.lines, fmt, moment, office.zone)
    if fmt == "table":  # programs read JSON and CSV; people need to know whether reminders still go out
        output.print_daemon_health(status.health, status.mail, status.mailbox, office.zone)


def _who(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """`--by`, else TRACKER_CLERK (environment or .env): an act is never recorded as done by nobody,
    nor by a name with a line break or an escape code in it."""
    who = value.strip() or _app(ctx).settings.env.get("TRACKER_CLERK", "").strip()
    if not who:
        raise BadInput(
            'Hãy cho biết ai thực hiện: thêm --by "Họ và tên", hoặc đặt TRACKER_CLERK="Họ và tên" '
            "trong tệp .env hay biến môi trường của máy này."
        )
    return _one_line(ctx, param, who)


_BY_HELP = "Người thực hiện, ghi vào nhật ký (mặc định: TRACKER_CLERK; phải có một trong hai)."


@cli.command("receive")
@click.argument("plan")
@click.argument("milestone")
@click.argument("unit")
@click.option("--on", "received_on", callback=_date_argument, help="Ngày nhận (mặc định: hôm nay).")
@click.option("--doc-number", default="", help="Số văn bản của báo cáo, ví dụ 45/BC-LĐLĐ.")
@click.option("--by", default="", callback=_who, help=_BY_HELP)
@click.option("--note", default="", help="Ghi chú kèm theo.")
@click.option("--channel", default="", help="Hình thức nhận (thư điện tử, bưu điện, văn phòng điện tử …).")
@click.option(
    "--section", "sections", multiple=True, help="Nội dung báo cáo có (mã; lặp lại cho nhiều nội dung)."
)
@click.option(
    "--figure",
    "figures",
    multiple=True,
    metavar="KEY=VALUE",
    callback=_figures_argument,
    help="Số liệu MÃ=GIÁ_TRỊ, viết kiểu Việt Nam: 1.234 hay 12.500.000; 1,5 (lặp lại cho nhiều số liệu).",
)
@click.option("--replace", is_flag=True, help="Ghi đè báo cáo đã ghi nhận (được lưu vết).")
@click.option("--force", is_flag=True, help="Chấp nhận ngày nhận trước ngày ban hành kế hoạch.")
@click.pass_context
def receive_command(
    ctx: click.Context, plan: str, milestone: str, unit: str, received_on: date | None, **opts: Any
) -> None:
    """Ghi nhận báo cáo của đơn vị UNIT cho kế hoạch PLAN, mốc MILESTONE."""
    from tracker.services.submissions import Receipt, receive
    from tracker.store.repository import load_office

    app = _app(ctx)
    now = app.now()
    with app.transaction() as session:
        office = load_office(session)
        receipt = Receipt(
            received_on=received_on or now.astimezone(office.zone).date(),
            doc_number=opts["doc_number"],
            by=opts["by"],
            note=opts["note"],
            channel=opts["channel"],
            sections=tuple(opts["sections"]),
            figures=opts["figures"],
        )
        receive(
            session,
            office,
            plan,
            milestone,
            unit,
            receipt,
            replace=opts["replace"],
            now=now,
            force=opts["force"],
        )
    click.echo(
        f"Đã ghi nhận báo cáo của {unit} cho {plan}/{milestone}, ngày nhận {receipt.received_on:%d/%m/%Y}."
    )


def _decided_on(dated: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--on DATE` for an act dated by the clerk (the day the decision was taken)."""
    if not dated:
        return lambda command: command
    return click.option(
        "--on", "on", callback=_date_argument, metavar="DATE", help="Ngày quyết định (mặc định: hôm nay)."
    )


def _report_act(
    name: str,
    action: str,
    done: str,
    doc: str,
    *,
    group: click.Group = cli,
    dated: bool = False,
) -> None:
    """The acts on one unit's report for one milestone (unreceive, exempt, unexempt, expect add and
    remove) share their arguments and their shape: a service call, audited with who and why. `action`
    names the service function (`module:function`), imported when the command runs."""

    @group.command(name, help=doc)
    @click.argument("plan")
    @click.argument("milestone")
    @click.argument("unit")
    @click.option("--by", default="", callback=_who, help=_BY_HELP)
    @click.option("--note", default="", help="Lý do (ghi vào nhật ký).")
    @_decided_on(dated)
    @click.pass_context
    def command(
        ctx: click.Context, plan: str, milestone: str, unit: str, by: str, note: str, **on: date | None
    ) -> None:
        from tracker.store.repository import load_office

        module, function = action.split(":")
        act = getattr(import_module(module), function)
        app = _app(ctx)
        with app.transaction() as session:
            office = load_office(session)
            act(session, office, plan, milestone, unit, by=by, note=note, now=app.now(), **on)
        click.echo(done.format(plan=plan, milestone=milestone, unit=unit))


@cli.group()
def expect() -> None:
    """Đổi danh sách đơn vị phải nộp của một mốc sau khi kế hoạch đã ban hành (được lưu vết)."""


_report_act(
    "unreceive",
    "tracker.services.submissions:unreceive",
    "Đã huỷ ghi nhận báo cáo của {unit} cho {plan}/{milestone}.",
    "Hủy một lần ghi nhận nhầm (được lưu vết).",
)
_report_act(
    "exempt",
    "tracker.services.submissions:exempt",
    "Đã miễn nộp báo cáo cho {unit} ở {plan}/{milestone}.",
    "Miễn nộp cho đơn vị UNIT ở PLAN/MILESTONE: không nhắc nữa (được lưu vết).",
    dated=True,
)
_report_act(
    "unexempt",
    "tracker.services.submissions:unexempt",
    "Đã huỷ miễn nộp cho {unit} ở {plan}/{milestone}: báo cáo lại phải nộp, thư nhắc tiếp tục.",
    "Hủy miễn nộp: báo cáo lại phải nộp và thư nhắc tiếp tục (được lưu vết; cần --by và --note).",
)
_report_act(
    "add",
    "tracker.services.roster:expect_add",
    "Đã thêm {unit} vào danh sách phải nộp của {plan}/{milestone}; thư nhắc bắt đầu từ bước đến hạn.",
    "Thêm đơn vị UNIT vào danh sách phải nộp của PLAN/MILESTONE (được lưu vết; cần --by và --note).",
    group=expect,
)
_report_act(
    "remove",
    "tracker.services.roster:expect_remove",
    "Đã bỏ {unit} khỏi danh sách phải nộp của {plan}/{milestone}; thư nhắc chưa gửi đã được huỷ.",
    "Bỏ đơn vị UNIT khỏi danh sách phải nộp của PLAN/MILESTONE: thôi nhắc ngay (được lưu vết; cần --by "
    "và --note).",
    group=expect,
)


@cli.group()
def extension() -> None:
    """Đề nghị gia hạn của các đơn vị (gửi qua liên kết): xem, đồng ý, không đồng ý (được lưu vết)."""


@extension.command("list")
@click.pass_context
def extension_list(ctx: click.Context) -> None:
    """Các đề nghị gia hạn đang chờ trả lời, cũ nhất trước."""
    from tracker.cli.output import print_extension_requests
    from tracker.services.extensions import waiting_requests
    from tracker.store.repository import load_office

    app = _app(ctx)
    with app.transaction() as session:
        zone = load_office(session).zone
        print_extension_requests(waiting_requests(session), zone)


def _answer(ctx: click.Context, request_id: int, act: Callable[..., str], **details: Any) -> None:
    """Answer request `request_id` with the service `act`; the unit is emailed at the next pass."""
    from tracker.services.extensions import codes_of_request
    from tracker.store.repository import load_office

    app = _app(ctx)
    with app.transaction() as session:
        office = load_office(session)
        codes = codes_of_request(session, request_id)
        click.echo(act(session, office, codes, request_id, app.unit_mail(office), now=app.now(), **details))


@extension.command("approve")
@click.argument("request_id", type=int, metavar="SỐ")
@click.option(
    "--until", callback=_date_argument, metavar="DATE", help="Gia hạn đến ngày (mặc định: ngày đơn vị xin)."
)
@click.option("--by", default="", callback=_who, help=_BY_HELP)
@click.pass_context
def extension_approve(ctx: click.Context, request_id: int, until: date | None, by: str) -> None:
    """Đồng ý đề nghị gia hạn số SỐ: đơn vị có hạn cuối riêng, thư nhắc tính theo hạn mới."""
    from tracker.services.extensions import approve

    _answer(ctx, request_id, approve, until=until, by=by)


@extension.command("refuse")
@click.argument("request_id", type=int, metavar="SỐ")
@click.option("--note", default="", help="Lý do không đồng ý (gửi cho đơn vị qua email).")
@click.option("--by", default="", callback=_who, help=_BY_HELP)
@click.pass_context
def extension_refuse(ctx: click.Context, request_id: int, note: str, by: str) -> None:
    """Không đồng ý đề nghị gia hạn số SỐ, kèm lý do: hạn cuối giữ nguyên."""
    from tracker.services.extensions import refuse

    _answer(ctx, request_id, refuse, answer=note, by=by)


@cli.command()
@click.option("--plan", "plan_code", default=None, help="Chỉ kế hoạch này (mã).")
@click.option("--unit", "unit_code", default=None, help="Chỉ đơn vị này (mã).")
@as_of_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Chỉ N thư nhắc đầu tiên.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def schedule(
    ctx: click.Context,
    plan_code: str | None,
    unit_code: str | None,
    as_of: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """Các thư nhắc còn sẽ gửi sau thời điểm T cho mọi báo cáo chưa nộp."""
    from tracker.cli import output
    from tracker.core.deadlines import parse_as_of
    from tracker.services.schedule import coming_reminders
    from tracker.store.repository import load_office

    app = _app(ctx)
    with app.reading() as session:
        office = load_office(session)
        moment = parse_as_of(as_of, office.zone, app.now())
        lines = coming_reminders(session, office, moment, plan_code=plan_code, unit_code=unit_code)
    output.print_schedule(lines, fmt, moment, office.zone, limit)


@cli.command()
@as_of_option
@click.option("--dry-run", is_flag=True, help="Chỉ cho biết thư nào đến hạn; không gửi, không ghi gì.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def remind(ctx: click.Context, as_of: str | None, dry_run: bool, fmt: str) -> None:
    """Một lượt nhắc tại T (mặc định: bây giờ): xét thư đến hạn, xếp hàng đúng một lần rồi gửi."""
    from tracker.cli import output
    from tracker.core.deadlines import parse_as_of

    app = _app(ctx)
    sweep = app.sweep()
    zone = sweep.office().zone
    moment = parse_as_of(as_of, zone, app.now())
    result = sweep.run(moment, dry_run=dry_run)
    output.print_reminders(result.lines, fmt, moment, zone)
    if result.stopped:  # the operator must act (credentials) or wait (quota): not a success
        click.echo(f"Đã dừng gửi thư: {result.stopped}", err=True)
        ctx.exit(1)
    states = {line.state for line in result.lines}
    if not dry_run and states & {"pending", "failed"} and "sent" not in states:
        # A server down or timing out must not look like a quiet success: say why, and fail.
        from tracker.digest.wording import mail_text
        from tracker.services.status import outbox_health

        office = sweep.office()
        with app.transaction() as session:
            mail = outbox_health(session, office, moment)
        click.echo(f"Không gửi được thư nào trong lượt này. {mail_text(mail, office.zone)}", err=True)
        ctx.exit(1)


@cli.command()
@as_of_option
@click.option("--format", "fmt", type=click.Choice(DIGEST_FORMATS), default="html", show_default=True)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Ghi ra tệp này.")
@click.option("--send", is_flag=True, help="Gửi ngay cho người nhận báo cáo tiến độ (organization.toml).")
@click.option("--by", default="", envvar="TRACKER_CLERK", help="Với --send: người gửi (ghi vào nhật ký).")
@click.pass_context
def digest(ctx: click.Context, as_of: str | None, fmt: str, out: Path | None, send: bool, by: str) -> None:
    """Báo cáo tiến độ tại T (mặc định: bây giờ): html là bản in A4, eml là thư điện tử."""
    from tracker.core.deadlines import parse_as_of
    from tracker.services.digests import gather_digest, render_digest, send_digest_now
    from tracker.store.repository import load_office

    if out is None and fmt in ("xlsx", "docx"):
        raise BadInput(f"Định dạng {fmt} là tệp nhị phân: hãy chỉ định --out TỆP.")
    app = _app(ctx)
    with app.reading() as session:
        office = load_office(session)
        moment = parse_as_of(as_of, office.zone, app.now())
        gathered = gather_digest(session, office, moment)
    data = render_digest(gathered, fmt, app.digest_templates, app.mail_from(office.organization))
    if out is None:
        click.echo(data.decode(), nl=False)
    else:
        try:
            write_private(private_folder(out.parent) / out.name, data)
        except OSError as error:
            raise BadInput(f"--out: {file_problem(error) or error}") from None
        click.echo(f"Đã lưu báo cáo tiến độ ({fmt}) vào {out}", err=True)
    if send:
        sender = app.sweep().sender(office)
        delivery = send_digest_now(
            app.engine, office, app.digest_queue(), sender, moment, app.now(), by=by or "tracker digest"
        )
        click.echo(delivery.said(), err=True)


@cli.command()
@click.option(
    "--sweep-minutes",
    type=click.IntRange(1, 1440),
    default=5,
    show_default=True,
    help="Số phút giữa hai lượt nhắc.",
)
@click.option(
    "--replay-from",
    "replay_from",
    callback=_date_argument,
    help="Chạy lại chiến dịch trên đồng hồ ảo từ ngày này.",
)
@click.option("--until", "until", callback=_date_argument, help="Với --replay-from: dừng vào cuối ngày này.")
@click.option(
    "--speed",
    default="max",
    show_default=True,
    help="Với --replay-from: nhanh gấp N lần thời gian thật, hoặc max.",
)
@click.option(
    "--arrivals",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Chạy lại: tệp CSV các báo cáo đến.",
)
@click.pass_context
def run(
    ctx: click.Context,
    sweep_minutes: int,
    replay_from: date | None,
    until: date | None,
    speed: str,
    arrivals: Path | None,
) -> None:
    """Chạy thường trực: nhắc vài phút một lần và gửi báo cáo tiến độ hằng tuần (Ctrl-C hoặc SIGTERM
    để dừng)."""
    import logging

    from tracker.cli.daemon import replay_campaign, run_daemon

    app = _app(ctx)
    # The replay shows a live progress line instead of the daemon's log, which only says what went wrong.
    level = logging.INFO if replay_from is None else logging.WARNING
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    if until is not None and (replay_from is None or until < replay_from):
        raise BadInput(
            "--until chỉ dùng cùng --replay-from và không được trước ngày bắt đầu "
            f"(--replay-from {replay_from:%d/%m/%Y}, --until {until:%d/%m/%Y})."
            if replay_from
            else "--until chỉ dùng cùng --replay-from (chạy lại chiến dịch trên đồng hồ ảo)."
        )
    if replay_from is None:
        run_daemon(app, timedelta(minutes=sweep_minutes))
    else:
        replay_campaign(app, timedelta(minutes=sweep_minutes), replay_from, until, speed, arrivals)


@cli.command()
@click.option("--plan", "plan_code", default="", help="Chỉ những việc thuộc kế hoạch này (mã).")
@click.option("--unit", "unit_code", default="", help="Chỉ những việc về đơn vị này (mã).")
@click.option("--by", "actor", default="", help="Chỉ những việc người này làm.")
@click.option("--action", default="", help="Chỉ thao tác này (ví dụ submission.receive).")
@click.option("--since", callback=_date_argument, help="Từ ngày (15/9/2019 hoặc 2019-09-15).")
@click.option("--until", callback=_date_argument, help="Đến hết ngày này.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def audit(
    ctx: click.Context,
    plan_code: str,
    unit_code: str,
    actor: str,
    action: str,
    since: date | None,
    until: date | None,
    fmt: str,
) -> None:
    """Nhật ký thao tác: ai làm gì, lúc nào, thay đổi gì. Bảng xếp mới nhất trước, mỗi lần nạp cấu hình
    một dòng; json cho các dòng đã lưu theo thứ tự thời gian."""
    from tracker.cli import output
    from tracker.services.audit import AuditQuery, matching_rows, read_audit
    from tracker.store.repository import load_office

    query = AuditQuery(plan_code, unit_code, actor, action, since, until)
    app = _app(ctx)
    with app.transaction() as session:
        office = load_office(session)
        if fmt == "json":
            output.print_json(output.audit_json(matching_rows(session, office, query)))
        else:
            output.print_audit(read_audit(session, office, query, per_page=None).entries, office.zone)


@cli.command()
@as_of_option
@click.option(
    "--dry-run", is_flag=True, help="Chỉ cho biết mỗi thư mới là gì; không lưu, không chuyển thư nào."
)
@click.pass_context
def intake(ctx: click.Context, as_of: str | None, dry_run: bool) -> None:
    """Đọc hộp thư của Ban Tổ chức một lần (TRACKER_IMAP_*): thư trả lời được gắn với báo cáo, thư trả
    lời tự động được để riêng, thư báo không gửi được ghi vào thư nhắc tương ứng."""
    from tracker.cli import output
    from tracker.core.deadlines import parse_as_of
    from tracker.store.repository import load_office

    app = _app(ctx)
    reader = app.intake()
    if reader is None:
        raise BadInput("Chưa đặt hộp thư: hãy đặt TRACKER_IMAP_HOST, _USER, _PASSWORD và _TLS.")
    with app.transaction() as session:
        zone = load_office(session).zone
    result = reader.run(parse_as_of(as_of, zone, app.now()), dry_run=dry_run)
    output.print_intake(result.lines)
    if result.error:
        click.echo(result.error, err=True)
        ctx.exit(1)


@cli.group()
def plan() -> None:
    """Các kế hoạch đã nạp."""


@plan.command("show")
@click.argument("plan_code", metavar="PLAN")
@click.pass_context
def plan_show(ctx: click.Context, plan_code: str) -> None:
    """Một kế hoạch: các mốc với hạn theo văn bản và hạn thực tế, số đơn vị phải nộp, các nội dung và
    số liệu kèm mã dùng cho --section và --figure."""
    from tracker.cli import output
    from tracker.services.plans import plan_sheet
    from tracker.store.repository import load_office

    app = _app(ctx)
    with app.transaction() as session:
        sheet = plan_sheet(session, load_office(session), plan_code)
    output.print_plan(sheet)


web_commands.register(cli)  # `tracker web`, `tracker user …`


def main() -> None:
    cli(prog_name="tracker")


if __name__ == "__main__":
    sys.exit(main())
