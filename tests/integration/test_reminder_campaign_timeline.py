"""The whole seed campaign on an injected clock, from before the notice to after the owner's deadline:
exactly the emails the ladder promises reach a real SMTP server, each once, at its moment.

The clock sweeps every day from Monday 19/8 to Tuesday 5/11/2019 just before the sending window
opens (07:29), when it opens (07:30) and just before it closes (16:59); weekends and the
National Day holiday (Monday 2/9) included. Meanwhile the clerks record reports: some on time, some
late, one a minute before the overdue notice would go, one unit is exempted and four never report.
The expected emails are written out by hand from the standard ladder on the effective deadline,
Monday 16/9/2019 (the written one, Saturday 14/9, is not a working day).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from tests.integration.reminder_fixtures import (
    OWNER_REPORT,
    Mail,
    at,
    exempt_unit,
    load,
    mail_of,
    outbox,
    receive_report,
    sweep_for,
)
from tests.smtp_server import SmtpSink

OWNER = "bantochuc@example.org"
STANDING = "thuongtruc@example.org"

# The standard ladder on the units' deadline: (step, repeat, moment, whom it copies).
UNITS_LADDER = [
    ("thong-bao", 0, at(26, 8), ""),  # -21d: Monday 26/8
    ("nhac-lan-1", 0, at(9, 9), ""),  # -7d: Monday 9/9
    ("nhac-lan-2", 0, at(12, 9), ""),  # -2wd: Thursday 12/9
    ("qua-han", 0, at(17, 9), "chair"),  # +1wd: Tuesday 17/9
    ("don-doc", 0, at(19, 9), OWNER),  # +3wd: Thursday 19/9
    ("bao-cao-thuong-truc", 0, at(25, 9), STANDING),  # +7wd: Wednesday 25/9
    ("bao-cao-thuong-truc", 1, at(2, 10), STANDING),  # then every 7 days
    ("bao-cao-thuong-truc", 2, at(9, 10), STANDING),
    ("bao-cao-thuong-truc", 3, at(16, 10), STANDING),
    ("bao-cao-thuong-truc", 4, at(23, 10), STANDING),
    ("bao-cao-thuong-truc", 5, at(30, 10), STANDING),  # the next one, 6/11, is after the clock stops
]

CONTACTS = {  # unit: (its addresses, its chair), from config/units.csv
    "ldld-dong-ha": (
        ("ldld.dongha@example.org", "vanphong.dongha@example.org"),
        "chutich.dongha@example.org",
    ),
    "ldld-tx-quang-tri": (("ldld.txquangtri@example.org",), "chutich.txquangtri@example.org"),
    "ldld-vinh-linh": (("ldld.vinhlinh@example.org",), "chutich.vinhlinh@example.org"),
    "ldld-gio-linh": (("ldld.giolinh@example.org",), "chutich.giolinh@example.org"),
    "ldld-cam-lo": (("ldld.camlo@example.org",), "chutich.camlo@example.org"),
    "ldld-trieu-phong": (("ldld.trieuphong@example.org",), "chutich.trieuphong@example.org"),
    "ldld-hai-lang": (("ldld.hailang@example.org",), "chutich.hailang@example.org"),
    "ldld-huong-hoa": (("ldld.huonghoa@example.org",), "chutich.huonghoa@example.org"),
    "ldld-dakrong": (("ldld.dakrong@example.org",), "chutich.dakrong@example.org"),
    "cd-giao-duc": (("congdoan.giaoduc@example.org",), "chutich.giaoduc@example.org"),
    "cd-y-te": (("congdoan.yte@example.org",), "chutich.yte@example.org"),
    "cd-cong-thuong": (("congdoan.congthuong@example.org",), "chutich.congthuong@example.org"),
    "cd-vien-chuc": (("congdoan.vienchuc@example.org",), "chutich.vienchuc@example.org"),
}

Event = tuple[datetime, Callable[[Engine], None]]


def received(unit: str, on: date, moment: datetime) -> Event:
    return moment, lambda engine: receive_report(engine, unit, on, moment)


def exempted(unit: str, moment: datetime) -> Event:
    return moment, lambda engine: exempt_unit(engine, unit, moment)


# What the clerks do, and how many emails of the ladder each unit has had by then.
STORY: dict[str, tuple[Event | None, int]] = {
    "ldld-dong-ha": (received("ldld-dong-ha", date(2019, 9, 5), at(5, 9, 10, 0)), 1),  # early
    "ldld-vinh-linh": (received("ldld-vinh-linh", date(2019, 9, 10), at(10, 9, 14, 0)), 2),
    "ldld-cam-lo": (received("ldld-cam-lo", date(2019, 9, 14), at(16, 9, 8, 0)), 3),  # came on Saturday
    "cd-y-te": (received("cd-y-te", date(2019, 9, 16), at(16, 9, 15, 0)), 3),  # the last day itself
    # Late, recorded a minute before the overdue notice would have gone: it never goes.
    "cd-cong-thuong": (received("cd-cong-thuong", date(2019, 9, 17), at(17, 9, 7, 29)), 3),
    "cd-giao-duc": (received("cd-giao-duc", date(2019, 9, 18), at(18, 9, 9, 0)), 4),  # late
    "ldld-gio-linh": (received("ldld-gio-linh", date(2019, 9, 24), at(24, 9, 16, 0)), 5),  # late
    "ldld-hai-lang": (received("ldld-hai-lang", date(2019, 10, 8), at(8, 10, 11, 0)), 7),  # very late
    "ldld-huong-hoa": (exempted("ldld-huong-hoa", at(11, 9, 9, 0)), 2),
    "ldld-dakrong": (None, len(UNITS_LADDER)),  # never
    "ldld-trieu-phong": (None, len(UNITS_LADDER)),
    "ldld-tx-quang-tri": (None, len(UNITS_LADDER)),
    "cd-vien-chuc": (None, len(UNITS_LADDER)),
}

# The owner's own summary report, due "cuối tháng 10/2019" = Thursday 31/10, never recorded by 5/11.
# Ban Tổ chức is its recipient: the overdue notice has no chair to copy, the urging no one new.
OWNER_EMAILS = [
    Mail("owner", "thong-bao", 0, at(10, 10), (OWNER,)),  # -21d: Thursday 10/10
    Mail("owner", "nhac-lan-1", 0, at(24, 10), (OWNER,)),  # -7d: Thursday 24/10
    Mail("owner", "nhac-lan-2", 0, at(29, 10), (OWNER,)),  # -2wd: Tuesday 29/10
    Mail("owner", "qua-han", 0, at(1, 11), (OWNER,)),  # +1wd: Friday 1/11
    Mail("owner", "don-doc", 0, at(5, 11), (OWNER,)),  # +3wd: Tuesday 5/11
]


def expected_unit_emails() -> list[Mail]:
    emails = []
    for unit, (_event, count) in STORY.items():
        to, chair = CONTACTS[unit]
        for step, repeat, moment, copies in UNITS_LADDER[:count]:
            cc = (chair,) if copies == "chair" else (copies,) if copies else ()
            emails.append(Mail(unit, step, repeat, moment, to, cc))
    return emails


def clock() -> list[datetime]:
    """Three sweeps a day, every day, 19/8 … 5/11/2019."""
    moments = []
    day = date(2019, 8, 19)
    while day <= date(2019, 11, 5):
        moments += [at(day.day, day.month, h, m) for h, m in ((7, 29), (7, 30), (16, 59))]
        day += timedelta(days=1)
    return moments


def test_the_seed_campaign_delivers_exactly_the_emails_of_each_story_once_when_the_window_opens(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink
) -> None:
    load(engine, config_dir)
    sweep = sweep_for(engine, smtp_sink.env())
    events = sorted((e for e, _ in STORY.values() if e is not None), key=lambda e: e[0])
    delivered: list[tuple[datetime, Mail]] = []  # every email the server received, with its sweep
    for now in clock():
        while events and events[0][0] <= now:
            events.pop(0)[1](engine)
        seen = len(smtp_sink.received)
        sweep.run(now)
        delivered += [(now, mail_of(m)) for m in smtp_sink.received[seen:]]

    assert sorted(mail for _, mail in delivered) == sorted(expected_unit_emails() + OWNER_EMAILS)
    # Each left in the sweep at 07:30 on its working day, dated then; none before, none late.
    assert all(mail.at == sent_by for sent_by, mail in delivered)
    assert {sent_by.timetz() for sent_by, _ in delivered} == {at(26, 8).timetz()}
    assert {sent_by.weekday() for sent_by, _ in delivered} <= {0, 1, 2, 3, 4}
    # The outbox agrees: one sent row per email, nothing cancelled, superseded or left behind.
    rows = outbox(engine)
    assert sorted((r.unit_code, r.step_key, r.repeat) for r in rows) == sorted(
        (m.unit, m.step, m.repeat) for _, m in delivered
    )
    assert {r.state for r in rows} == {"sent"}
    assert {r.milestone_code for r in rows if r.unit_code == "owner"} == {OWNER_REPORT}
