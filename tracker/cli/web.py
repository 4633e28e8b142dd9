"""`tracker web` (the dashboard, served by waitress) and `tracker user …` (its accounts)."""

from __future__ import annotations

import getpass
import sys
from datetime import datetime

import click

from tracker.cli.speech import VietnameseCommand, VietnameseGroup
from tracker.core.access import ROLE_LABELS, Role
from tracker.errors import BadInput
from tracker.shell import App


def register(cli: click.Group) -> None:
    cli.add_command(user)
    cli.add_command(web)


def _actor(app: App) -> str:
    """Who a change made from the shell is recorded as: TRACKER_CLERK, else the system account."""
    try:
        return app.settings.env.get("TRACKER_CLERK") or getpass.getuser()
    except OSError:
        return "tracker"


def _new_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")
    return password


@click.group(cls=VietnameseGroup)
def user() -> None:
    """Tài khoản của trang theo dõi (mọi thay đổi đều được lưu vết)."""


@user.command("add")
@click.argument("login")
@click.option("--name", "full_name", required=True, help='Họ và tên, ví dụ "Nguyễn Văn A".')
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    required=True,
    help="Vai trò: viewer (xem, in), clerk (cả ghi nhận, miễn nộp), admin (cả tài khoản, gửi báo cáo).",
)
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ dòng đầu của đầu vào chuẩn.")
@click.pass_obj
def add(app: App, login: str, full_name: str, role: str, password_stdin: bool) -> None:
    """Tạo tài khoản LOGIN (mật khẩu được hỏi hai lần, không hiện trên màn hình)."""
    from tracker.services.users import add_user

    password = _new_password(password_stdin)
    with app.transaction() as session:
        add_user(session, login, full_name, role, password, by=_actor(app), now=app.now())
    click.echo(f"Đã tạo tài khoản {login} ({ROLE_LABELS[Role(role)]}).")


@user.command("passwd")
@click.argument("login")
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ dòng đầu của đầu vào chuẩn.")
@click.pass_obj
def passwd(app: App, login: str, password_stdin: bool) -> None:
    """Đặt mật khẩu mới cho LOGIN; các phiên đang mở kết thúc."""
    from tracker.services.users import set_password

    password = _new_password(password_stdin)
    with app.transaction() as session:
        set_password(session, login, password, by=_actor(app), now=app.now())
    click.echo(f"Đã đổi mật khẩu của {login}.")


@user.command("disable")
@click.argument("login")
@click.pass_obj
def disable(app: App, login: str) -> None:
    """Khóa tài khoản LOGIN; các phiên đang mở kết thúc, việc đã làm vẫn còn trong nhật ký."""
    from tracker.services.users import disable_user

    with app.transaction() as session:
        disable_user(session, login, by=_actor(app), now=app.now())
    click.echo(f"Đã khoá tài khoản {login}.")


@user.command("list")
@click.pass_obj
def list_(app: App) -> None:
    """Mọi tài khoản, vai trò và có được đăng nhập hay không."""
    from tracker.services.users import list_users

    with app.transaction() as session:
        users = list_users(session)
    if not users:
        click.echo('Chưa có tài khoản nào. Tạo bằng: tracker user add LOGIN --name "Họ tên" --role clerk')
    for found in users:
        state = "đang dùng" if found.active else "đã khoá"
        click.echo(f"{found.login}\t{found.full_name}\t{ROLE_LABELS[found.role]}\t{state}")


@click.command(cls=VietnameseCommand)
@click.option("--host", default="127.0.0.1", show_default=True, help="Địa chỉ lắng nghe.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Cổng.")
@click.option(
    "--as-of",
    "as_of",
    default=None,
    metavar="T",
    help="Cho đồng hồ bắt đầu từ T (một chiến dịch đã qua, như bản demo); thời gian chạy tiếp từ đó.",
)
@click.pass_obj
def web(app: App, host: str, port: int, as_of: str | None) -> None:
    """Chạy trang theo dõi (waitress) đến khi Ctrl-C. Trang không gửi thư: việc đó của tiến trình
    thường trực."""
    from waitress import serve

    from tracker.web.app import create_app
    from tracker.web.config import read_web_settings

    try:
        web_settings = read_web_settings(app.settings)
    except ValueError as error:
        raise BadInput(str(error)) from None
    clock = app.now
    if as_of:
        from tracker.core.deadlines import parse_as_of
        from tracker.store.repository import load_office

        with app.transaction() as session:
            zone = load_office(session).zone
        start, started = parse_as_of(as_of, zone, app.now()), app.now()

        def clock() -> datetime:
            return start + (app.now() - started)

    import logging

    dashboard = create_app(app.settings, engine=app.engine, clock=clock, web_settings=web_settings)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Bảng theo dõi: http://{shown}:{port}/")
    click.echo("(Ctrl-C để dừng.)")
    serve(dashboard, host=host, port=port, threads=web_settings.threads, ident="tracker")
