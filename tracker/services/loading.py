"""`tracker load`: bring the database in line with a validated config, all or nothing, audited.

A second load of the same config changes nothing. A changed deadline becomes a new deadline version
(the old one is kept); a unit that left the roster is retired, not deleted. The caller owns the
transaction, so an error anywhere leaves the database exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Update, insert, select, true, update
from sqlalchemy.orm import Session

from tracker.core.calendar import WorkCalendar
from tracker.core.deadlines import DeadlineChange, WrittenDeadline, deadline_change, effective_last_day
from tracker.core.ladder import calendar_reschedules, plan_reschedules
from tracker.core.model import Config, DeadlineShift, DueRule, Milestone, Plan, Unit
from tracker.core.roster import RosterDrift, Validity, expected_units, plan_running, roster_day, roster_drift
from tracker.core.vietnamese import fold
from tracker.errors import BadInput
from tracker.store.codec import organization_from_json, organization_to_json, plan_from_json, plan_to_json
from tracker.store.db import refresh_statistics
from tracker.store.outbox import cancel_queued_reminders_of_plan
from tracker.store.repository import record_audit, remove_expected_report
from tracker.store.tables import (
    LOOK_AT_NEXT_SWEEP,
    DeadlineVersionRow,
    ExpectedReportRow,
    MilestoneRow,
    OrganizationRow,
    PlanRow,
    UnitRow,
)


@dataclass
class LoadResult:
    changes: list[str] = field(default_factory=list)  # Vietnamese lines for the clerk

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def _hash(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _unit_fields(unit: Unit) -> dict[str, Any]:
    return {
        "name": unit.name,
        "kind": unit.kind,
        "emails": list(unit.emails),
        "chair_name": unit.chair_name,
        "chair_email": unit.chair_email,
        "active": unit.active,
    }


def _deadline_json(deadline: WrittenDeadline) -> dict[str, str]:
    """A deadline as the audit trail shows it."""
    return {
        "due": deadline.due.isoformat(),
        "due_rule": deadline.due_rule.value,
        "deadline_shift": deadline.shift.value,
        "effective": deadline.effective.isoformat(),
    }


def _row_fields(row: UnitRow) -> dict[str, Any]:
    return {
        key: getattr(row, key) for key in ("name", "kind", "emails", "chair_name", "chair_email", "active")
    }


@dataclass
class _Loader:
    session: Session
    config: Config
    now: datetime
    actor: str
    result: LoadResult = field(default_factory=LoadResult)
    roster_changed: set[str] = field(default_factory=set)  # units added, (re)activated or retired now
    new_milestones: set[int] = field(default_factory=set)  # ids of the milestones added now

    @property
    def today(self) -> date:
        return self.now.astimezone(ZoneInfo(self.config.organization.timezone)).date()

    def audit(self, action: str, **kwargs: Any) -> None:
        record_audit(self.session, at=self.now, actor=self.actor, action=action, **kwargs)

    def organization(self) -> None:
        data = organization_to_json(self.config.organization, self.config.days_off, self.config.working_days)
        digest = _hash(data)
        row = self.session.get(OrganizationRow, 1)
        if row is not None and row.config_hash == digest:
            return
        before = row.config if row else None
        if row is None:
            row = OrganizationRow(id=1)
            self.session.add(row)
        elif calendar_reschedules(
            organization_from_json(row.config),
            (self.config.organization, self.config.days_off, self.config.working_days),
        ):
            self.session.execute(_look_again(true()))
        row.config, row.config_hash, row.loaded_at = data, digest, self.now
        self.audit("organization.load", before=before, after=data)
        self.result.changes.append("Cập nhật thông tin tổ chức, lịch nghỉ và giờ gửi thư.")

    def units(self) -> dict[str, UnitRow]:
        rows = {row.code: row for row in self.session.scalars(select(UnitRow))}
        wanted = [*self.config.units, self.config.owner_unit()]
        for unit in wanted:
            row = rows.get(unit.code)
            fields = _unit_fields(unit)
            if row is not None and row.name_folded != fold(unit.name):
                row.name_folded = fold(unit.name)  # not a change of the unit: how search reads its name
            if row is None:
                row = UnitRow(code=unit.code, valid_from=self.today, name_folded=fold(unit.name), **fields)
                if not unit.active:
                    row.valid_until = self.today
                self.session.add(row)
                rows[unit.code] = row
                self.audit("unit.add", unit=unit.code, after=fields)
                self.roster_changed.add(unit.code)
                self.result.changes.append(f"Thêm đơn vị {unit.code} – {unit.name}.")
                continue
            before = _row_fields(row)
            if before == fields:
                continue
            for key, value in fields.items():
                setattr(row, key, value)
            if before["active"] != unit.active:
                row.valid_until = None if unit.active else self.today
                self.roster_changed.add(unit.code)
                self.session.execute(_look_again(ExpectedReportRow.unit_id == row.id))
            changed = {k: v for k, v in fields.items() if before[k] != v}
            action = "unit.rename" if "name" in changed else "unit.update"
            self.audit(action, unit=unit.code, before={k: before[k] for k in changed}, after=changed)
            self.result.changes.append(f"Cập nhật đơn vị {unit.code}: {', '.join(sorted(changed))}.")
        listed = {u.code for u in wanted}
        for code, row in rows.items():
            if code not in listed and row.active:
                row.active, row.valid_until = False, self.today
                self.audit("unit.retire", unit=code, before={"active": True}, after={"active": False})
                self.roster_changed.add(code)
                self.result.changes.append(
                    f"Đơn vị {code} không còn trong danh sách: chuyển sang ngừng hoạt động, không nhắc nữa."
                )
        return rows

    def plans(self, units: dict[str, UnitRow]) -> None:
        calendar = WorkCalendar(self.config.days_off, self.config.working_days)
        existing = {row.code: row for row in self.session.scalars(select(PlanRow))}
        for plan in self.config.plans:
            data = plan_to_json(plan)
            digest = _hash(data)
            row = existing.get(plan.code)
            if row is None:
                row = PlanRow(code=plan.code, config=data, config_hash=digest, loaded_at=self.now)
                self._describe(row, plan)
                self.session.add(row)
                self.audit("plan.add", plan=plan.code, after={"title": plan.title, "source": plan.source})
                self.result.changes.append(f"Thêm kế hoạch {plan.code}.")
            elif row.config_hash != digest:
                if plan_reschedules(plan_from_json(row.config), plan):
                    self.session.execute(_look_again(_of_plan(row)))
                self.audit("plan.update", plan=plan.code, before=row.config, after=data)
                self._describe(row, plan)
                row.config, row.config_hash, row.loaded_at = data, digest, self.now
                self.result.changes.append(f"Cập nhật kế hoạch {plan.code}.")
            if row.withdrawn_at is not None:
                row.withdrawn_at = None
                self.session.execute(_look_again(_of_plan(row)))
                self.audit("plan.restore", plan=plan.code, after={"source": plan.source})
                self.result.changes.append(
                    f"Kế hoạch {plan.code} có lại tệp {plan.source}: theo dõi và nhắc tiếp."
                )
            self.milestones(row, plan, calendar, units)
        listed = {plan.code for plan in self.config.plans}
        for row in existing.values():
            if row.code not in listed and row.withdrawn_at is None:
                self.withdraw(row)

    def withdraw(self, row: PlanRow) -> None:
        """A plan whose file is gone: kept with its history, nobody reminded any more (its queued
        reminders cancelled); its file put back, the next load follows it again."""
        row.withdrawn_at = self.now
        self.session.execute(update(ExpectedReportRow).where(_of_plan(row)).values(next_reminder_at=None))
        cancel_queued_reminders_of_plan(self.session, row.code)
        self.audit("plan.withdraw", plan=row.code, before={"source": row.source_file})
        self.result.changes.append(
            f"Kế hoạch {row.code}: không còn tệp {row.source_file} trong thư mục cấu hình nên thôi theo "
            "dõi và không nhắc nữa; các báo cáo và thư đã gửi vẫn được lưu. Đặt lại tệp rồi chạy "
            "tracker load để theo dõi tiếp."
        )

    @staticmethod
    def _describe(row: PlanRow, plan: Plan) -> None:
        row.title, row.reference, row.source_file = plan.title, plan.reference, plan.source

    def milestones(
        self, plan_row: PlanRow, plan: Plan, calendar: WorkCalendar, units: dict[str, UnitRow]
    ) -> None:
        rows = {m.code: m for m in plan_row.milestones}
        for milestone in plan.milestones:
            row = rows.get(milestone.code)
            effective = effective_last_day(milestone.due, milestone.due_rule, plan.deadline_shift, calendar)
            if row is None:
                row = MilestoneRow(code=milestone.code, title=milestone.title, deadline_version=1)
                plan_row.milestones.append(row)
                self._add_deadline(row, milestone, plan, effective)
                self.session.flush()
                added = self._expect(row, self._audience(plan, milestone, units))
                self.new_milestones.add(row.id)
                self.result.changes.append(
                    f"Thêm mốc {plan.code}/{milestone.code}: chờ báo cáo của {added} đơn vị."
                )
                continue
            row.title = milestone.title
            self._follow_deadline(row, plan, milestone, effective)
            if milestone.audience.kind == "list":
                self._sync_listed(row, plan, milestone, units)
        gone = set(rows) - {m.code for m in plan.milestones}
        if gone:
            raise BadInput(
                f"Kế hoạch {plan.code}: mốc {', '.join(sorted(gone))} đã có trong cơ sở dữ liệu "
                "nhưng không còn "
                "trong tệp cấu hình. Không thể xoá mốc đã theo dõi; hãy khôi phục mốc đó trong tệp."
            )

    def _follow_deadline(self, row: MilestoneRow, plan: Plan, milestone: Milestone, effective: date) -> None:
        """A moved last day is a new deadline version (the ladder starts again from it); a new wording
        of the same last day (say `before 16/9` for `by 15/9`) is recorded on the current version."""
        current = row.deadlines[-1]
        stored = WrittenDeadline(
            current.due,
            DueRule(current.due_rule),
            DeadlineShift(current.deadline_shift),
            current.effective_last_day,
        )
        written = WrittenDeadline(milestone.due, milestone.due_rule, plan.deadline_shift, effective)
        change = deadline_change(stored, written)
        if change is DeadlineChange.UNCHANGED:
            return
        where = {"plan": plan.code, "milestone": milestone.code}
        before, after = _deadline_json(stored), _deadline_json(written)
        if change is DeadlineChange.REWORDED:
            current.due, current.due_rule, current.deadline_shift = (
                written.due,
                written.due_rule.value,
                written.shift.value,
            )
            self.audit("milestone.deadline_wording", **where, before=before, after=after)
            return
        row.deadline_version += 1
        self._add_deadline(row, milestone, plan, effective)
        self.session.execute(_look_again(ExpectedReportRow.milestone_id == row.id))
        self.audit("milestone.deadline", **where, before=before, after=after)
        self.result.changes.append(
            f"Mốc {plan.code}/{milestone.code}: hạn đổi từ {current.effective_last_day:%d/%m/%Y} "
            f"sang {effective:%d/%m/%Y} (phiên bản {row.deadline_version})."
        )

    def _add_deadline(self, row: MilestoneRow, milestone: Milestone, plan: Plan, effective: date) -> None:
        row.deadlines.append(
            DeadlineVersionRow(
                version=row.deadline_version,
                due=milestone.due,
                due_rule=milestone.due_rule.value,
                deadline_shift=plan.deadline_shift.value,
                effective_last_day=effective,
                recorded_at=self.now,
            )
        )

    def roster_news(self, units: dict[str, UnitRow]) -> None:
        """Tell the clerk about the units of a running milestone that left or joined the roster in this
        load (or since its plan was issued, for a milestone added now). Who is expected does not
        change: the clerk decides with `tracker expect add|remove` (DESIGN §3)."""
        plan_rows = {row.code: row for row in self.session.scalars(select(PlanRow))}
        for plan in self.config.plans:
            if not plan_running(plan, self.today):
                continue
            for row in plan_rows[plan.code].milestones:
                looked_at = set(units) if row.id in self.new_milestones else self.roster_changed
                milestone = plan.milestone(row.code)
                if not looked_at or milestone is None:
                    continue
                # Plain rows of the three columns looked at: a milestone of 100,000 reports as ORM
                # objects took seconds of a first load.
                reports = self.session.execute(
                    select(UnitRow.code, ExpectedReportRow.received_on, ExpectedReportRow.exempted_at)
                    .join(ExpectedReportRow.unit)
                    .where(ExpectedReportRow.milestone_id == row.id)
                ).all()
                drift = roster_drift(
                    milestone.audience,
                    expected={code for code, _, _ in reports},
                    settled={
                        code for code, received_on, exempted_at in reports if received_on or exempted_at
                    },
                    roster={c: Validity(units[c].valid_from, units[c].valid_until) for c in looked_at},
                    today=self.today,
                )
                self.result.changes += _drift_lines(plan, milestone, drift)

    def _audience(self, plan: Plan, milestone: Milestone, units: dict[str, UnitRow]) -> list[UnitRow]:
        """The units expected to report: the roster on the plan's issue date (tracker.core.roster)."""
        roster = {code: Validity(row.valid_from, row.valid_until) for code, row in units.items()}
        known_since = min(validity.valid_from for validity in roster.values())
        day = roster_day(plan.issued, self.today, known_since)
        return [units[code] for code in expected_units(milestone.audience, roster, day)]

    def _expect(self, milestone_row: MilestoneRow, unit_rows: list[UnitRow]) -> int:
        """New expected reports, in one bulk insert: the unit of work's bookkeeping of each new object
        took most of a first load of 10,000 units (cProfile)."""
        if unit_rows:
            self.session.execute(
                insert(ExpectedReportRow),
                [
                    {
                        "milestone_id": milestone_row.id,
                        "unit_id": unit_row.id,
                        "added_at": self.now,
                        "next_reminder_at": LOOK_AT_NEXT_SWEEP,
                    }
                    for unit_row in unit_rows
                ],
            )
        return len(unit_rows)

    def _sync_listed(
        self, row: MilestoneRow, plan: Plan, milestone: Milestone, units: dict[str, UnitRow]
    ) -> None:
        """An explicit audience list edited in the file: the roster change is applied and audited."""
        current = {
            r.unit.code: r
            for r in self.session.scalars(
                select(ExpectedReportRow).where(ExpectedReportRow.milestone_id == row.id)
            )
        }
        wanted = set(milestone.audience.unit_codes)
        added = sorted(wanted - set(current))
        removed = sorted(set(current) - wanted)
        for code in removed:
            if current[code].received_on is not None or current[code].exempted_at is not None:
                raise BadInput(
                    f"Kế hoạch {plan.code}, mốc {milestone.code}: đơn vị {code} đã có báo cáo được ghi nhận, "
                    "không thể bỏ khỏi danh sách phải nộp."
                )
            remove_expected_report(self.session, current[code])
        self._expect(row, [units[code] for code in added])
        if added or removed:
            self.audit(
                "milestone.audience",
                plan=plan.code,
                milestone=milestone.code,
                before={"units": sorted(current)},
                after={"units": sorted(wanted)},
            )
            self.result.changes.append(
                f"Mốc {plan.code}/{milestone.code}: thêm {len(added)}, bỏ {len(removed)} đơn vị phải nộp."
            )


