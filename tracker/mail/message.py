"""Building email messages: safe headers, stable Message-IDs, text and HTML alternatives, inline images.

Everything here is pure: values in, an `EmailMessage` out, and its bytes on the wire. The reminder and
digest emails both come through `compose_message`, so they share one idea of what a well-formed
message from the tracker is.
"""

from __future__ import annotations

import email.header
import email.policy
import functools
import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address, AddressHeader, BaseHeader, HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser
from email.policy import Policy
from typing import Any

from tracker.core.text import CONTROL_RE

_MSGID_PART_RE = re.compile(r"[^A-Za-z0-9_-]+")
_MSGID_RE = re.compile(r"^<[!-;=?A-~]+@[!-;=?A-~]+>$")  # printable ASCII, no <, >, @ or space inside
_MSGID_MAX = 65  # "In-Reply-To: <id>" fits one header line of 78: nothing folds or encodes it
_HASH_CHARS = 12


@functools.lru_cache(maxsize=1024)
def _encoded_lines(text: str, name: str, policy: Policy) -> str:
    """`text` as RFC 2047 encoded words in folded lines, by the legacy `Header` encoder.

    The modern folder of Python 3.11 loses spaces between encoded words (most long Vietnamese
    subjects: "ngoài nhà" arrives as "ngoàinhà") and splits long display names mid-word; the legacy
    encoder keeps every character. Lines stay within the policy's width, so nothing refolds them
    later. Cached: the same subject and sender name are folded for every message of a sweep.
    """
    header = email.header.Header(text, "utf-8", maxlinelen=policy.max_line_length or 78, header_name=name)
    return header.encode(linesep=policy.linesep)


_ATOM_RE = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+")  # a word a display name may carry as it is
_ENCODED_WORD_MAX = 75  # RFC 2047


def _encoded_word(text: str) -> str:
    return email.header.Header(text, "utf-8").encode()


def _encoded_run(words: list[str]) -> list[str]:
    """Consecutive words that need encoding, as few encoded words as fit; when a run must be split, the
    space between its parts stays inside the first (readers ignore the whitespace between two encoded
    words, so a space left between them would be lost)."""
    parts: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and len(_encoded_word(candidate)) > _ENCODED_WORD_MAX:
            parts.append(_encoded_word(current + " "))
            current = word
        else:
            current = candidate
    parts.append(_encoded_word(current))
    return parts


@functools.lru_cache(maxsize=256)
def _display_name_lines(name: str, first_line_used: int, policy: Policy) -> str:
    """A non-ASCII display name as plain words and encoded words, folded only at the spaces around a
    plain word ("Ban", "-", "Lao"): there every reader keeps the space, where a fold between two
    encoded words is read as a space by some (Python's parser) and as nothing by others (RFC 2047), and
    a fold inside an encoded word ("…Lao động t" / "ỉnh…") splits the word for some readers."""
    tokens: list[str] = []
    run: list[str] = []
    for word in name.split():
        if _ATOM_RE.fullmatch(word):
            tokens += _encoded_run(run) if run else []
            run = []
            tokens.append(word)
        else:
            run.append(word)
    tokens += _encoded_run(run) if run else []
    width = policy.max_line_length or 78
    lines: list[str] = []
    line, used = "", first_line_used
    for token in tokens:
        if line and used + len(line) + 1 + len(token) > width:
            lines.append(line)
            line, used = token, 1  # a continuation line starts with one space
        else:
            line = f"{line} {token}" if line else token
    lines.append(line)
    return f"{policy.linesep} ".join(lines)


class _TextHeader(UnstructuredHeader):
    """Free text (the Subject); non-ASCII text is folded by `_encoded_lines`."""

    def fold(self, *, policy: Policy) -> str:
        text = str(self)
        if text.isascii():
            return super().fold(policy=policy)
        return f"{self.name}: {_encoded_lines(text, self.name, policy)}{policy.linesep}"


