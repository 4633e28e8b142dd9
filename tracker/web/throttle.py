"""A per-address request limit for the public pages (the units' links): counted in this process's
memory, so that a GET still writes nothing. `tracker web` is one process (waitress threads), so one
count per address holds; a guesser of 192-bit tokens gains nothing from a second process anyway."""

from __future__ import annotations

import threading
from collections import deque
from datetime import datetime, timedelta


class AddressThrottle:
    """At most `limit` requests per address in any `window`."""

    def __init__(self, limit: int, window: timedelta) -> None:
        self.limit = limit
        self.window = window
        self._seen: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    def allow(self, address: str, now: datetime) -> bool:
        """Count this request of `address` at `now`; False when it is over the limit (not counted)."""
        with self._lock:
            for other in [a for a, times in self._seen.items() if times[-1] <= now - self.window]:
                del self._seen[other]  # forget quiet addresses: the table stays small
            times = self._seen.setdefault(address, deque())
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.limit:
                return False
            times.append(now)
            return True
