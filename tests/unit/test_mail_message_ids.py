"""Message-IDs of reminders: stable, distinct per key, valid, and short enough to thread."""

from __future__ import annotations

import re

import pytest

from tracker.mail.message import domain_of, message_id_for

SEED_KEY = ("so-ket-de-an-2019", "bao-cao-don-vi", "ldld-dong-ha", "nhac-lan-1", 0, 1)
# RFC 5322 msg-id: "<" dot-atom-text "@" dot-atom-text ">"
MSG_ID = re.compile(r"^<[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9.-]+>$")


def test_the_id_reads_as_step_repeat_and_version_then_a_hash_at_the_senders_domain() -> None:
    message_id = message_id_for(*SEED_KEY, "ldld-quangtri.example.org")

    assert re.fullmatch(r"<nhac-lan-1\.0\.v1\.[0-9a-f]{12}@ldld-quangtri\.example\.org>", message_id)


def test_the_same_key_always_gives_the_same_id() -> None:
    assert message_id_for(*SEED_KEY, "example.org") == message_id_for(*SEED_KEY, "example.org")


@pytest.mark.parametrize(
    "other",
    [
        ("so-ket-de-an-2020", "bao-cao-don-vi", "ldld-dong-ha", "nhac-lan-1", 0, 1),
        ("so-ket-de-an-2019", "bao-cao-tong-hop", "ldld-dong-ha", "nhac-lan-1", 0, 1),
        ("so-ket-de-an-2019", "bao-cao-don-vi", "ldld-vinh-linh", "nhac-lan-1", 0, 1),
        ("so-ket-de-an-2019", "bao-cao-don-vi", "ldld-dong-ha", "nhac-lan-2", 0, 1),
        ("so-ket-de-an-2019", "bao-cao-don-vi", "ldld-dong-ha", "nhac-lan-1", 1, 1),
        ("so-ket-de-an-2019", "bao-cao-don-vi", "ldld-dong-ha", "nhac-lan-1", 0, 2),
    ],
)
def test_any_part_of_the_key_changes_the_id(other: tuple[str, str, str, str, int, int]) -> None:
    assert message_id_for(*other, "example.org") != message_id_for(*SEED_KEY, "example.org")


def test_codes_that_fold_to_the_same_ascii_still_get_different_ids() -> None:
    vietnamese = message_id_for("kh", "m", "u", "Đôn đốc", 0, 1, "example.org")
    ascii_only = message_id_for("kh", "m", "u", "Don-doc", 0, 1, "example.org")

    assert vietnamese.startswith("<Don-doc.0.v1.")
    assert ascii_only.startswith("<Don-doc.0.v1.")
    assert vietnamese != ascii_only


@pytest.mark.parametrize(
    ("unit", "step", "domain"),
    [
        ("ldld-dong-ha", "bao-cao-thuong-truc", "ldld-quangtri.example.org"),
        ('cd <khu> kinh tế @ "đặc biệt"', "bước.một..hai", "example.org"),
        ("u" * 300, "s" * 300, "example.org"),
        ("ldld", "nhac", "a-very-long-subdomain.of-a-federation.quangtri.congdoanvietnam.example.org.vn"),
    ],
)
def test_every_id_is_a_valid_msg_id_of_at_most_65_characters(unit: str, step: str, domain: str) -> None:
    message_id = message_id_for("so-ket-de-an-2019", "bao-cao-don-vi", unit, step, 12, 3, domain)

    assert MSG_ID.match(message_id), message_id
    assert len(message_id) <= max(65, len(f"<{'0' * 12}@{domain}>"))  # a huge domain keeps only the hash
    assert re.search(r"[0-9a-f]{12}@", message_id)


def test_an_international_domain_is_written_in_ascii() -> None:
    assert message_id_for(*SEED_KEY, "côngđoàn.vn").endswith("@xn--cngon-uqa0lsj.vn>")


def test_the_domain_comes_from_the_from_address_in_lower_case() -> None:
    assert domain_of("LĐLĐ tỉnh Quảng Trị <Tracker@LDLD-QuangTri.Example.org>") == "ldld-quangtri.example.org"
    assert domain_of("tracker@example.org") == "example.org"


def test_a_from_address_without_a_domain_is_refused() -> None:
    with pytest.raises(ValueError, match="không phải một địa chỉ email hợp lệ"):
        domain_of("tracker")
