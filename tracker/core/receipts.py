"""What a clerk's receipt must satisfy before it is recorded, and figures read the Vietnamese way.

The CLI and the web form call the same check: it answers with every problem at once, each under the
field it belongs to (`received_on`, `sections`, `figures.<key>`, `report`), so that a form can show
each message next to its input and the CLI can print them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tracker.core.model import Figure, FigureKind, Plan
from tracker.core.reports import ExpectedReport

Number = int | float
"""A figure as stored: an int when whole, so that `120` never becomes `120.0` in a digest."""

# `.` groups thousands in threes and `,` is the decimal mark: 1.234 = 1234, 12.500.000, 1,5, 1.234,5.
_VN_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$")
_HOW_TO_WRITE = (
    "ghi bằng chữ số, dấu chấm tách hàng nghìn (1.234; 12.500.000), dấu phẩy trước phần thập phân (1,5)"
)


def _written(value: Decimal) -> str:
    """`12.500.000`, `1,5`, `-3`: a number in a message, written the way it is read."""
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    fraction = fraction.rstrip("0")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def read_figure(text: str, figure: Figure) -> Number:
    """The value of `figure` typed as `text`.

    Raises ValueError naming the figure by its label when the text is not a number written the
    Vietnamese way, has a fractional part for a whole figure, or is below the figure's minimum.
    """
    typed = text.strip()
    match = _VN_NUMBER.match(typed)
    if match is None:
        raise ValueError(
            f"Số liệu {figure.key}: '{typed}' không phải là số. {figure.label}: {_HOW_TO_WRITE}."
        )
    sign, whole, fraction = match.groups()
    value = Decimal(f"{sign}{whole.replace('.', '')}.{fraction or '0'}")
    integral = value == value.to_integral_value()
    if figure.kind is FigureKind.WHOLE and not integral:
        raise ValueError(
            f"Số liệu {figure.key}: '{typed}' có phần thập phân. {figure.label} phải là số nguyên."
        )
    minimum = Decimal(str(figure.minimum))
    if value < minimum:
        reason = (
            f"{figure.label} không được là số âm."
            if minimum == 0
            else f"{figure.label} phải từ {_written(minimum)} trở lên."
        )
        raise ValueError(f"Số liệu {figure.key}: '{typed}' nhỏ hơn {_written(minimum)}. {reason}")
    return int(value) if integral else float(value)


@dataclass(frozen=True)
class CheckedReceipt:
    """A receipt as it will be recorded, or the reasons it cannot be."""

    sections: tuple[str, ...]  # in the order ticked, each once
    figures: dict[str, Number]
    problems: dict[str, str] = field(default_factory=dict)  # field → Vietnamese message

    @property
    def ok(self) -> bool:
        return not self.problems


def check_receipt(
    plan: Plan,
    report: ExpectedReport,
    *,
    received_on: date,
    sections: Iterable[str],
    figures: Mapping[str, str],
    today: date,
    replace: bool = False,
    force: bool = False,
) -> CheckedReceipt:
    """Check what a clerk typed for `report` (of `plan`) on `today` (the plan's zone).

    `figures` maps a figure's key to the text typed; a blank text means the figure was not given.
    A report already received or exempt is overwritten only with `replace`. A date before the plan was
    issued is most likely a mistyped year (it would count the report on time): refused unless `force`.
    """
    problems: dict[str, str] = {}
    if received_on > today:
        problems["received_on"] = (
            f"Ngày nhận {received_on:%d/%m/%Y} ở tương lai (hôm nay là {today:%d/%m/%Y})."
        )
    elif plan.issued and received_on < plan.issued and not force:
        problems["received_on"] = (
            f"Ngày nhận {received_on:%d/%m/%Y} trước ngày ban hành kế hoạch ({plan.issued:%d/%m/%Y}): có "
            "thể đã gõ nhầm năm. Nếu đúng là ngày đó, ghi nhận bằng lệnh tracker receive … --force."
        )
    ticked = tuple(dict.fromkeys(sections))
    known_sections = {s.key for s in plan.sections}
    unknown = [s for s in ticked if s not in known_sections]
    if unknown:
        problems["sections"] = (
            f"Kế hoạch {plan.code} không có nội dung '{', '.join(unknown)}'. "
            f"Các nội dung: {', '.join(sorted(known_sections))}."
        )
    by_key = {f.key: f for f in plan.figures}
    values: dict[str, Number] = {}
    for key, text in figures.items():
        figure = by_key.get(key)
        if figure is None:
            problems[f"figures.{key}"] = (
                f"Kế hoạch {plan.code} không có số liệu '{key}'. Các số liệu: {', '.join(sorted(by_key))}."
            )
        elif text.strip():
            try:
                values[key] = read_figure(text, figure)
            except ValueError as refused:
                problems[f"figures.{key}"] = str(refused)
    if (report.submission is not None or report.exempted_at is not None) and not replace:
        what = "đã được ghi nhận" if report.submission is not None else "đã được miễn nộp"
        problems["report"] = (
            f"Báo cáo của đơn vị {report.unit.code} cho mốc {report.milestone_code} {what}. "
            "Dùng --replace để ghi đè (thao tác được lưu vết)."
        )
    return CheckedReceipt(ticked, values, problems)
