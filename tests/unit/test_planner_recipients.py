"""Who gets a step: the unit's contacts, with the chair, Ban Tổ chức or the Standing Committee in copy
as the step says; nobody twice, whatever the case of the address."""

from dataclasses import replace

import pytest

from tests import builders
from tests.builders import STEPS
from tracker.core.model import CcTarget, Config, Contact, Offset, Step, Unit
from tracker.core.planner import Recipients, recipients

# The seed, with one contact address for Đông Hà and two members in the Standing Committee.
DONG_HA = replace(builders.DONG_HA, emails=("ldld.dongha@example.org",))
STANDING = Contact("Thường trực LĐLĐ tỉnh", ("thuongtruc@example.org", "chutich@example.org"))
ORGANIZATION = replace(builders.ORGANIZATION, standing=STANDING)


@pytest.mark.parametrize(
    ("step_key", "cc"),
    [
        ("thong-bao", ()),
        ("nhac-lan-1", ()),
        ("nhac-lan-2", ()),
        ("qua-han", ("chutich.dongha@example.org",)),
        ("don-doc", ("bantochuc@example.org",)),
        ("bao-cao-thuong-truc", ("thuongtruc@example.org", "chutich@example.org")),
    ],
)
def test_each_step_of_the_standard_ladder_goes_to_the_unit_with_its_copies(
    step_key: str, cc: tuple[str, ...]
) -> None:
    assert recipients(STEPS[step_key], DONG_HA, ORGANIZATION) == Recipients(("ldld.dongha@example.org",), cc)


def test_a_unit_without_a_chair_address_gets_the_overdue_notice_without_a_copy() -> None:
    no_chair = replace(DONG_HA, chair_email="")

    assert recipients(STEPS["qua-han"], no_chair, ORGANIZATION) == Recipients(
        ("ldld.dongha@example.org",), ()
    )


def test_a_milestone_owed_by_the_owner_reminds_ban_to_chuc_itself_and_not_in_copy() -> None:
    owner = Config(organization=ORGANIZATION, units=(), plans=()).owner_unit()
    everyone = Step(
        "tat-ca", Offset.parse("+1wd"), "overdue", (CcTarget.UNIT_CHAIR, CcTarget.OWNER, CcTarget.STANDING)
    )

    assert recipients(everyone, owner, ORGANIZATION) == Recipients(
        ("bantochuc@example.org",), ("thuongtruc@example.org", "chutich@example.org")
    )


def test_the_owner_pseudo_unit_is_addressed_with_the_owners_emails_whatever_it_carries() -> None:
    bare_owner = Unit(code="owner", name="Ban Tổ chức")

    assert recipients(STEPS["thong-bao"], bare_owner, ORGANIZATION).to == ("bantochuc@example.org",)


def test_addresses_are_deduplicated_case_insensitively_in_their_first_spelling_and_order() -> None:
    unit = Unit(
        code="cd-giao-duc",
        name="Công đoàn ngành Giáo dục",
        emails=("VanPhong@Example.org", "b@example.org", "vanphong@example.org"),
        chair_email="B@EXAMPLE.ORG",
    )
    step = Step(
        "moi-nguoi",
        Offset.parse("+1wd"),
        "overdue",
        (CcTarget.STANDING, CcTarget.UNIT_CHAIR, CcTarget.STANDING),
    )

    assert recipients(step, unit, ORGANIZATION) == Recipients(
        ("VanPhong@Example.org", "b@example.org"), ("thuongtruc@example.org", "chutich@example.org")
    )


def test_a_standing_committee_member_who_is_also_in_ban_to_chuc_is_copied_once() -> None:
    organization = replace(
        ORGANIZATION, standing=Contact("Thường trực", ("BanToChuc@example.org", "tt@example.org"))
    )
    step = Step("ca-hai", Offset.parse("+7wd"), "escalation", (CcTarget.OWNER, CcTarget.STANDING))

    assert recipients(step, DONG_HA, organization).cc == ("bantochuc@example.org", "tt@example.org")
