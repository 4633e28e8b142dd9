"""The digest as plain text that reads well on its own: the email's text part, `--format text`."""

from __future__ import annotations

from jinja2 import Environment

from tracker.core.digest import Digest
from tracker.core.model import Organization


def render_text(digest: Digest, organization: Organization, env: Environment) -> str:
    """The text of `templates/emails/digest.txt.j2`; `env` comes from `digest_environment()`."""
    return env.get_template("emails/digest.txt.j2").render(digest=digest, organization=organization)