class _MailboxesHeader(AddressHeader):
    """From, To, Cc, Reply-To; a non-ASCII display name is folded by `_display_name_lines`."""

    def fold(self, *, policy: Policy) -> str:
        if all(address.display_name.isascii() for address in self.addresses):
            return super().fold(policy=policy)
        mailboxes = []
        for address in self.addresses:
            if address.display_name.isascii():
                mailboxes.append(str(address))
            else:  # the name's lines, then the address on a line of its own
                used = len(self.name) + 2 if not mailboxes else 1  # "From: " or a continuation's space
                name = _display_name_lines(address.display_name, used, policy)
                mailboxes.append(f"{name}{policy.linesep} <{address.addr_spec}>")
        return f"{self.name}: " + f",{policy.linesep} ".join(mailboxes) + policy.linesep


class _Headers(HeaderRegistry):
    """The header factory of `MESSAGE_POLICY`, with the same header classes made once, not per header.

    A header object is immutable, and many header texts repeat from one message to the next (the
    Subject within a sweep, every part's Content-Type and Content-Transfer-Encoding): the recent
    (name, text) pairs are parsed once.
    """

    def __init__(self) -> None:
        super().__init__()
        self._parsed = functools.lru_cache(maxsize=256)(super().__call__)
        self._classes = functools.lru_cache(maxsize=256)(super().__getitem__)

    def __getitem__(self, name: str) -> type[BaseHeader]:
        # HeaderRegistry builds a new class at every call: costly, and garbage for the collector.
        return self._classes(name.lower())

    def __call__(self, name: str, value: Any) -> BaseHeader:
        return self._parsed(name, value) if isinstance(value, str) else super().__call__(name, value)


_HEADERS = _Headers()
_HEADERS.map_to_type("subject", _TextHeader)
for _name in ("from", "to", "cc", "reply-to"):
    _HEADERS.map_to_type(_name, _MailboxesHeader)
MESSAGE_POLICY = email.policy.default.clone(header_factory=_HEADERS)
"""The policy of every message built here: `email.policy.default`, with headers that keep their spaces."""
WIRE_POLICY = MESSAGE_POLICY.clone(linesep="\r\n", cte_type="7bit")
"""How a message goes on the wire: CRLF line ends, and 7-bit, so that any server takes it (a text
part the email package would write as 8-bit is written base64-encoded instead)."""
_HEADER_PARSER = BytesHeaderParser(policy=email.policy.compat32)


def wire_bytes(message: EmailMessage) -> bytes:
    """`message` exactly as an SMTP server receives it, rendered once: the outbox keeps these bytes and
    every attempt sends them as they are. Pure ASCII (see `WIRE_POLICY`); headers folded as built."""
    return message.as_bytes(policy=WIRE_POLICY)


def wire_headers(data: bytes) -> Message:
    """The headers of a message in wire form, read without its body; the values as written (encoded
    words kept), which is all the envelope and a file name need."""
    return _HEADER_PARSER.parsebytes(data.partition(b"\r\n\r\n")[0])


def header_text(value: str) -> str:
    """`value` fit for a header: control characters become spaces, runs of white space one space.

    Long values are not cut: the email package folds them (as RFC 2047 encoded words for
    non-ASCII text) without splitting a character.
    """
    return " ".join(CONTROL_RE.sub(" ", value).split())


def parse_mailbox(text: str, *, what: str = "địa chỉ email") -> Address:
    """One mailbox, `addr@example.org` or `Tên <addr@example.org>`; ValueError naming `what` otherwise.

    The header parser is strict where `email.utils.parseaddr` guesses: `Tên\\r\\nBcc: x@y <a@b>`
    is refused, not read as `x@y`.
    """
    address = _parsed_mailbox(text)
    if address is None:
        raise ValueError(f"{what}: {text!r} không phải một địa chỉ email hợp lệ")
    return address


