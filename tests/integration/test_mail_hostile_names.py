"""Names typed by people (units, plans, departments) cannot inject headers or markup into an email."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from email import message_from_bytes, policy

import pytest

from tests.builders import DONG_HA, ORGANIZATION, SEED_PLAN, STEP_DAYS, reminder
from tests.helpers import html_of, text_of
from tracker.core.model import Contact, Section, Unit

SCRIPT = "<script>alert(1)</script>"
INJECTION = "Tên\r\nBcc: x@y.example"
LONG_NAME = "Liên đoàn Lao động " + "Đông Hà ✊🏽 " * 45  # 500+ characters, emoji with a skin-tone modifier
EMOJI = "Công đoàn 🇻🇳 Khu kinh tế 👷‍♀️"

HOSTILE_PLAN = replace(
    SEED_PLAN,
    title=f"{INJECTION} {SCRIPT} {LONG_NAME}",
    reference=f"Kế hoạch số 52/KH-LĐLĐ\r\nX-Evil: 1 {SCRIPT}",
    sections=(Section("doc", f'{SCRIPT} & nội dung "trích dẫn" {EMOJI}'),),
)
HOSTILE_ORGANIZATION = replace(
    ORGANIZATION,
    name=f"LĐLĐ tỉnh\r\nBcc: spy@example.org {SCRIPT}",
    owner=Contact(f"Ban Tổ chức\n{SCRIPT}", ORGANIZATION.owner.emails),
)
HOSTILE_UNITS = [
    replace(DONG_HA, name=SCRIPT),
    replace(DONG_HA, name=INJECTION, chair_name=INJECTION),
    replace(DONG_HA, name=LONG_NAME, chair_name=LONG_NAME),
    replace(DONG_HA, name=EMOJI),
    replace(DONG_HA, name="Tên\x00có\x1bký tự\x7fđiều khiển\u2028và\x85xuống dòng"),
]


def hostile(step_key: str, repeat: int, as_of: datetime, unit: Unit) -> bytes:
    message = reminder(
        step_key, as_of, repeat=repeat, unit=unit, plan=HOSTILE_PLAN, organization=HOSTILE_ORGANIZATION
    )
    return message.as_bytes(policy=policy.SMTP)


@pytest.mark.parametrize("unit", HOSTILE_UNITS, ids=["script", "crlf", "long", "emoji", "controls"])
@pytest.mark.parametrize(("step_key", "repeat", "as_of"), STEP_DAYS)
def test_no_header_is_injected_and_every_header_stays_one_folded_line(
    step_key: str, repeat: int, as_of: datetime, unit: Unit
) -> None:
    wire = hostile(step_key, repeat, as_of, unit)
    headers = wire.split(b"\r\n\r\n", 1)[0]
    parsed = message_from_bytes(wire, policy=policy.default)

    assert parsed["Bcc"] is None
    assert parsed["X-Evil"] is None
    assert sorted({key.lower() for key in parsed} - {"cc"}) == sorted(
        [
            "auto-submitted",
            "content-language",
            "content-type",
            "date",
            "from",
            "message-id",
            "mime-version",
            "reply-to",
            "subject",
            "to",
            "x-tracker-key",
        ]
    )
    assert [a.addr_spec for a in parsed["From"].addresses] == ["tracker@ldld-quangtri.example.org"]
    assert [a.addr_spec for a in parsed["To"].addresses] == list(unit.emails)
    assert max(len(line) for line in headers.split(b"\r\n")) <= 78
    assert not any(ch in str(parsed["Subject"]) + str(parsed["From"]) for ch in "\r\n\x00")


@pytest.mark.parametrize("unit", HOSTILE_UNITS, ids=["script", "crlf", "long", "emoji", "controls"])
@pytest.mark.parametrize(("step_key", "repeat", "as_of"), STEP_DAYS)
def test_html_shows_names_as_text_and_never_as_markup(
    step_key: str, repeat: int, as_of: datetime, unit: Unit
) -> None:
    html = html_of(message_from_bytes(hostile(step_key, repeat, as_of, unit), policy=policy.default))

    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;lt;" not in html  # escaped once, not twice


def test_the_plain_text_keeps_names_as_they_were_typed() -> None:
    text = text_of(reminder("thong-bao", STEP_DAYS[0][2], unit=replace(DONG_HA, name=f"{SCRIPT} & {EMOJI}")))

    assert f"Kính gửi: {SCRIPT} & {EMOJI}\n" in text


def test_a_long_name_is_shortened_between_words_never_in_the_middle_of_a_character() -> None:
    wire = hostile("thong-bao", 0, STEP_DAYS[0][2], DONG_HA)

    subject = str(message_from_bytes(wire, policy=policy.default)["Subject"])

    assert subject.startswith("[Thông báo] Báo cáo tên Bcc: x@y.example <script>")  # the line break: a space
    assert subject.endswith("… – hạn 16/09/2019") and len(subject) <= 110  # an inbox list shows it whole
    title = subject.removeprefix("[Thông báo] Báo cáo ").removesuffix("… – hạn 16/09/2019")
    assert " ".join(LONG_NAME.split()).startswith(title.split("</script> ")[-1])  # whole words kept
