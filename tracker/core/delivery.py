"""What a mail server's answer does to an outbox row: sent, failed for good, retried later, or paused.

A transport reports each attempt as a `Delivery`; `outcome_of_answer` turns it, with what the row
held when it was claimed, into the row's next state and the time of its next attempt (DESIGN §5:
retries start 5 minutes after the first failure and double, at most 2 hours apart; a spent daily
quota waits for tomorrow's sending window). Pure: `now` is given, nothing is read or written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from tracker.core.calendar import SendingWindow
from tracker.core.reports import DeliveryState

FIRST_RETRY = timedelta(minutes=5)
LONGEST_RETRY = timedelta(hours=2)


class Outcome(StrEnum):
    """What the caller should do with a message after one attempt."""

    DELIVERED = "delivered"  # every recipient accepted or refused for good, at least one accepted
    REFUSED = "refused"  # every recipient refused permanently (5xx): record, show admins, never retry
    TEMPORARY = "temporary"  # retry `pending` later: 4xx, timeout, connection refused or lost
    AUTH_FAILED = "auth_failed"  # the server refused our login or demands one (or TLS) we do not give:
    #                              stop all sending, keep everything pending, tell the operator
    QUOTA_EXCEEDED = "quota_exceeded"  # the daily sending quota is spent (5.4.5): pause until tomorrow


STOPPING = frozenset({Outcome.AUTH_FAILED, Outcome.QUOTA_EXCEEDED})
"""Outcomes after which the rest of a batch is not attempted: every later message would fail alike."""


@dataclass(frozen=True)
class Refusal:
    """One recipient refused permanently, with the server's words for the admins."""

    recipient: str
    reply: str  # "550 5.1.1 <x@example.org>: Recipient address rejected: User unknown"


@dataclass(frozen=True)
class Delivery:
    """The result of one attempt to send one message to its envelope recipients.

    Every envelope recipient is in exactly one of `accepted`, `refused` and `pending`. `outcome`
    says what to do next; `reply` is the server reply (or the error) that decided it, kept for the
    admins. A retry goes to `pending` only, so nobody gets the message twice.
    """

    outcome: Outcome
    accepted: tuple[str, ...] = ()
    refused: tuple[Refusal, ...] = ()
    pending: tuple[str, ...] = ()
    reply: str = ""

    @classmethod
    def settle(
        cls,
        *,
        accepted: Sequence[str] = (),
        refused: Sequence[Refusal] = (),
        pending: Sequence[str] = (),
        pending_because: Outcome = Outcome.TEMPORARY,
        reply: str = "",
    ) -> Delivery:
        """The delivery these recipient lists add up to; `pending_because` names why some wait."""
        if pending:
            outcome = pending_because
        elif accepted:
            outcome = Outcome.DELIVERED
        else:
            outcome = Outcome.REFUSED
        return cls(outcome, tuple(accepted), tuple(refused), tuple(pending), reply)

    @property
    def stops_sending(self) -> bool:
        return self.outcome in STOPPING


def retry_delay(attempts: int) -> timedelta:
    """How long after its `attempts`-th failed try an email is tried again: 5 minutes after the
    first, doubling, at most 2 hours apart."""
    delay = FIRST_RETRY
    # Doubled only until the cap: a power of two per attempt overflows after a few days of retries.
    for _ in range(attempts - 1):
        if delay >= LONGEST_RETRY:
            break
        delay *= 2
    return min(delay, LONGEST_RETRY)


def tomorrow_opening(window: SendingWindow, now: datetime) -> datetime:
    """When a spent daily quota is worth trying again: the sending window's next opening tomorrow."""
    return window.opening_of_day((now.astimezone(window.zone) + timedelta(days=1)).date())


@dataclass(frozen=True)
class ClaimedEmail:
    """What the answer for one claimed outbox row is weighed against, read when it was claimed."""

    outbox_id: int
    addressed: int  # To and Cc recipients
    refused: Mapping[str, str]  # address -> reply, by earlier attempts
    attempts: int  # this one included


@dataclass(frozen=True)
class AnswerOutcome:
    """A claimed row after one server answer: its new state and every column that goes with it."""

    state: DeliveryState
    refused: dict[str, str]  # address -> permanent reply, earlier attempts' included
    remaining: tuple[str, ...]  # not yet accepted: who a retry goes to
    last_reply: str
    attempts: int
    next_attempt_at: datetime | None  # None once the email is done with (sent or failed)
    sent_at: datetime | None


def outcome_of_answer(
    claimed: ClaimedEmail, delivery: Delivery, now: datetime, window: SendingWindow
) -> AnswerOutcome:
    """What `delivery`, the server's answer at `now`, makes of the claimed row."""
    refused = {**claimed.refused, **{r.recipient: r.reply for r in delivery.refused}}

    def outcome(
        state: DeliveryState, next_attempt_at: datetime | None, attempts: int = claimed.attempts
    ) -> AnswerOutcome:
        sent_at = now if next_attempt_at is None else None
        return AnswerOutcome(
            state, refused, delivery.pending, delivery.reply, attempts, next_attempt_at, sent_at
        )

    if delivery.outcome in (Outcome.DELIVERED, Outcome.REFUSED):
        # Refused now, but an earlier attempt reached someone: the email did go out.
        accepted_ever = claimed.addressed - len(refused) - len(delivery.pending)
        delivered = delivery.outcome is Outcome.DELIVERED or accepted_ever > 0
        return outcome(DeliveryState.SENT if delivered else DeliveryState.FAILED, None)
    if delivery.outcome is Outcome.QUOTA_EXCEEDED:
        return outcome(DeliveryState.PENDING, tomorrow_opening(window, now))
    if delivery.outcome is Outcome.AUTH_FAILED:
        # Not the email's fault: keep it as it was (this try not counted) and try at the next sweep.
        return outcome(DeliveryState.PENDING, now, claimed.attempts - 1)
    return outcome(DeliveryState.PENDING, now + retry_delay(claimed.attempts))
