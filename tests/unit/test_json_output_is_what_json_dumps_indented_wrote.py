"""The command line's JSON (`--format json`) lays out lists of flat records itself, for speed: the
text is the very text `json.dumps(data, ensure_ascii=False, indent=2)` gives, for any data."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from tracker.cli.output import _indented_json


@pytest.mark.parametrize(
    "data",
    [
        [],
        [{}],
        {"plan": "ke-hoach"},
        [1, "hai", None],
        [{"unit": "cdcs-01"}, 3],
        [{"unit": "cdcs-01", "figures": {"doan_vien_moi": 3}}],
        [
            {
                "unit": 'Công đoàn "Số 1",\n  phường',
                "received_on": date(2019, 9, 14),
                "due": datetime(2019, 9, 15, 10, 0, tzinfo=UTC),
                "days_overdue": None,
                "unit_active": True,
                "share": 0.5,
            },
            {"unit": "cdcs-02", "received_on": None, "days_overdue": 3, "unit_active": False, "share": 1},
        ],
        # What separates two records, typed inside one.
        [{"doc_number": "},\n    {", "note": '"},\n    {"'}, {"doc_number": "}, {"}],
    ],
)
def test_json_output_is_json_dumps_with_an_indent_of_two(data: Any) -> None:
    expected = json.dumps(data, ensure_ascii=False, indent=2, default=lambda value: value.isoformat())
    assert _indented_json(data) == expected
