"""The generated world the benchmarks measure on: the shipped organisation, ladders and holidays (config/),
`units` generated units, and a load-test plan of the benchmark's own."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHIPPED_CONFIG = PROJECT_DIR / "config"
TEMPLATES_DIR = PROJECT_DIR / "templates" / "emails"
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
LOADED_AT = datetime(2019, 8, 12, 9, 0, tzinfo=ZONE)  # the seed plan's issue day, in the morning
PLAN_CODE = "ke-hoach-do-tai"


def unit_email(n: int) -> str:
    """The contact address of generated unit number `n`."""
    return f"cdcs{n:06d}@example.org"


def chair_email(n: int) -> str:
    return f"chutich{n:06d}@example.org"


def generated_config(target: Path, units: int, plan: str) -> Path:
    """A config folder at `target`: the shipped one, with `units` generated units and `plan` (TOML) as
    its only plan."""
    shutil.copytree(SHIPPED_CONFIG, target, ignore=shutil.ignore_patterns("units.csv", "plans", "demo"))
    (target / "plans").mkdir()
    (target / "plans" / f"{PLAN_CODE}.toml").write_text(plan, encoding="utf-8")
    rows = ["code,name,kind,email,chair_name,chair_email,active"]
    rows += [
        f"cdcs-{n:06d},Công đoàn cơ sở doanh nghiệp số {n},cơ sở,{unit_email(n)},"
        f"Chủ tịch số {n},{chair_email(n)},1"
        for n in range(1, units + 1)
    ]
    (target / "units.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return target
