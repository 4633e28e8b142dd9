"""Click in the clerk's language: the help's headings, the help option, and the words of a refused
command line ("Lỗi: thiếu đối số PLAN"), where click would speak English. The commands' own help is
written in Vietnamese where they are declared."""

from __future__ import annotations

from typing import Any

import click
from click.formatting import HelpFormatter


class VietnameseCommand(click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        super().__init__(*args, **kwargs)

    def format_usage(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        formatter.write_usage(
            ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Cách dùng: "
        )

    def format_options(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        rows = [
            (name, _extras_in_vietnamese(text))
            for param in self.get_params(ctx)
            if not isinstance(param, click.Argument) and (record := param.get_help_record(ctx)) is not None
            for name, text in [record]
        ]
        if rows:
            with formatter.section("Tùy chọn"):
                formatter.write_dl(rows)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Hiện hướng dẫn này rồi thoát."
        return option


class VietnameseGroup(VietnameseCommand, click.Group):
    command_class = VietnameseCommand
    group_class = type  # subgroups (`expect`, `user`) speak the same way

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "LỆNH [ĐỐI SỐ]...")
        super().__init__(*args, **kwargs)

    def format_options(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        commands = [
            (name, command)
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section("Lệnh"):
                formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in commands])

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command; a refused command line is said in Vietnamese (exit 2), Ctrl-C ends quietly."""
        kwargs.pop("standalone_mode", None)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)  # a command's ctx.exit(code)
        except click.UsageError as error:
            if error.ctx is not None:
                click.echo(error.ctx.get_usage(), err=True)
                click.echo(f"Xem thêm: {error.ctx.command_path} --help", err=True)
            click.echo(f"Lỗi: {refusal(error)}", err=True)
            raise SystemExit(error.exit_code) from None
        except click.exceptions.Abort:
            click.echo("Đã dừng.", err=True)
            raise SystemExit(1) from None
        except click.ClickException as error:
            click.echo(f"Lỗi: {error.format_message()}", err=True)
            raise SystemExit(error.exit_code) from None
        raise SystemExit(code if isinstance(code, int) else 0)


def _extras_in_vietnamese(text: str) -> str:
    """click's own "[default: …; required]" after an option's help."""
    return (
        text.replace("[default: ", "[mặc định: ")
        .replace("required]", "bắt buộc]")
        .replace("; required", "; bắt buộc")
    )


def refusal(error: click.UsageError) -> str:
    """What click found wrong with the command line, in Vietnamese."""
    if isinstance(error, click.MissingParameter):
        kind = "đối số" if isinstance(error.param, click.Argument) else "tùy chọn"
        name = error.param_hint or (error.param.human_readable_name if error.param else "")
        return f"thiếu {kind} {name}."
    if isinstance(error, click.NoSuchOption):
        close = f" Có phải {', '.join(error.possibilities)}?" if error.possibilities else ""
        return f"không có tùy chọn {error.option_name}.{close}"
    if isinstance(error, click.BadParameter):
        hint = error.param_hint or (
            error.param.get_error_hint(error.ctx) if error.param and error.ctx else ""
        )
        where = f" cho {hint}" if hint else ""
        if error.param is not None and isinstance(error.param.type, click.Choice):
            choices = ", ".join(map(str, error.param.type.choices))
            return f"giá trị không hợp lệ{where}: hãy chọn một trong {choices}."
        return f"giá trị không hợp lệ{where}: {error.message}"
    if error.message.startswith("No such command"):
        return error.message.replace("No such command", "không có lệnh", 1)
    if error.message.startswith("Got unexpected extra argument"):
        return error.message.replace("Got unexpected extra arguments", "thừa đối số", 1).replace(
            "Got unexpected extra argument", "thừa đối số", 1
        )
    return error.message
