"""The digest as JSON: the stable shape of `tracker digest --format json`, for programs."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from tracker.core.deadlines import end_of_day
from tracker.core.digest import Digest, MilestoneDigest
from tracker.digest.wording import proposals_text


def render_json(digest: Digest) -> bytes:
    return (json.dumps(digest_to_json(digest), ensure_ascii=False, indent=2) + "\n").encode()


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _number(value: float | None) -> float | int | None:
    """Whole numbers as JSON integers (12, not 12.0)."""
    return int(value) if value is not None and float(value).is_integer() else value


def digest_to_json(digest: Digest) -> dict[str, Any]:
    """The stable JSON shape of `tracker digest --format json` (issue 4), with extra fields.

    `due` and `written_due` are the end of the effective and the written last day in the plan's zone;
    `received` is on time plus late; `outstanding` lists the reports neither received nor exempt,
    worst first; `figures` has every figure key of the plan, null where no received report gave it.
    """
    return {
        "as_of": digest.as_of.isoformat(),
        "plans": [
            {
                "code": p.plan.code,
                "title": p.plan.title,
                "reference": p.plan.reference,
                "milestones": [_milestone_json(m) for m in p.milestones],
            }
            for p in digest.plans
        ],
        "activity": {
            "since": digest.activity.since.isoformat(),
            "sent": digest.activity.sent,
            "failed": digest.activity.failed,
            "partly_failed": digest.activity.partly_failed,
            "pending": digest.activity.pending,
        },
        "daemon": (
            {
                "last_sweep_at": _iso(digest.health.last_sweep_at),
                "next_sweep_at": _iso(digest.health.next_sweep_at),
                "stale": digest.health.stale,
            }
            if digest.health
            else None
        ),
        "proposals": proposals_text(digest),
    }


def _milestone_json(m: MilestoneDigest) -> dict[str, Any]:
    return {
        "code": m.milestone.code,
        "title": m.milestone.title,
        "due": m.deadline.due_at.isoformat(),
        "written_due": end_of_day(m.deadline.written, m.deadline.zone).isoformat(),
        "shifted": m.deadline.shifted,
        "days_left": m.days_left,
        "days_past": m.days_past,
        "expected": m.expected,
        "received": m.received,
        "received_on_time": m.received_on_time,
        "received_late": m.received_late,
        "exempt": m.exempt,
        "outstanding_count": len(m.outstanding),
        "outstanding": [
            {
                "unit": r.unit.code,
                "unit_name": r.unit.name,
                "state": r.state.value,
                "days_overdue": r.days_overdue,
                "extended_until": r.extended_until.isoformat() if r.extended_until else None,
                "last_step": r.last_step.key if r.last_step else None,
                "last_step_repeat": r.last_step.repeat if r.last_step else None,
                "last_step_at": _iso(r.last_step.sent_at if r.last_step else None),
                "failed_recipients": list(r.failed_recipients),
                "delivery_failed": r.delivery_failed,
            }
            for r in m.outstanding
        ],
        "arrivals": [
            {
                "unit": r.unit.code,
                "received_on": r.submission.received_on.isoformat(),
                "doc_number": r.submission.doc_number,
            }
            for r in m.arrivals
            if r.submission
        ],
        "incomplete": [
            {
                "unit": r.unit.code,
                "missing_sections": [s.key for s in r.missing_sections],
                "missing_figures": [f.key for f in r.missing_figures],
            }
            for r in m.incomplete
        ],
        "figures": {f.figure.key: _number(f.total) for f in m.figures},
        "figure_reporters": {f.figure.key: f.reporters for f in m.figures},
        "progress": [
            {"date": p.day.isoformat(), "received": p.received, "cumulative": p.cumulative}
            for p in m.progress
        ],
    }
