"""A milestone's expected units are the roster on its plan's issue date: a unit's validity period
decides, not whether it is active today; an explicit list and the owner's own milestone are as written."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.core.model import OWNER_UNIT_CODE, Audience
from tracker.core.roster import Validity, expected_units, roster_day

FIRST_LOAD = date(2019, 8, 1)
ROSTER = {
    OWNER_UNIT_CODE: Validity(FIRST_LOAD),
    "ldld-dong-ha": Validity(FIRST_LOAD),
    "ldld-cam-lo": Validity(FIRST_LOAD, valid_until=date(2019, 9, 1)),  # dissolved on 1/9
    "cd-kkt": Validity(date(2019, 8, 20)),  # founded on 20/8
    "ldld-dakrong": Validity(FIRST_LOAD, valid_until=FIRST_LOAD),  # listed inactive when first seen
}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2019, 8, 1), ("ldld-cam-lo", "ldld-dong-ha")),
        (date(2019, 8, 19), ("ldld-cam-lo", "ldld-dong-ha")),
        (date(2019, 8, 20), ("cd-kkt", "ldld-cam-lo", "ldld-dong-ha")),  # valid from its first day
        (date(2019, 8, 31), ("cd-kkt", "ldld-cam-lo", "ldld-dong-ha")),
        (date(2019, 9, 1), ("cd-kkt", "ldld-dong-ha")),  # not on the day it was dissolved
        (date(2019, 12, 1), ("cd-kkt", "ldld-dong-ha")),
    ],
)
def test_every_unit_is_the_units_valid_on_that_day(day: date, expected: tuple[str, ...]) -> None:
    assert expected_units(Audience.units(), ROSTER, day) == expected


def test_a_list_and_the_owner_are_as_written_whatever_the_roster() -> None:
    listed = Audience.listed(("ldld-dakrong", "ldld-dong-ha"))

    assert expected_units(listed, ROSTER, date(2019, 9, 2)) == ("ldld-dakrong", "ldld-dong-ha")
    assert expected_units(Audience.owner(), ROSTER, date(2019, 9, 2)) == (OWNER_UNIT_CODE,)


@pytest.mark.parametrize(
    ("issued", "today", "known_since", "day"),
    [
        (date(2019, 8, 12), date(2019, 9, 3), date(2019, 8, 1), date(2019, 8, 12)),  # its issue date
        (None, date(2019, 9, 3), date(2019, 8, 1), date(2019, 9, 3)),  # none: the day it is loaded
        # Issued before the tracker knew any roster (first installed later): the first roster.
        (date(2019, 8, 12), date(2026, 12, 1), date(2026, 12, 1), date(2026, 12, 1)),
        (date(2019, 8, 12), date(2026, 12, 5), date(2026, 12, 1), date(2026, 12, 1)),
    ],
)
def test_the_roster_day_is_the_issue_date_but_not_before_the_first_roster(
    issued: date | None, today: date, known_since: date, day: date
) -> None:
    assert roster_day(issued, today, known_since) == day
