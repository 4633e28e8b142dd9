"""The digest email: a plain-text part, an HTML alternative and its charts as related inline PNGs.

Built from values only (the Date header is the digest's moment), so the same digest always gives the
same message, and a retry re-sends exactly what was first rendered.
"""

from __future__ import annotations

from collections.abc import Sequence
from email.headerregistry import Address
from email.message import EmailMessage

from jinja2 import Environment

from tracker.core.digest import Digest
from tracker.core.model import Organization
from tracker.core.text import inline
from tracker.digest.chart import digest_charts
from tracker.digest.text import render_text
from tracker.mail.message import InlineImage, compose_message


def render_subject(digest: Digest, organization: Organization, env: Environment) -> str:
    """One line, whatever the plan titles hold: a header must never carry CR/LF."""
    subject = env.get_template("emails/digest.subject.j2").render(digest=digest, organization=organization)
    return inline(subject)


def _chart_cid(index: int, message_id: str) -> str:
    """A Content-ID unique to this message and chart, stable across renderings of it."""
    return f"chart{index}.{message_id.strip().strip('<>')}"


def build_digest_email(
    digest: Digest,
    organization: Organization,
    mail_from: str | Address,
    to: Sequence[str],
    cc: Sequence[str],
    message_id: str,
    env: Environment,
) -> EmailMessage:
    """The digest email, text and HTML, with every milestone chart inline (CID) in the HTML part.

    `message_id` is the full header value (`<…@…>`); `env` comes from `digest_environment()`.
    Raises ValueError when an address carries a line break.
    """
    subject = render_subject(digest, organization, env)
    charts = digest_charts(digest)
    cids = {key: _chart_cid(index, message_id) for index, key in enumerate(charts, start=1)}
    html = env.get_template("emails/digest.html.j2").render(
        digest=digest, organization=organization, subject=subject, chart_cids=cids
    )

    return compose_message(
        subject=subject,
        text=render_text(digest, organization, env),
        html=html,
        mail_from=str(mail_from),
        to=to,
        cc=cc,
        date=digest.as_of.astimezone(digest.zone),
        message_id=message_id,
        images=[InlineImage(cids[key], png, filename=f"tien-do-{key[1]}.png") for key, png in charts.items()],
    )
