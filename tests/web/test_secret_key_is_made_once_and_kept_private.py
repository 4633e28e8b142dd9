"""Without TRACKER_SECRET_KEY the key is generated once into var/secret_key, mode 0600, and reused."""

import stat
from pathlib import Path

from tracker.settings import read_settings
from tracker.web.config import read_web_settings


def test_the_key_is_generated_once_with_mode_0600(tmp_path: Path):
    settings = read_settings(env={})
    first = read_web_settings(settings, var_dir=tmp_path / "var")
    second = read_web_settings(settings, var_dir=tmp_path / "var")
    key_file = tmp_path / "var" / "secret_key"
    assert first.secret_key == second.secret_key == key_file.read_text().strip()
    assert len(first.secret_key) == 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert [p.name for p in key_file.parent.iterdir()] == ["secret_key"]  # no draft left behind


def test_the_setting_wins_and_writes_nothing(tmp_path: Path):
    settings = read_settings(env={"TRACKER_SECRET_KEY": "tu-bien-moi-truong"})
    assert read_web_settings(settings, var_dir=tmp_path / "var").secret_key == "tu-bien-moi-truong"
    assert not (tmp_path / "var").exists()
