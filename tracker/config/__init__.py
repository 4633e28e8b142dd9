"""Reading and validating the config directory into core objects (DESIGN §5)."""

from tracker.config.errors import ConfigError, ConfigErrors
from tracker.config.loader import load_config
from tracker.config.units import read_units_file

__all__ = ["ConfigError", "ConfigErrors", "load_config", "read_units_file"]
