"""A running plan edited so that it reminds for longer (a later closing day, a repeat put back): the
next sweep sends what the edit made due. `load` used to look again only when a deadline moved, so
`schedule` listed reminders that no sweep ever sent (issue 13, item 2)."""

from __future__ import annotations

from tests.e2e.commands import ConfigFiles, Tracker
from tests.integration.reminder_fixtures import mails
from tests.smtp_server import SmtpSink

PLAN_FILE = "plans/so-ket-de-an-2019.toml"
CLOSES = 'closes = "31/12/2019"'
REPEAT = 'repeat_every = "7d"'
AFTER_THE_LAST_STEP = "2019-09-26T08:00:00+07:00"  # bao-cao-thuong-truc went out on 25/9
A_WEEK_LATER = "2019-10-02T08:00:00+07:00"  # its first weekly repeat


def _repeats(sink: SmtpSink) -> set[str]:
    return {m.unit for m in mails(sink.received) if (m.step, m.repeat) == ("bao-cao-thuong-truc", 1)}


def test_a_later_closing_day_sends_the_reminders_it_makes_due(
    tracker: Tracker, config_files: ConfigFiles, smtp_sink: SmtpSink
) -> None:
    tracker.env |= smtp_sink.env()
    # The owner's own milestone ends with the units' one, so that the plan may close in September.
    config_files.replace(PLAN_FILE, "due = 2019-10-01", 'due = "15/9/2019"')
    config_files.replace(PLAN_FILE, 'due_rule = "end_of_month"', 'due_rule = "before"')
    config_files.replace(PLAN_FILE, CLOSES, 'closes = "27/9/2019"')
    tracker.ok("load")
    tracker.ok("remind", "--as-of", AFTER_THE_LAST_STEP)  # the last look: the plan closes tomorrow
    config_files.replace(PLAN_FILE, 'closes = "27/9/2019"', CLOSES)
    tracker.ok("load")
    planned = tracker.json("schedule", "--as-of", AFTER_THE_LAST_STEP)
    assert any(line["repeat"] == 1 for line in planned)

    tracker.ok("remind", "--as-of", A_WEEK_LATER)

    assert len(_repeats(smtp_sink)) == 14  # the 13 units and the owner


def test_a_repeat_put_back_in_the_ladder_sends_it(
    tracker: Tracker, config_files: ConfigFiles, smtp_sink: SmtpSink
) -> None:
    tracker.env |= smtp_sink.env()
    config_files.replace("ladders.toml", REPEAT, "")
    tracker.ok("load")
    tracker.ok("remind", "--as-of", AFTER_THE_LAST_STEP)  # nothing comes after the last step
    config_files.replace("ladders.toml", "[ladders.standard]\n", f"[ladders.standard]\n{REPEAT}\n")
    tracker.ok("load")

    tracker.ok("remind", "--as-of", A_WEEK_LATER)

    assert len(_repeats(smtp_sink)) == 13
