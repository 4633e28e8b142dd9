"""Where things are: read once from the environment (and `.env`, through python-dotenv)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent  # the checkout: templates/ and config/ live here


@dataclass(frozen=True)
class Settings:
    database_url: str
    config_dir: Path
    outbox_dir: Path
    digests_dir: Path
    templates_dir: Path
    files_dir: Path  # the units' uploads and the mailbox's attachments, under names of the application's
    env: Mapping[str, str]  # everything read, for the mail transport's TRACKER_SMTP_* settings


def read_settings(config_dir: Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Settings from `env` (default: `.env` in the working folder overlaid by the process environment)."""
    if env is None:
        from dotenv import dotenv_values  # here: help and --version need no settings

        env = {**{k: v for k, v in dotenv_values(".env").items() if v is not None}, **os.environ}
    base = Path.cwd()
    var = base / "var"
    return Settings(
        database_url=env.get("TRACKER_DATABASE_URL") or f"sqlite:///{var / 'tracker.db'}",
        config_dir=config_dir or Path(env.get("TRACKER_CONFIG_DIR") or base / "config"),
        outbox_dir=Path(env.get("TRACKER_OUTBOX_DIR") or var / "outbox"),
        digests_dir=Path(env.get("TRACKER_DIGESTS_DIR") or var / "digests"),
        templates_dir=Path(env.get("TRACKER_TEMPLATES_DIR") or PROJECT_DIR / "templates"),
        files_dir=Path(env.get("TRACKER_FILES_DIR") or var / "files"),
        env=env,
    )
