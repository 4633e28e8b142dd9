"""The notice and every reminder carry the deadline as a calendar entry that Outlook, Gmail and
Thunderbird open as one event: one VEVENT, METHOD:PUBLISH, an all-day DTSTART (a DATE), a UID stable
per (plan, milestone, unit), an alarm the day before, the link in the description; when the deadline
moves, the same UID comes with a higher SEQUENCE and the new day."""

from __future__ import annotations

from datetime import date, datetime
from email.message import EmailMessage

from icalendar import Calendar

from tests.builders import at, reminder
from tests.e2e.commands import ConfigFiles, Tracker
from tests.smtp_server import SmtpSink
from tracker.core.model import Unit


def _entry(message: EmailMessage) -> Calendar:
    (attachment,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert attachment.get_param("method") == "PUBLISH"
    assert attachment.get_filename() == "han-bao-cao.ics"
    return Calendar.from_ical(attachment.get_content())


def _event(message: EmailMessage) -> dict[str, object]:
    calendar = _entry(message)
    (event,) = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "PUBLISH"
    (alarm,) = event.walk("VALARM")
    return {
        "uid": str(event["UID"]),
        "sequence": int(event["SEQUENCE"]),
        "start": event.decoded("DTSTART"),
        "end": event.decoded("DTEND"),
        "alarm": alarm.decoded("TRIGGER"),
        "description": str(event["DESCRIPTION"]),
    }


def test_every_step_carries_one_all_day_event_with_the_same_uid() -> None:
    notice, urging = _event(reminder("thong-bao", at(26, 8))), _event(reminder("don-doc", at(19, 9)))
    assert notice["uid"] == urging["uid"]
    assert notice["start"] == date(2019, 9, 16) and not isinstance(notice["start"], datetime)
    assert notice["end"] == date(2019, 9, 17)
    assert notice["sequence"] == 0
    assert notice["alarm"].total_seconds() == -15 * 3600  # 09:00 the day before
    cam_lo = Unit(code="ldld-cam-lo", name="Liên đoàn Lao động huyện Cam Lộ", emails=("camlo@example.org",))
    other = _event(reminder("thong-bao", at(26, 8), unit=cam_lo))
    assert other["uid"] != notice["uid"]


def test_the_event_keeps_its_uid_and_raises_its_sequence_when_the_deadline_moves(
    tracker: Tracker, smtp_sink: SmtpSink, config_files: ConfigFiles
) -> None:
    tracker.env |= smtp_sink.env() | {
        "TRACKER_PUBLIC_URL": "https://baocao.example.org",
        "TRACKER_SECRET_KEY": "khoa-thu-nghiem",
    }
    tracker.ok("load")
    tracker.ok("remind", "--as-of", "2019-08-26T07:30:00+07:00")
    before = {m.rcpt_tos[0]: _event(m.message) for m in smtp_sink.received}
    config_files.replace("plans/so-ket-de-an-2019.toml", 'due = "15/9/2019"', 'due = "30/9/2019"')
    tracker.ok("load")
    sent = len(smtp_sink.received)
    tracker.ok("remind", "--as-of", "2019-09-09T07:30:00+07:00")
    after = {m.rcpt_tos[0]: _event(m.message) for m in smtp_sink.received[sent:]}
    address = "ldld.dongha@example.org"
    assert after[address]["uid"] == before[address]["uid"]
    assert (before[address]["sequence"], after[address]["sequence"]) == (0, 1)
    assert after[address]["start"] == date(2019, 9, 30)
    assert "https://baocao.example.org/u/" in after[address]["description"]
