"""The outbox folder: every message written as one `.eml` file instead of being sent.

Used when no SMTP server is configured (the quick start, demos, tests of the CLI). Every recipient
counts as accepted. The file name comes from the message's Date and Message-ID, so writing the same
message again (a retry after a crash) replaces its file instead of adding a second one.
"""

from __future__ import annotations

import asyncio
import os
import re
import tempfile
from collections.abc import Sequence
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from tracker.core.delivery import Delivery
from tracker.files import private_folder
from tracker.mail.delivery import BeforeSend, OnDelivery, SendJob
from tracker.mail.message import wire_headers

_UNSAFE_RE = re.compile(r"[^A-Za-z0-9._@-]+")
_NAME_MAX = 180  # well under the 255 bytes most file systems allow


def eml_file_name(data: bytes) -> str:
    """`20190909T073000+0700-ldld-dong-ha-nhac-lan-1.0.v1.3f9a….eml`: sortable by date, the unit's code
    (an email to a unit) for a person looking in the folder, unique by id."""
    headers = wire_headers(data)
    date = headers["Date"]
    stamp = parsedate_to_datetime(date).strftime("%Y%m%dT%H%M%S%z") if date is not None else "undated"
    ident = _UNSAFE_RE.sub("_", (headers["Message-ID"] or "no-message-id").strip("<> ")).strip("._")
    key = (headers["X-Tracker-Key"] or "").split("/")  # plan/milestone/unit/step/repeat
    unit = _UNSAFE_RE.sub("_", key[2]).strip("._") + "-" if len(key) > 2 and key[2] else ""
    return f"{stamp}-{unit}{ident}"[:_NAME_MAX] + ".eml"


class OutboxFolderTransport:
    """Writes each message to `directory` (created if missing) as `<date>-<message-id>.eml`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        return None

    async def send_all(
        self,
        jobs: Sequence[SendJob],
        on_delivery: OnDelivery | None = None,
        before_send: BeforeSend | None = None,
    ) -> list[Delivery]:
        if any(not job.recipients for job in jobs):
            raise ValueError("every message needs at least one envelope recipient")
        return await asyncio.to_thread(self._write_all, jobs, on_delivery, before_send)

    def _write_all(
        self, jobs: Sequence[SendJob], on_delivery: OnDelivery | None, before_send: BeforeSend | None
    ) -> list[Delivery]:
        private_folder(self.directory)
        results = [Delivery.settle(pending=job.recipients) for job in jobs]  # until written
        for index, job in enumerate(jobs):
            if before_send is not None and not before_send(index):
                continue
            results[index] = self._write(job)
            if on_delivery is not None and not on_delivery(index, results[index]):
                break
        return results

    def _write(self, job: SendJob) -> Delivery:
        target = self.directory / eml_file_name(job.data)
        # The bytes an SMTP server would receive, written under a temporary name and renamed, so
        # that a reader never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(job.data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return Delivery.settle(accepted=job.recipients, reply=f"250 written to {target}")
