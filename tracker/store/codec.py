"""The validated config as JSON, and back: what `tracker load` stores so that every other command,
and every daemon, works from the database alone."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from tracker.core.model import (
    Audience,
    CalendarOverride,
    CcTarget,
    Contact,
    DeadlineShift,
    DigestSchedule,
    DueRule,
    Figure,
    FigureKind,
    Ladder,
    Milestone,
    Offset,
    Organization,
    Plan,
    Section,
    SendingHours,
    Signature,
    Step,
)

JSON = dict[str, Any]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def ladder_to_json(ladder: Ladder) -> JSON:
    return {
        "name": ladder.name,
        "repeat_every": str(ladder.repeat_every) if ladder.repeat_every else None,
        "steps": [
            {"key": s.key, "offset": str(s.offset), "template": s.template, "cc": [c.value for c in s.cc]}
            for s in ladder.steps
        ],
    }


def ladder_from_json(data: JSON) -> Ladder:
    return Ladder(
        name=data["name"],
        repeat_every=Offset.parse(data["repeat_every"]) if data["repeat_every"] else None,
        steps=tuple(
            Step(s["key"], Offset.parse(s["offset"]), s["template"], tuple(CcTarget(c) for c in s["cc"]))
            for s in data["steps"]
        ),
    )


def plan_to_json(plan: Plan) -> JSON:
    return {
        "code": plan.code,
        "title": plan.title,
        "reference": plan.reference,
        "deadline_shift": plan.deadline_shift.value,
        "issued": _iso(plan.issued),
        "closes": _iso(plan.closes),
        "source": plan.source,
        "ladder": ladder_to_json(plan.ladder),
        "sections": [{"key": s.key, "title": s.title} for s in plan.sections],
        "figures": [
            {"key": f.key, "label": f.label, "unit": f.unit, "kind": f.kind.value, "min": f.minimum}
            for f in plan.figures
        ],
        "milestones": [
            {
                "code": m.code,
                "title": m.title,
                "due": m.due.isoformat(),
                "due_rule": m.due_rule.value,
                "audience": {"kind": m.audience.kind, "unit_codes": list(m.audience.unit_codes)},
            }
            for m in plan.milestones
        ],
    }


def plan_from_json(data: JSON) -> Plan:
    return Plan(
        code=data["code"],
        title=data["title"],
        reference=data["reference"],
        deadline_shift=DeadlineShift(data["deadline_shift"]),
        issued=_day(data["issued"]),
        closes=_day(data["closes"]),
        source=data["source"],
        ladder=ladder_from_json(data["ladder"]),
        sections=tuple(Section(s["key"], s["title"]) for s in data["sections"]),
        figures=tuple(
            # A plan stored before figures had a kind and a minimum: whole, at least 0.
            Figure(f["key"], f["label"], f["unit"], FigureKind(f.get("kind", "whole")), f.get("min", 0))
            for f in data["figures"]
        ),
        milestones=tuple(
            Milestone(
                code=m["code"],
                title=m["title"],
                due=date.fromisoformat(m["due"]),
                due_rule=DueRule(m["due_rule"]),
                audience=Audience(m["audience"]["kind"], tuple(m["audience"]["unit_codes"])),
            )
            for m in data["milestones"]
        ),
    )


def organization_to_json(
    org: Organization, days_off: tuple[CalendarOverride, ...], working_days: tuple[CalendarOverride, ...]
) -> JSON:
    return {
        "name": org.name,
        "parent": org.parent,
        "place": org.place,
        "timezone": org.timezone,
        "owner": _contact_json(org.owner),
        "standing": _contact_json(org.standing),
        "sending_hours": [org.sending_hours.start.isoformat(), org.sending_hours.end.isoformat()],
        "digest": {
            "weekday": org.digest.weekday,
            "at": org.digest.at.isoformat(),
            "to": list(org.digest.to),
            "cc": list(org.digest.cc),
        },
        "signature": {"lines": list(org.signature.lines), "name": org.signature.name}
        if org.signature
        else None,
        "days_off": [{"date": o.day.isoformat(), "name": o.name} for o in days_off],
        "working_days": [{"date": o.day.isoformat(), "name": o.name} for o in working_days],
    }


def organization_from_json(
    data: JSON,
) -> tuple[Organization, tuple[CalendarOverride, ...], tuple[CalendarOverride, ...]]:
    org = Organization(
        name=data["name"],
        parent=data["parent"],
        place=data["place"],
        timezone=data["timezone"],
        owner=_contact_of(data["owner"]),
        standing=_contact_of(data["standing"]),
        sending_hours=SendingHours(*(time.fromisoformat(t) for t in data["sending_hours"])),
        digest=DigestSchedule(
            weekday=data["digest"]["weekday"],
            at=time.fromisoformat(data["digest"]["at"]),
            to=tuple(data["digest"]["to"]),
            cc=tuple(data["digest"]["cc"]),
        ),
        signature=Signature(tuple(signed["lines"]), signed["name"])
        if (signed := data.get("signature"))
        else None,
    )

    def overrides(key: str) -> tuple[CalendarOverride, ...]:
        return tuple(CalendarOverride(date.fromisoformat(o["date"]), o["name"]) for o in data[key])

    return org, overrides("days_off"), overrides("working_days")


def _contact_json(contact: Contact) -> dict[str, Any]:
    return {"name": contact.name, "emails": list(contact.emails), "phone": contact.phone}


def _contact_of(data: dict[str, Any]) -> Contact:
    # "phone" came later: an organization loaded before it has none.
    return Contact(data["name"], tuple(data["emails"]), data.get("phone", ""))
