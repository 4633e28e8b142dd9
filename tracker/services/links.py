"""Units' personal links: issued when a reminder is queued, found again from a token, renewed or
revoked by an admin. The token itself is never stored (tracker.core.links says how it is derived)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from tracker.core.links import LinkState, link_opens, link_token, link_url, token_hash
from tracker.core.office import Office
from tracker.errors import BadInput
from tracker.services.submissions import known_codes
from tracker.store.db import conflict_insert
from tracker.store.repository import find_expected_report, record_audit
from tracker.store.tables import ExpectedReportRow, MilestoneRow, UnitLinkRow


@dataclass(frozen=True)
class UnitLinks:
    """The links of this installation: the secret they are derived with and the address units reach
    (TRACKER_PUBLIC_URL)."""

    secret: str
    public_url: str

    def url(self, plan: str, milestone: str, unit: str, generation: int) -> str:
        return link_url(self.public_url, link_token(self.secret, plan, milestone, unit, generation))

    def issue(
        self, session: Session, report_id: int, codes: tuple[str, str, str], now: datetime
    ) -> str | None:
        """The link a reminder of report `report_id` (its plan, milestone and unit `codes`) carries:
        its current generation, recorded the first time (generation 1). None when an admin revoked it
        without a renewal: no link is printed then."""
        current = _current(session, report_id)
        if current is None:
            # Another daemon may be issuing it this instant: the first insert wins, both read it.
            first = {
                "expected_report_id": report_id,
                "generation": 1,
                "token_hash": token_hash(link_token(self.secret, *codes, 1)),
                "created_at": now,
                "revoked_by": "",
            }
            session.execute(conflict_insert(session, UnitLinkRow).values(first).on_conflict_do_nothing())
            current = _current(session, report_id)
            assert current is not None, "inserted just now, or by another sweep"
        if current.revoked_at is not None:
            return None
        # Set each time: after a change of the secret key this is the report's new token (a renewal).
        derived = token_hash(link_token(self.secret, *codes, current.generation))
        if current.token_hash != derived:
            current.token_hash = derived
        return self.url(*codes, current.generation)

    def renew(
        self, session: Session, office: Office, codes: tuple[str, str, str], *, by: str, now: datetime
    ) -> str:
        """Revoke the report's link and record the next generation: the old link shows the page that
        says it was replaced, the next reminders carry the new one. Audited; returns the new URL."""
        report = _report(session, office, codes)
        current = _current(session, report.id)
        if current is not None and current.revoked_at is None:
            current.revoked_at, current.revoked_by = now, by
        generation = (current.generation if current else 0) + 1
        session.add(
            UnitLinkRow(
                expected_report_id=report.id,
                generation=generation,
                token_hash=token_hash(link_token(self.secret, *codes, generation)),
                created_at=now,
                revoked_by="",
            )
        )
        _audit(session, codes, "link.renew", by, now, generation)
        return self.url(*codes, generation)

    def current_url(self, session: Session, report: ExpectedReportRow) -> str | None:
        """The URL of the report's link as it stands (for an admin), without recording anything."""
        current = _current(session, report.id)
        if current is None or current.revoked_at is not None:
            return None
        return self.url(*_codes(report), current.generation)


def links_from_settings(env: Mapping[str, str], secret: str) -> UnitLinks | None:
    """The links of TRACKER_PUBLIC_URL (`https://…`), or None when it is unset; ValueError (in
    Vietnamese) when it is not an http(s) address."""
    public_url = env.get("TRACKER_PUBLIC_URL", "").strip()
    if not public_url:
        return None
    parts = urlsplit(public_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f"TRACKER_PUBLIC_URL='{public_url}' không phải địa chỉ web (viết như https://baocao.example.org)."
        )
    return UnitLinks(secret, public_url.rstrip("/"))


def revoke(session: Session, office: Office, codes: tuple[str, str, str], *, by: str, now: datetime) -> None:
    """The report's link stops opening, and reminders carry none until an admin renews it. Audited."""
    report = _report(session, office, codes)
    current = _current(session, report.id)
    if current is None or current.revoked_at is not None:
        raise BadInput("Đơn vị chưa có liên kết đang dùng, không có gì để thu hồi.")
    current.revoked_at, current.revoked_by = now, by
    _audit(session, codes, "link.revoke", by, now, current.generation)


def opened_report(session: Session, office: Office, token: str, now: datetime) -> ExpectedReportRow | None:
    """The report a token opens at `now`; None for an unknown, revoked or renewed token, and once the
    plan has closed (the caller answers them all alike, revealing nothing)."""
    row = session.scalars(
        select(UnitLinkRow)
        .where(UnitLinkRow.token_hash == token_hash(token))
        .options(
            joinedload(UnitLinkRow.report).joinedload(ExpectedReportRow.unit),
            joinedload(UnitLinkRow.report)
            .joinedload(ExpectedReportRow.milestone)
            .joinedload(MilestoneRow.plan),
        )
    ).one_or_none()
    if row is None:
        return None
    plan = office.plan(row.report.milestone.plan.code)
    if plan is None:
        return None
    state = LinkState(revoked=row.revoked_at is not None, plan_closes=plan.closes)
    return row.report if link_opens(state, now.astimezone(office.zone).date()) else None


def _codes(report: ExpectedReportRow) -> tuple[str, str, str]:
    return report.milestone.plan.code, report.milestone.code, report.unit.code


def _current(session: Session, report_id: int) -> UnitLinkRow | None:
    return session.scalars(
        select(UnitLinkRow)
        .where(UnitLinkRow.expected_report_id == report_id)
        .order_by(UnitLinkRow.generation.desc())
        .limit(1)
    ).first()


def _report(session: Session, office: Office, codes: tuple[str, str, str]) -> ExpectedReportRow:
    known_codes(session, office, *codes)
    report = find_expected_report(session, *codes)
    if report is None:
        raise BadInput(f"Đơn vị {codes[2]} không thuộc danh sách phải nộp báo cáo cho mốc {codes[1]}.")
    return report


def _audit(
    session: Session, codes: tuple[str, str, str], action: str, by: str, now: datetime, generation: int
) -> None:
    plan, milestone, unit = codes
    record_audit(
        session,
        at=now,
        actor=by,
        action=action,
        plan=plan,
        milestone=milestone,
        unit=unit,
        after={"link_generation": generation},
    )
