"""`load_config`: a config directory read and validated in one pass, every problem reported at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from tracker.config.errors import ConfigError, ConfigErrors
from tracker.config.ladders import read_named_ladders
from tracker.config.office_calendar import Overrides, read_calendar_overrides
from tracker.config.organization import read_organization
from tracker.config.plans import PlanContext, read_plan
from tracker.config.toml_table import Table, flag_duplicates, read_toml
from tracker.config.units import UnitRoster, read_units
from tracker.core.model import Config, Plan

T = TypeVar("T")

ORGANIZATION_FILE = "organization.toml"
LADDERS_FILE = "ladders.toml"
HOLIDAYS_FILE = "holidays.toml"
PLANS_DIR = "plans"
UNITS_FILES = ("units.csv", "units.xlsx")


def load_config(config_dir: Path, templates_dir: Path | None = None) -> Config:
    """Read organization.toml, units.csv or units.xlsx, ladders.toml, holidays.toml (optional) and
    plans/*.toml (one plan per file).

    `templates_dir` is `templates/emails/`: when given, every ladder step's template must exist there.
    Raises ConfigErrors with every problem found, in file and line order; nothing half-read is returned.
    """
    if not config_dir.is_dir():
        raise ConfigErrors([ConfigError(str(config_dir), None, "", "không tìm thấy thư mục cấu hình này")])
    errors: list[ConfigError] = []
    organization = _read_toml_file(config_dir, ORGANIZATION_FILE, errors, read_organization, missing=None)
    units_path = _units_path(config_dir, errors)
    roster = read_units(units_path, units_path.name, errors) if units_path else UnitRoster((), None)
    ladders = _read_toml_file(
        config_dir, LADDERS_FILE, errors, lambda root: read_named_ladders(root, templates_dir), missing={}
    )
    overrides: Overrides | None = _read_toml_file(
        config_dir, HOLIDAYS_FILE, errors, read_calendar_overrides, missing=((), ())
    )
    units_file = units_path.name if units_path else UNITS_FILES[0]
    plans = _read_plans(config_dir, errors, PlanContext(ladders, roster.codes, units_file, templates_dir))
    if errors or organization is None or ladders is None or overrides is None:
        raise ConfigErrors(_in_reading_order(errors))
    named = {name: ladder for name, ladder in ladders.items() if ladder}
    return Config(organization, roster.units, plans, named, *overrides)


def _read_toml_file(
    config_dir: Path,
    name: str,
    errors: list[ConfigError],
    read: Callable[[Table], T | None],
    *,
    missing: T | None,
) -> T | None:
    """`read` applied to the file's root table; `missing` when the file does not exist (None: it must)."""
    path = config_dir / name
    if not path.is_file():
        if missing is None:
            errors.append(ConfigError(name, None, "", f"thiếu tệp {name} trong thư mục cấu hình"))
        return missing
    root = read_toml(path, name, errors)
    return read(root) if root else None


def _units_path(config_dir: Path, errors: list[ConfigError]) -> Path | None:
    present = [config_dir / name for name in UNITS_FILES if (config_dir / name).is_file()]
    if len(present) > 1:
        message = (
            "có cả units.csv và units.xlsx nên không biết dùng danh sách đơn vị nào; "
            "hãy giữ một tệp, xóa hoặc đổi tên tệp kia"
        )
        errors.append(ConfigError(UNITS_FILES[0], None, "", message))
        return None
    if not present:
        message = 'thiếu danh sách đơn vị: cần tệp units.csv (lưu dạng "CSV UTF-8") hoặc units.xlsx'
        errors.append(ConfigError(UNITS_FILES[0], None, "", message))
        return None
    return present[0]


def _read_plans(config_dir: Path, errors: list[ConfigError], context: PlanContext) -> tuple[Plan, ...]:
    roots = [
        root
        for path in sorted((config_dir / PLANS_DIR).glob("*.toml"))
        if (root := read_toml(path, f"{PLANS_DIR}/{path.name}", errors))
    ]
    plans = [read_plan(root, context) for root in roots]
    flag_duplicates(roots, "code", "kế hoạch")
    return tuple(plan for plan in plans if plan)


def _in_reading_order(errors: list[ConfigError]) -> list[ConfigError]:
    """Files in the order they were read, each from top to bottom."""
    rank: dict[str, int] = {}
    for error in errors:
        rank.setdefault(error.file, len(rank))
    return sorted(errors, key=lambda error: (rank[error.file], error.line or 0))
