"""The seed world the pure tests are built on (tests/builders.py) is exactly what config/ ships."""

from tests.builders import SEED_CONFIG, SHIPPED_CONFIG, TEMPLATES_DIR
from tracker.config import load_config


def test_the_built_seed_world_is_what_load_config_reads_from_the_shipped_config() -> None:
    assert load_config(SHIPPED_CONFIG, templates_dir=TEMPLATES_DIR) == SEED_CONFIG
