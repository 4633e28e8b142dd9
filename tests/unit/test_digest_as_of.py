"""Everything in the digest is as of its moment (DESIGN §5): later facts do not leak into it."""

from tests.digest_campaign import at, campaign_digest


def _reports(as_of):
    return {r.unit.code: r for r in campaign_digest(as_of).plans[0].milestones[0].reports}


def test_a_report_received_after_the_moment_counts_as_outstanding():
    assert _reports(at(23, 9, 8, 0))["cong-thuong"].outstanding
    assert not _reports(at(25, 9, 8, 0))["cong-thuong"].outstanding


def test_a_report_counts_as_received_from_the_start_of_its_received_date():
    assert not _reports(at(16, 9, 0, 0))["cam-lo"].outstanding
    assert _reports(at(15, 9, 23, 59))["cam-lo"].outstanding


def test_an_exemption_counts_from_the_moment_it_was_made():
    assert _reports(at(2, 9, 9, 14))["huong-hoa"].outstanding
    assert not _reports(at(2, 9, 9, 15))["huong-hoa"].outstanding


def test_a_reminder_sent_after_the_moment_is_not_the_last_step_yet():
    y_te = _reports(at(23, 9, 8, 0))["y-te"]
    assert (y_te.last_step.key, y_te.last_step.sent_at) == ("don-doc", at(19, 9))


def test_a_repeat_counts_as_its_step_with_its_number():
    y_te = _reports(at(3, 10, 8, 0))["y-te"]
    assert (y_te.last_step.key, y_te.last_step.repeat, y_te.last_step.sent_at) == (
        "bao-cao-thuong-truc",
        1,
        at(2, 10),
    )


def test_a_reminder_waiting_for_a_retry_is_not_a_step_received():
    cong_thuong = _reports(at(23, 9, 8, 0))["cong-thuong"]
    assert cong_thuong.last_step.key == "qua-han"
    assert _reports(at(24, 9, 9, 0))["cong-thuong"].last_step.key == "don-doc"
