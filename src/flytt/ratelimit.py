"""Client-side sliding-window rate limiters: one per process (:class:`RateLimiter`) and
one shared by every process on the machine (:class:`SharedRateLimiter`)."""

from __future__ import annotations

import sqlite3
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


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


@dataclass
class SharedRateLimiter:
    """At most ``max_calls`` calls in any ``period`` seconds **across processes**: the
    calls are recorded in an SQLite file (``path``), whose write lock serialises the
    processes (two shells fetching at once share one budget). Wall-clock time, so that
    every process sees the same window."""

    path: Path
    max_calls: int = 30
    period: float = 60.0
    clock: Callable[[], float] = time.time
    sleep: Callable[[float], None] = time.sleep

    def __post_init__(self) -> None:
        if self.max_calls < 1 or self.period <= 0:
            raise ValueError("max_calls must be ≥ 1 and period > 0")

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        con.execute("CREATE TABLE IF NOT EXISTS calls (at REAL NOT NULL)")
        return con

    def _try(self) -> float:
        """Record a call if one is allowed now (returns 0), else the seconds to wait."""
        con = self._connect()
        try:
            con.execute("BEGIN IMMEDIATE")
            now = self.clock()
            con.execute("DELETE FROM calls WHERE at <= ?", (now - self.period,))
            (count, oldest), = con.execute("SELECT count(*), min(at) FROM calls").fetchall()
            if count < self.max_calls:
                con.execute("INSERT INTO calls VALUES (?)", (now,))
                con.execute("COMMIT")
                return 0.0
            con.execute("COMMIT")
            return max(0.01, oldest + self.period - now)
        finally:
            con.close()

    def acquire(self) -> float:
        """Wait until a call is allowed and record it; returns the seconds waited."""
        waited = 0.0
        while (delay := self._try()) > 0:
            self.sleep(delay)
            waited += delay
        return waited
