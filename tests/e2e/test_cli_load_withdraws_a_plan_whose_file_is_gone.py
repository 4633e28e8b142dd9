"""A plan whose file left `plans/` is withdrawn by the next `load`: said and audited, nobody reminded
any more (its queued reminders cancelled), its reports and emails kept; the file put back, it is
followed again. `load` used to say "Không có thay đổi" and keep sending (issue 13, item 5)."""

from __future__ import annotations

from tests.e2e.commands import ConfigFiles, Tracker
from tests.integration.reminder_fixtures import mails
from tests.smtp_server import ReceivedMail, SmtpSink

SEED_FILE = "plans/so-ket-de-an-2019.toml"
COPY = "so-ket-ban-sao"
NOTICE = "2019-08-26T07:30:00+07:00"
FIRST_REMINDER = "2019-09-09T07:30:00+07:00"
SECOND_REMINDER = "2019-09-12T07:30:00+07:00"


def _plan_of(mail: ReceivedMail) -> str:
    return str(mail.message["X-Tracker-Key"]).partition("/")[0]


def test_a_plan_whose_file_is_gone_is_withdrawn_and_reminds_nobody(
    tracker: Tracker, config_files: ConfigFiles, smtp_sink: SmtpSink
) -> None:
    tracker.env |= smtp_sink.env()
    copy = config_files.root / f"plans/{COPY}.toml"
    seed_text = (config_files.root / SEED_FILE).read_text(encoding="utf-8")
    copy.write_text(seed_text.replace('code = "so-ket-de-an-2019"', f'code = "{COPY}"'), encoding="utf-8")
    tracker.ok("load")
    tracker.ok("remind", "--as-of", NOTICE)
    copy.unlink()

    out = tracker.ok("load")

    assert f"Kế hoạch {COPY}: không còn tệp plans/{COPY}.toml trong thư mục cấu hình" in out
    assert tracker.json("audit")[-1]["action"] == "plan.withdraw"
    before = len(smtp_sink.received)
    tracker.ok("remind", "--as-of", FIRST_REMINDER)
    new = smtp_sink.received[before:]
    assert len(new) == 13
    assert all(_plan_of(mail) == "so-ket-de-an-2019" for mail in new)
    assert len(tracker.ok("status", "--plan", COPY, "--format", "json")) > 2  # its reports are kept

    copy.write_text(seed_text.replace('code = "so-ket-de-an-2019"', f'code = "{COPY}"'), encoding="utf-8")
    assert f"Kế hoạch {COPY} có lại tệp" in tracker.ok("load")
    tracker.ok("remind", "--as-of", SECOND_REMINDER)
    back = [m for m in mails(smtp_sink.received[before + 13 :]) if m.step == "nhac-lan-2"]
    assert len(back) == 26  # both plans' second reminder for the 13 units