@functools.lru_cache(maxsize=1 << 15)
def _parsed_mailbox(text: str) -> Address | None:
    """`parse_mailbox` without the error; cached, as the same few addresses (the sender, the owner,
    each unit's) are parsed for every message and again when it is sent."""
    try:
        header = email.policy.default.header_factory("To", text)
    except IndexError:  # the standard parser trips over an address ending in "@" (`x@`)
        return None
    addresses = header.addresses
    valid = (
        not header.defects
        and len(addresses) == 1
        and addresses[0].username
        and addresses[0].domain
        and not CONTROL_RE.search(text)
    )
    if not valid:
        return None
    return Address(display_name=header_text(addresses[0].display_name), addr_spec=addresses[0].addr_spec)


def domain_of(address: str) -> str:
    """The domain of a mailbox (`Ban Tổ chức <bantochuc@Example.org>` → `example.org`), for Message-IDs."""
    return parse_mailbox(address).domain.lower()


@functools.cache  # a handful of step keys, folded for every reminder
def _ascii_part(text: str) -> str:
    """`Đông Hà` → `Dong-Ha`: what a code looks like inside a Message-ID (atext, no dots)."""
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _MSGID_PART_RE.sub("-", folded).strip("-") or "x"


def message_id_for(
    plan_code: str,
    milestone_code: str,
    unit_code: str,
    step_key: str,
    repeat: int,
    deadline_version: int,
    domain: str,
    extension: int = 0,
) -> str:
    """The Message-ID of one reminder, the same every time it is rendered (a retry, a restart).

    `<nhac-lan-1.0.v1.3f9a0c21be4d@example.org>`: the step, repeat and deadline version in readable
    form, then a hash of the whole key (plan, milestone and unit included), so that every report
    gets its own id and codes folding to the same ASCII still get different ones. The id is kept
    within 65 characters (the readable part is cut, never the hash) so that `In-Reply-To: <id>`
    fits one line: an id too long for a line gets RFC 2047-encoded by the email package, which
    breaks threading in mail clients.
    """
    # The round of a unit granted more time (`extension` > 0) makes an id of its own; ids made before
    # rounds existed stay as they were.
    version = f"v{deadline_version}" + (f"e{extension}" if extension else "")
    key = (plan_code, milestone_code, unit_code, step_key, str(repeat), version)
    digest = hashlib.sha256("\x1f".join(key).encode()).hexdigest()[:_HASH_CHARS]
    host = _message_id_host(domain)
    if not host:
        raise ValueError("a Message-ID needs the domain of the From address")
    readable = f"{_ascii_part(step_key)}.{repeat}.{version}"
    room = _MSGID_MAX - len(f"<.{digest}@{host}>")
    readable = readable[: max(room, 0)].rstrip(".-")
    return f"<{readable}.{digest}@{host}>" if readable else f"<{digest}@{host}>"


@functools.cache
def _message_id_host(domain: str) -> str:
    """The domain as ASCII (IDNA): the same for every reminder of a sweep, and the codec is slow."""
    return header_text(domain).lower().encode("idna").decode("ascii")


def _message_id(value: str) -> str:
    cleaned = header_text(value)
    if not _MSGID_RE.match(cleaned):
        raise ValueError(f"{value!r} is not a Message-ID like <id@domain>")
    return cleaned


@dataclass(frozen=True)
class InlineImage:
    """A picture shown inside the HTML part; the HTML refers to it as `src="cid:{cid}"`."""

    cid: str  # without angle brackets, e.g. "progress.so-ket-de-an-2019@example.org"
    data: bytes
    subtype: str = "png"
    filename: str = ""  # offered when the picture is saved from the email


@dataclass(frozen=True)
class TextAttachment:
    """A text file attached to a message (the deadline's `.ics`): `text/{subtype}` in UTF-8."""

    text: str
    subtype: str
    filename: str
    params: Mapping[str, str] = field(default_factory=dict)  # on its Content-Type (method=PUBLISH)


def _mailboxes(name: str, addresses: Sequence[Address]) -> BaseHeader:
    return _mailboxes_header(name, tuple((a.display_name, a.addr_spec) for a in addresses))