def _of_plan(row: PlanRow) -> ColumnElement[bool]:
    """The expected reports of a plan's milestones."""
    return ExpectedReportRow.milestone_id.in_(select(MilestoneRow.id).where(MilestoneRow.plan_id == row.id))


def _look_again(which: ColumnElement[bool]) -> Update:
    """The next sweep decides these reports again: when their reminders are due may have changed."""
    return update(ExpectedReportRow).where(which).values(next_reminder_at=LOOK_AT_NEXT_SWEEP)


def _drift_lines(plan: Plan, milestone: Milestone, drift: RosterDrift) -> list[str]:
    where = f"Mốc {plan.code}/{milestone.code}"
    by_hand = milestone.audience.kind == "units"
    lines = []
    for code in drift.dissolved:
        what = (
            f"tracker expect remove {plan.code} {milestone.code} {code} --by … --note …"
            if by_hand
            else f"bỏ mã {code} khỏi trường audience trong {plan.source} rồi chạy tracker load"
        )
        lines.append(
            f"{where}: đơn vị {code} đã ngừng hoạt động nên không được nhắc nữa, nhưng vẫn thuộc danh sách "
            f"phải nộp. Nếu đơn vị không còn phải nộp: {what}"
        )
    for code in drift.joined:
        lines.append(
            f"{where}: đơn vị {code} đang hoạt động nhưng không thuộc danh sách phải nộp (danh sách lấy "
            f"theo ngày ban hành kế hoạch). Nếu đơn vị phải nộp: tracker expect add {plan.code} "
            f"{milestone.code} {code} --by … --note …"
        )
    return lines


def load_config_into(session: Session, config: Config, *, now: datetime, actor: str) -> LoadResult:
    """Sync `config` into the database in the caller's transaction; return what changed."""
    loader = _Loader(session, config, now, actor)
    loader.organization()
    units = loader.units()
    session.flush()
    loader.plans(units)
    session.flush()
    loader.roster_news(units)
    if loader.result.changed:
        refresh_statistics(session)
    return loader.result
