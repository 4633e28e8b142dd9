"""What `load` tells the clerk about a running milestone whose roster changed: a unit dissolved that is
still expected and outstanding, a unit on the roster that is not expected. Nobody's expected set moves."""

from __future__ import annotations

from datetime import date

from tracker.core.model import OWNER_UNIT_CODE, Audience
from tracker.core.roster import RosterDrift, Validity, roster_drift

TODAY = date(2019, 9, 3)
ROSTER = {
    OWNER_UNIT_CODE: Validity(date(2019, 8, 1)),
    "ldld-dong-ha": Validity(date(2019, 8, 1)),
    "ldld-cam-lo": Validity(date(2019, 8, 1), valid_until=TODAY),  # dissolved today
    "ldld-hai-lang": Validity(date(2019, 8, 1), valid_until=date(2019, 8, 30)),
    "cd-kkt": Validity(TODAY),  # founded today
}
EXPECTED = {"ldld-dong-ha", "ldld-cam-lo", "ldld-hai-lang"}


def test_a_dissolved_unit_still_outstanding_and_a_new_unit_are_both_named() -> None:
    drift = roster_drift(Audience.units(), EXPECTED, set(), ROSTER, TODAY)

    assert drift == RosterDrift(dissolved=("ldld-cam-lo", "ldld-hai-lang"), joined=("cd-kkt",))


def test_a_dissolved_unit_whose_report_is_settled_is_no_news() -> None:
    drift = roster_drift(Audience.units(), EXPECTED, {"ldld-hai-lang"}, ROSTER, TODAY)

    assert drift.dissolved == ("ldld-cam-lo",)


def test_new_units_matter_to_an_audience_of_every_unit_only() -> None:
    listed = Audience.listed(("ldld-dong-ha", "ldld-cam-lo"))

    drift = roster_drift(listed, {"ldld-dong-ha", "ldld-cam-lo"}, set(), ROSTER, TODAY)

    assert drift == RosterDrift(dissolved=("ldld-cam-lo",), joined=())


def test_a_roster_that_matches_is_no_drift() -> None:
    roster = {code: ROSTER[code] for code in (OWNER_UNIT_CODE, "ldld-dong-ha")}

    assert not roster_drift(Audience.units(), {"ldld-dong-ha"}, set(), roster, TODAY)
