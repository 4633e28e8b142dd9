"""Helpers of the tests of the units' links: a sweep that prints them, sending into an outbox folder,
and the link read back from a unit's .eml as the unit's mail client shows it."""

from __future__ import annotations

import email
import email.policy
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from tests.builders import TEMPLATES_DIR
from tests.web.helpers import PUBLIC_URL, SECRET_KEY
from tracker.mail.render import template_environment
from tracker.mail.transport import transport_from_settings
from tracker.services.links import UnitLinks
from tracker.services.sweep import Sweep, SweepResult

PLAN = "so-ket-de-an-2019"
MILESTONE = "bao-cao-don-vi"
UNIT = "ldld-dong-ha"
_LINK_RE = re.compile(re.escape(PUBLIC_URL) + r"/u/[A-Za-z0-9_-]+")


def sweep(engine: Engine, outbox_dir: Path, now: datetime) -> SweepResult:
    """One sweep at `now`, as `tracker remind` runs with TRACKER_PUBLIC_URL set, into `outbox_dir`.

    Run in a thread of its own: once a browser test has started Playwright, its sync API keeps an
    event loop running in the main thread for the session, and the sender's `asyncio.run` refuses
    to start another there."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_sweep, engine, outbox_dir, now).result()


def _sweep(engine: Engine, outbox_dir: Path, now: datetime) -> SweepResult:
    return Sweep(
        engine=engine,
        templates=template_environment(TEMPLATES_DIR),
        transport=lambda: transport_from_settings({}, outbox_dir),
        mail_from="",
        worker="test:1",
        links=UnitLinks(SECRET_KEY, PUBLIC_URL),
    ).run(now)


def emails_to(outbox_dir: Path, address: str) -> list[email.message.EmailMessage]:
    """The emails in the outbox folder addressed to `address`, oldest first."""
    found = []
    for path in sorted(outbox_dir.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if address in str(message["To"]):
            found.append(message)
    return sorted(found, key=lambda m: m["Date"].datetime)


def links_in(message: email.message.EmailMessage) -> tuple[str, str]:
    """The link as the plain text part and as the HTML part print it."""
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    (in_text,) = set(_LINK_RE.findall(text))
    (in_html,) = set(_LINK_RE.findall(html))
    return in_text, in_html


def path_of(link: str) -> str:
    """The link's path on the dashboard (the test client serves it whatever the host)."""
    return link.removeprefix(PUBLIC_URL)