@functools.lru_cache(maxsize=256)
def _mailboxes_header(name: str, mailboxes: tuple[tuple[str, str], ...]) -> BaseHeader:
    """An address header, built once for the mailboxes that every message carries (the sender, the
    owner in Reply-To or in copy): `_Headers` caches by text, and these are given as addresses."""
    return MESSAGE_POLICY.header_factory(name, [Address(display_name=n, addr_spec=a) for n, a in mailboxes])


def compose_message(
    *,
    subject: str,
    text: str,
    html: str | None,
    mail_from: str,
    to: Sequence[str],
    cc: Sequence[str] = (),
    reply_to: Sequence[str] = (),
    date: datetime,
    message_id: str,
    thread: Sequence[str] = (),
    from_name: str = "",
    headers: Mapping[str, str] | None = None,
    images: Sequence[InlineImage] = (),
    attachments: Sequence[TextAttachment] = (),
) -> EmailMessage:
    """A complete message: plain text, then the HTML alternative (with its inline images, if any).

    `date` must be aware; it is written in its own zone (pass it in the plan's zone). `thread` holds
    the Message-IDs of the earlier emails of the same conversation, oldest first: the last one becomes
    `In-Reply-To`, all of them `References`, so that mail clients thread the ladder. `from_name` is
    used when `mail_from` has no display name of its own. Control characters in any header value
    are replaced (see `header_text`); an address that does not parse raises ValueError.
    """
    if date.tzinfo is None:
        raise ValueError("the Date of a message needs a time zone")
    if not to:
        raise ValueError("a message needs at least one To address")
    sender = parse_mailbox(mail_from, what="người gửi (From)")
    if not sender.display_name and from_name:
        sender = Address(display_name=header_text(from_name), addr_spec=sender.addr_spec)

    message = EmailMessage(policy=MESSAGE_POLICY)
    message["Subject"] = header_text(subject)
    message["From"] = _mailboxes("From", [sender])
    message["To"] = _mailboxes("To", [parse_mailbox(a, what="người nhận (To)") for a in to])
    if cc:
        message["Cc"] = _mailboxes("Cc", [parse_mailbox(a, what="người nhận (Cc)") for a in cc])
    if reply_to:
        replies = [parse_mailbox(a, what="địa chỉ trả lời (Reply-To)") for a in reply_to]
        message["Reply-To"] = _mailboxes("Reply-To", replies)
    message["Date"] = date
    message["Message-ID"] = _message_id(message_id)
    if thread:
        earlier = [_message_id(m) for m in thread]
        message["In-Reply-To"] = earlier[-1]
        message["References"] = " ".join(earlier)
    # Out-of-office replies and auto-responders must not answer a robot (RFC 3834).
    message["Auto-Submitted"] = "auto-generated"
    for name, value in (headers or {}).items():
        message[name] = header_text(value)

    # Base64 always: the email package would pick quoted-printable for a mostly-ASCII part, whose
    # decoded lines then keep the wire's CRLF; base64 gives back exactly what was rendered.
    message.set_content(text, cte="base64")
    if html is not None:
        message.add_alternative(html, subtype="html", cte="base64")
        html_part = message.get_payload()[-1]
        for image in images:
            html_part.add_related(
                image.data,
                maintype="image",
                subtype=image.subtype,
                cid=f"<{header_text(image.cid)}>",
                filename=image.filename or None,
            )
    elif images:
        raise ValueError("inline images need an HTML part to show them")
    for attachment in attachments:  # the message becomes multipart/mixed: the alternatives, then these
        message.add_attachment(
            attachment.text,
            subtype=attachment.subtype,
            filename=attachment.filename,
            params=dict(attachment.params),
        )
    message["Content-Language"] = "vi"  # after the body: setting content clears Content-* headers
    stable_boundaries(message)
    return message


def stable_boundaries(message: EmailMessage) -> None:
    """MIME boundaries derived from the Message-ID instead of random ones, so that the same email
    rendered twice (a replay, `--as-of` again) is the same bytes."""
    seed = hashlib.sha256(str(message["Message-ID"]).encode()).hexdigest()[:24]
    for index, part in enumerate(p for p in message.walk() if p.is_multipart()):
        part.set_boundary(f"=_tracker_{seed}_{index}")
