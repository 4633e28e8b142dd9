"""The audit trail read back for people: filtered by plan, unit, person, action and days (in the
organisation's zone), newest first, in words, a page at a time — what `tracker audit` and the audit
page show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from tracker.core.audit import AuditEntry, action_label, changes, fold_loads
from tracker.core.office import Office
from tracker.store.tables import AuditRow, UnitRow


@dataclass(frozen=True)
class AuditQuery:
    """Which rows to show; an empty field does not filter."""

    plan: str = ""
    unit: str = ""
    actor: str = ""
    action: str = ""
    since: date | None = None  # from the start of this day, in the organisation's zone
    until: date | None = None  # to the end of this day


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]  # newest first, each configuration load on one line
    total: int  # rows that match, over all pages
    page: int
    pages: int


def _conditions(query: AuditQuery, office: Office) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    for column, wanted in (
        (AuditRow.plan_code, query.plan),
        (AuditRow.unit_code, query.unit),
        (AuditRow.actor, query.actor),
        (AuditRow.action, query.action),
    ):
        if wanted:
            found.append(column == wanted)
    if query.since:
        found.append(AuditRow.at >= datetime.combine(query.since, time(), office.zone))
    if query.until:
        found.append(AuditRow.at < datetime.combine(query.until + timedelta(days=1), time(), office.zone))
    return found


def read_audit(
    session: Session, office: Office, query: AuditQuery, *, page: int = 1, per_page: int | None = 100
) -> AuditPage:
    """Page `page` of the rows matching `query`, newest first (all of them when `per_page` is None)."""
    conditions = _conditions(query, office)
    total = session.scalar(select(func.count()).select_from(AuditRow).where(*conditions)) or 0
    pages = max(1, -(-total // per_page)) if per_page else 1
    page = min(max(page, 1), pages)
    rows_query = select(AuditRow).where(*conditions).order_by(AuditRow.at.desc(), AuditRow.id.desc())
    if per_page:
        rows_query = rows_query.offset((page - 1) * per_page).limit(per_page)
    rows = session.scalars(rows_query).all()
    return AuditPage(fold_loads(_entries(session, office, rows)), total, page, pages)


def matching_rows(session: Session, office: Office, query: AuditQuery) -> Sequence[AuditRow]:
    """The stored rows matching `query` as they are, in the order they happened (for machines: JSON)."""
    return session.scalars(
        select(AuditRow).where(*_conditions(query, office)).order_by(AuditRow.at, AuditRow.id)
    ).all()


def _entries(session: Session, office: Office, rows: Sequence[AuditRow]) -> list[AuditEntry]:
    codes = {row.unit_code for row in rows if row.unit_code}
    names = {
        code: name
        for code, name in session.execute(select(UnitRow.code, UnitRow.name).where(UnitRow.code.in_(codes)))
    }
    entries = []
    for row in rows:
        plan = office.plan(row.plan_code) if row.plan_code else None
        entries.append(
            AuditEntry(
                at=row.at,
                actor=row.actor,
                action=row.action,
                label=action_label(row.action),
                plan=row.plan_code,
                milestone=row.milestone_code,
                unit=row.unit_code,
                unit_name=names.get(row.unit_code, ""),
                changes=changes(row.before, row.after, plan),
                note=row.note,
            )
        )
    return entries


def audit_choices(session: Session) -> tuple[list[str], list[str]]:
    """Everyone who acted and every action in the trail, for the filters' lists."""
    actors = session.scalars(select(AuditRow.actor).distinct().order_by(AuditRow.actor)).all()
    actions = session.scalars(select(AuditRow.action).distinct().order_by(AuditRow.action)).all()
    return list(actors), list(actions)
