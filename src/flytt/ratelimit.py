"""A client-side sliding-window rate limiter (SSB allows 30 queries per 60 seconds)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class RateLimiter:
    """At most ``max_calls`` calls in any window of ``period`` seconds.

    :meth:`acquire` blocks (via ``sleep``) until a call is allowed, then records it.
    ``clock`` and ``sleep`` are injectable for tests (defaults: ``time.monotonic``,
    ``time.sleep``).
    """

    max_calls: int = 30
    period: float = 60.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _calls: deque[float] = field(default_factory=deque, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.max_calls < 1 or self.period <= 0:
            raise ValueError("max_calls must be ≥ 1 and period > 0")

    def wait_time(self) -> float:
        """Seconds until the next call is allowed (0 if it is allowed now)."""
        now = self.clock()
        while self._calls and self._calls[0] <= now - self.period:
            self._calls.popleft()
        if len(self._calls) < self.max_calls:
            return 0.0
        return self._calls[0] + self.period - now

    def acquire(self) -> float:
        """Wait until a call is allowed and record it; returns the seconds waited."""
        waited = 0.0
        while (delay := self.wait_time()) > 0:
            self.sleep(delay)
            waited += delay
        self._calls.append(self.clock())
        return waited
