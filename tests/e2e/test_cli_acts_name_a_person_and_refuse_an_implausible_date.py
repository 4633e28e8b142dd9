"""An act is never recorded as done by nobody (`--by`, else TRACKER_CLERK, else refused, saying how),
and a received date before the plan was issued — most likely a mistyped year that would count the
report on time — is refused unless `--force`. A refusal writes nothing."""

from __future__ import annotations

from tests.e2e.commands import Tracker

PLAN, MILESTONE, UNIT = "so-ket-de-an-2019", "bao-cao-don-vi", "cd-y-te"


def _acts(tracker: Tracker) -> list[tuple[str, str]]:
    return [(e["action"], e["actor"]) for e in tracker.json("audit") if e["action"].startswith("submission.")]


def test_an_act_without_a_person_is_refused_and_says_how(tracker: Tracker) -> None:
    tracker.ok("load")
    tracker.env["TRACKER_CLERK"] = None

    for act in (("receive", "--on", "12/9/2019"), ("exempt",), ("unreceive",)):
        said = tracker.refused(act[0], PLAN, MILESTONE, UNIT, *act[1:])
        assert '--by "Họ và tên"' in said and "TRACKER_CLERK" in said
    assert _acts(tracker) == []

    tracker.ok("receive", PLAN, MILESTONE, UNIT, "--on", "12/9/2019", "--by", "Trần Thị Lan")
    tracker.env["TRACKER_CLERK"] = "Nguyễn Văn Bình"
    tracker.ok("unreceive", PLAN, MILESTONE, UNIT)
    assert _acts(tracker) == [
        ("submission.receive", "Trần Thị Lan"),
        ("submission.unreceive", "Nguyễn Văn Bình"),
    ]


def test_a_received_date_before_the_plan_was_issued_needs_force(tracker: Tracker) -> None:
    tracker.ok("load")

    said = tracker.refused("receive", PLAN, MILESTONE, UNIT, "--on", "12/9/2018")
    assert "Ngày nhận 12/09/2018 trước ngày ban hành kế hoạch (12/08/2019)" in said
    assert tracker.status()[(MILESTONE, UNIT)]["received_on"] is None

    tracker.ok("receive", PLAN, MILESTONE, UNIT, "--on", "12/9/2018", "--force")
    assert tracker.status()[(MILESTONE, UNIT)]["received_on"] == "2018-09-12"
