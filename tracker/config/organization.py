"""organization.toml: the federation, its owner department, its leadership, when mail may go out."""

from __future__ import annotations

from datetime import time

from tracker.config.toml_table import Table
from tracker.config.values import (
    as_email,
    as_email_list,
    as_hours,
    as_list,
    as_phone,
    as_schedule,
    as_text,
    as_timezone,
)
from tracker.core.model import Contact, DigestSchedule, Organization, SendingHours, Signature

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_HOURS = (time(7, 30), time(17, 0))
DEFAULT_SCHEDULE = (0, time(7, 30))  # Monday morning


def read_organization(root: Table) -> Organization | None:
    root.expect_keys(
        ("name", "parent", "place", "timezone", "owner", "standing", "sending", "digest", "signature")
    )
    name = root.get("name", as_text)
    parent = root.get("parent", as_text)
    place = root.get("place", as_text)
    timezone = root.get("timezone", as_timezone, DEFAULT_TIMEZONE)
    owner = _contact(root.table("owner"))
    standing = _contact(root.table("standing"))
    hours = _sending_hours(root.table("sending", required=False))
    digest = _digest(root.table("digest", required=False), owner)
    signature = _signature(root.table("signature", required=False))
    if name is None or parent is None or place is None or timezone is None:
        return None
    if owner is None or standing is None or hours is None or digest is None:
        return None
    return Organization(name, parent, place, timezone, owner, standing, hours, digest, signature)


def _contact(table: Table | None) -> Contact | None:
    if table is None:
        return None
    table.expect_keys(("name", "emails", "phone"))
    name = table.get("name", as_text)
    emails = table.get("emails", as_email_list)
    phone = table.get("phone", as_phone, "")
    if name is None or emails is None or phone is None:
        return None
    return Contact(name, emails, phone)


def _sending_hours(table: Table | None) -> SendingHours | None:
    if table is None:
        return SendingHours(*DEFAULT_HOURS)
    table.expect_keys(("hours",))
    hours = table.get("hours", as_hours, DEFAULT_HOURS)
    return SendingHours(*hours) if hours else None


def _digest(table: Table | None, owner: Contact | None) -> DigestSchedule | None:
    """The weekly digest; without a [digest] table it goes to the owner on Monday at 07:30."""
    default_to = owner.emails if owner else ()
    if table is None:
        return DigestSchedule(*DEFAULT_SCHEDULE, to=default_to)
    table.expect_keys(("schedule", "to", "cc"))
    schedule = table.get("schedule", as_schedule, DEFAULT_SCHEDULE)
    to = table.get("to", as_email_list, default_to)
    cc = table.get("cc", as_list(as_email), ())
    if schedule is None or to is None or cc is None:
        return None
    return DigestSchedule(*schedule, to=to, cc=cc)


def _signature(table: Table | None) -> Signature | None:
    """`[signature]`: the title lines and the signer's name; absent, the owner department signs."""
    if table is None:
        return None
    table.expect_keys(("lines", "name"))
    lines = table.get("lines", as_list(as_text))
    name = table.get("name", as_text, "")
    if not lines:
        if lines is not None:
            table.error("lines", 'cần ít nhất một dòng, ví dụ ["TM. BAN TỔ CHỨC", "TRƯỞNG BAN"]')
        return None
    return Signature(tuple(lines), name or "")
