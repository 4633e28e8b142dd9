"""How fast intake reads Ban Tổ chức's mailbox, against the limit of the same Dovecot on the same machine.

Run by hand (not by pytest): `.venv/bin/python bench/bench_intake.py [--messages 500]`. Everything
happens in a temporary folder: SQLite with the shipped seed loaded, and a Dovecot of its own (the
tests' `tests/imap_server.py`; Debian's `dovecot-imapd` must be installed). In one run:

a. the limit: a bare imap-tools loop fetching the same messages one by one by UID, as intake does,
   and doing nothing with them, in messages per second;
b. `Intake.run` over `--messages` replies of units (each from a contact of its unit, with a 100 KB
   PDF): read, judge against the outbox and the roster, keep, store the file, advance the position,
   one transaction per message; in messages per second, and its ratio to a. (goal: at least 0.5).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' Dovecot fixture

from world import LOADED_AT, SHIPPED_CONFIG, TEMPLATES_DIR

from tests.imap_server import Dovecot
from tracker.config import load_config
from tracker.mail.settings import imap_settings_from_env
from tracker.services.intake import Intake, RawMessage, open_mailbox
from tracker.services.loading import load_config_into
from tracker.store.db import make_engine, migrate, session_factory

PDF = b"%PDF-1.4\n" + b"%" + b"x" * 100_000 + b"\n%%EOF\n"


def replies(count: int, senders: list[str]) -> list[bytes]:
    made = []
    for n in range(count):
        mail = EmailMessage()
        mail["From"] = senders[n % len(senders)]
        mail["To"] = "bantochuc@example.org"
        mail["Subject"] = f"Báo cáo sơ kết số {n + 1}/BC-LĐLĐ"
        mail["Message-ID"] = f"<bench-{n}@donvi.example.org>"
        mail["Date"] = "Wed, 18 Sep 2019 09:15:00 +0700"
        mail.set_content("Kính gửi Ban Tổ chức, đơn vị gửi kèm báo cáo.")
        mail.add_attachment(PDF, maintype="application", subtype="pdf", filename=f"bao-cao-{n}.pdf")
        made.append(mail.as_bytes())
    return made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=500)
    args = parser.parse_args()
    config = load_config(SHIPPED_CONFIG, templates_dir=TEMPLATES_DIR)
    senders = [unit.emails[0] for unit in config.units if unit.emails]
    with tempfile.TemporaryDirectory() as folder, Dovecot() as server:
        engine = make_engine(f"sqlite:///{folder}/tracker.db")
        migrate(engine)
        with session_factory(engine)() as session, session.begin():
            load_config_into(session, config, now=LOADED_AT, actor="bench")
        for raw in replies(args.messages, senders):
            server.append(raw)
        settings = imap_settings_from_env(server.env())
        assert settings is not None

        started = time.perf_counter()
        with open_mailbox(settings) as box:
            box.email_message_class = RawMessage
            for uid in box.uids("ALL"):
                list(box.fetch(uid_list=[uid], mark_seen=False))
        limit = args.messages / (time.perf_counter() - started)

        started = time.perf_counter()
        result = Intake(engine, settings, Path(folder) / "files").run(datetime.now(UTC))
        took = time.perf_counter() - started
        assert len(result.lines) == args.messages and not result.error, result.error
        rate = args.messages / took

    print(f"a. bare fetch by UID (the limit): {limit:8.1f} messages/s")
    print(f"b. tracker intake:               {rate:8.1f} messages/s  ({rate / limit:.2f} of the limit)")
    print(f"   {args.messages} replies of {len(PDF) // 1024} KB PDF each in {took:.1f} s")


if __name__ == "__main__":
    main()
