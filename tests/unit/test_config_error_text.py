"""How a config error reads for a clerk: file, line or row, field or column, then the message."""

from tracker.config import ConfigError, ConfigErrors


def test_a_toml_error_names_the_file_line_and_field() -> None:
    error = ConfigError(
        "plans/so-ket.toml", 12, "milestones[0].due", "'31/9/2019': tháng 9/2019 chỉ có 30 ngày"
    )

    assert str(error) == (
        "plans/so-ket.toml, dòng 12, trường \"milestones[0].due\": '31/9/2019': tháng 9/2019 chỉ có 30 ngày"
    )


def test_a_spreadsheet_error_names_the_row_and_column() -> None:
    assert str(ConfigError("units.csv", 6, "email", "chưa có địa chỉ email")) == (
        'units.csv, dòng 6, cột "email": chưa có địa chỉ email'
    )


def test_an_error_without_line_or_field_names_the_file_only() -> None:
    assert str(ConfigError("organization.toml", None, "", "thiếu tệp")) == "organization.toml: thiếu tệp"


def test_the_exception_lists_every_error_under_a_count() -> None:
    errors = ConfigErrors(
        [ConfigError("a.toml", 1, "x", "sai"), ConfigError("units.csv", 2, "code", "trùng")]
    )

    assert (
        str(errors)
        == 'Cấu hình có 2 lỗi:\n- a.toml, dòng 1, trường "x": sai\n- units.csv, dòng 2, cột "code": trùng'
    )
    assert [error.line for error in errors.errors] == [1, 2]
