"""`digest_to_json`: the stable shape of issue 4, with the campaign's exact values."""

import json

from tests.digest_campaign import at, campaign_digest
from tracker.digest.as_json import digest_to_json


def _json(as_of=None):
    digest = campaign_digest(as_of) if as_of else campaign_digest()
    # Through a real serialisation: what `--format json` prints must be plain JSON.
    return json.loads(json.dumps(digest_to_json(digest), ensure_ascii=False))


def test_the_top_level_carries_the_moment_and_the_plans():
    data = _json()
    assert data["as_of"] == "2019-09-23T08:00:00+07:00"
    assert [p["code"] for p in data["plans"]] == ["so-ket-de-an-2019"]
    assert [m["code"] for m in data["plans"][0]["milestones"]] == ["bao-cao-don-vi", "bao-cao-tong-hop"]


def test_a_milestone_has_its_deadlines_and_counts():
    m = _json()["plans"][0]["milestones"][0]
    assert m["due"] == "2019-09-16T23:59:59+07:00"
    assert m["written_due"] == "2019-09-14T23:59:59+07:00"
    assert {
        key: m[key] for key in ("expected", "received", "received_on_time", "received_late", "exempt")
    } == {
        "expected": 13,
        "received": 9,
        "received_on_time": 7,
        "received_late": 2,
        "exempt": 1,
    }
    assert m["received"] == m["received_on_time"] + m["received_late"]


def test_outstanding_lists_units_worst_first_with_their_last_step():
    outstanding = _json()["plans"][0]["milestones"][0]["outstanding"]
    assert [
        {k: o[k] for k in ("unit", "unit_name", "days_overdue", "last_step", "last_step_at")}
        for o in outstanding
    ] == [
        {
            "unit": "cong-thuong",
            "unit_name": "Công đoàn ngành Công Thương",
            "days_overdue": 7,
            "last_step": "qua-han",
            "last_step_at": "2019-09-17T07:31:00+07:00",
        },
        {
            "unit": "y-te",
            "unit_name": "Công đoàn ngành Y tế",
            "days_overdue": 7,
            "last_step": "don-doc",
            "last_step_at": "2019-09-19T07:30:00+07:00",
        },
        {
            "unit": "dakrong",
            "unit_name": "LĐLĐ huyện Đakrông",
            "days_overdue": 7,
            "last_step": "qua-han",
            "last_step_at": "2019-09-17T07:31:00+07:00",
        },
    ]


def test_before_the_deadline_days_overdue_is_null_and_a_unit_never_reminded_has_no_step():
    owner = _json()["plans"][0]["milestones"][1]["outstanding"][0]
    assert (owner["unit"], owner["days_overdue"], owner["last_step"], owner["last_step_at"]) == (
        "owner",
        None,
        None,
        None,
    )


def test_figures_have_every_key_of_the_plan_as_whole_numbers_or_null():
    units, summary = _json()["plans"][0]["milestones"]
    assert units["figures"] == {
        "doanh_nghiep": 338,
        "cdcs_moi": 16,
        "doan_vien_moi": 609,
        "gioi_thieu_dang": 36,
        "to_chuc_dang_moi": 5,
    }
    assert all(isinstance(v, int) for v in units["figures"].values())
    assert summary["figures"] == dict.fromkeys(units["figures"])


def test_the_extra_fields_are_documented_values():
    data = _json()
    m = data["plans"][0]["milestones"][0]
    assert (m["shifted"], m["days_left"], m["days_past"], m["outstanding_count"]) == (True, None, 7, 3)
    assert m["arrivals"] == [
        {"unit": "trieu-phong", "received_on": "2019-09-17", "doc_number": "25/BC-LĐLĐ"},
        {"unit": "hai-lang", "received_on": "2019-09-20", "doc_number": "22/BC-LĐLĐ"},
    ]
    assert m["figure_reporters"]["doan_vien_moi"] == 8
    assert m["progress"][-1] == {"date": "2019-09-23", "received": 0, "cumulative": 9}
    assert data["activity"] == {
        "since": "2019-09-16T08:00:00+07:00",
        "sent": 6,
        "failed": 1,
        "partly_failed": 1,
        "pending": 1,
    }
    assert data["daemon"] == {
        "last_sweep_at": "2019-09-23T07:55:00+07:00",
        "next_sweep_at": "2019-09-23T08:00:00+07:00",
        "stale": False,
    }
    assert data["proposals"].startswith("Đề nghị Thường trực LĐLĐ tỉnh chỉ đạo 3 đơn vị quá hạn")


def test_a_moment_outside_the_plan_zone_is_kept_as_given():
    data = _json(at(23, 9, 8, 0).astimezone(__import__("zoneinfo").ZoneInfo("UTC")))
    assert data["as_of"] == "2019-09-23T01:00:00+00:00"
    assert data["plans"][0]["milestones"][0]["due"] == "2019-09-16T23:59:59+07:00"
