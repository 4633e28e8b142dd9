"""A real IMAP server for tests: Dovecot (Debian's `dovecot-imapd`) on a free loopback port, with one
passwd-file user and a Maildir in a temporary folder; messages are placed with IMAP APPEND.

    with Dovecot() as server:                    # or the `dovecot` fixture (skipped without Dovecot)
        env = server.env()                       # TRACKER_IMAP_HOST/PORT/USER/PASSWORD/TLS
        server.append(raw_bytes)                 # into INBOX
        ...read...

`stop()` / `start()` take it down for a while and bring it back on the same port and Maildir.
Other test files use it with `from tests.imap_server import Dovecot, dovecot` (importing the fixture
function registers the `dovecot` fixture in that module).
"""

from __future__ import annotations

import contextlib
import getpass
import grp
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Self

import pytest

from tests.smtp_server import LOOPBACK, free_port

DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)
USER, PASSWORD = "bantochuc", "mat-khau-thu"
START_WITHIN = 10.0  # seconds: Dovecot answers within a fraction of one


def _run_as() -> tuple[str, str]:
    """The system user and group Dovecot's processes run as: the current ones, or `nobody` under root
    (Dovecot refuses to run its login and mail processes as root)."""
    if os.geteuid() != 0:
        return getpass.getuser(), grp.getgrgid(os.getegid()).gr_name
    nobody = pwd.getpwnam("nobody")
    return nobody.pw_name, grp.getgrgid(nobody.pw_gid).gr_name


def _config(base: Path, port: int) -> str:
    user, group = _run_as()
    return f"""
protocols = imap
listen = {LOOPBACK}
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
login_trusted_networks = 127.0.0.0/8
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = 1
mail_location = maildir:{base}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {base}/passwd
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={base}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = {LOOPBACK}
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


class Dovecot:
    """A Dovecot of its own: configuration, passwd file, Maildir and sockets in one temporary folder."""

    def __init__(self) -> None:
        assert DOVECOT is not None, "Dovecot is not installed"
        self.host = LOOPBACK
        self.port = free_port()
        # Under /tmp itself: Dovecot's unprivileged processes must reach it (pytest's tmp_path is 0700).
        self.base = Path(tempfile.mkdtemp(prefix="tracker-dovecot-"))
        self.base.chmod(0o755)
        (self.base / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}:::::\n")
        (self.base / "mail").mkdir()
        user, group = _run_as()
        shutil.chown(self.base / "mail", user, group)
        self.config = self.base / "dovecot.conf"
        self.config.write_text(_config(self.base, self.port))
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + START_WITHIN
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((self.host, self.port), 0.2):
                    return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.02)  # waiting for a real server to listen, not for the code under test
        raise RuntimeError(f"Dovecot did not start: {self.log()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    def log(self) -> str:
        path = self.base / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def env(self) -> dict[str, str]:
        """The TRACKER_IMAP_* variables that point the tracker at this server."""
        return {
            "TRACKER_IMAP_HOST": self.host,
            "TRACKER_IMAP_PORT": str(self.port),
            "TRACKER_IMAP_USER": USER,
            "TRACKER_IMAP_PASSWORD": PASSWORD,
            "TRACKER_IMAP_TLS": "none",
        }

    def _client(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4(self.host, self.port, timeout=10)
        client.login(USER, PASSWORD)
        return client

    def append(self, message: bytes, folder: str = "INBOX") -> None:
        """Deliver `message` into `folder` (created when missing), as a mail server would."""
        client = self._client()
        try:
            client.create(folder)  # "already exists" is a NO, which imaplib returns, not raises
            typ, data = client.append(folder, None, None, message)
            assert typ == "OK", data
        finally:
            client.logout()

    def count(self, folder: str = "INBOX") -> int:
        client = self._client()
        try:
            typ, data = client.select(folder, readonly=True)
            return int(data[0] or 0) if typ == "OK" else 0
        finally:
            client.logout()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()
        shutil.rmtree(self.base, ignore_errors=True)


class DroppingProxy:
    """A TCP relay in front of `server` that cuts the connection once the server has sent more than
    `after_bytes` to the client: a mailbox that drops the connection mid-fetch."""

    def __init__(self, server: Dovecot, after_bytes: int) -> None:
        self.server, self.after_bytes = server, after_bytes
        self.listener = socket.create_server((LOOPBACK, 0))
        self.port = int(self.listener.getsockname()[1])
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def env(self) -> dict[str, str]:
        return self.server.env() | {"TRACKER_IMAP_PORT": str(self.port)}

    def _serve(self) -> None:
        with contextlib.suppress(OSError):
            client, _ = self.listener.accept()
            upstream = socket.create_connection((self.server.host, self.server.port))
            threading.Thread(target=self._pipe, args=(client, upstream, None), daemon=True).start()
            self._pipe(upstream, client, self.after_bytes)

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket, limit: int | None) -> None:
        sent = 0
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if limit is not None and sent + len(data) > limit:
                    break
                target.sendall(data)
                sent += len(data)
        for end in (source, target):  # both sides see the connection end, as a dropped link does
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.listener.close()
        self.thread.join(5)


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    """A running Dovecot with an empty INBOX; the test is skipped, saying why, without Dovecot."""
    if DOVECOT is None:
        reason = "Dovecot is not installed (apt-get install dovecot-imapd; .ci/run installs it)"
        if os.environ.get("CI"):  # CI installs it (.ci/run): a skip there would hide the intake
            pytest.fail(reason)
        pytest.skip(reason)
    with Dovecot() as server:
        yield server
