"""Exceptions with messages a person can act on.

Every error raised at an edge (files, codes, years, API responses) names where the
problem is: the file, the row (1-based line number in the file, header = line 1)
and the column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_LIMIT = 60
"""A value from a file is quoted in a message with at most this many characters."""

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
"""Control characters, line/paragraph separators, zero-width and bidirectional marks: they
can move a terminal's cursor, hide text or reverse it, so text from outside never shows
them raw (tab and newline are handled by :func:`shown`)."""


def visible(text: str) -> str:
    """``text`` with every character of :data:`_UNSAFE` written as an escape (``\\x1b``,
    ``\\u202e``): what a terminal or a page can show without being steered by it."""
    return _UNSAFE.sub(lambda m: (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                                  else f"\\u{ord(m.group()):04x}"), text)


def shown(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A value from a file as a message quotes it: one line (tabs and newlines escaped),
    control characters escaped, at most ``limit`` characters (then ``…`` and the length)."""
    text = visible(str(value).replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n"))
    if len(text) > limit:
        return f"{text[:limit]}… ({len(str(value)):,} characters)"
    return text


class FlyttError(Exception):
    """Base class for every error flytt raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and what is wrong."""

    message: str
    source: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.source:
            where.append(str(self.source))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{shown(self.column)}'")
        return visible((", ".join(where) + ": " if where else "") + self.message)


class InputError(FlyttError):
    """Bad input: one or more :class:`Problem` s, at most ``shown`` listed in the message."""

    shown = 10

    def __init__(self, problems: list[Problem] | Problem | str, *, source: str | None = None):
        if isinstance(problems, str):
            problems = [Problem(problems, source=source)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        lines = [str(p) for p in self.problems[: self.shown]]
        more = len(self.problems) - self.shown
        if more > 0:
            lines.append(f"... and {more} more problem(s) of the same kind")
        super().__init__("\n".join(lines))


class NotFoundError(FlyttError):
    """A dataset, year, region or table that was asked for does not exist."""


class DataError(FlyttError):
    """Data that was read fine but cannot support the computation asked for."""


class OptionError(InputError, ValueError):
    """An option given a value it does not take; names the API parameter (``param``)."""

    def __init__(self, param: str, value: object, allowed: tuple[str, ...]):
        self.param, self.value, self.allowed = param, value, allowed
        super().__init__(f"{param} must be one of {', '.join(allowed)}, not {value!r}")


class OutputError(FlyttError):
    """An output that cannot be written (a directory, a missing or read-only folder, a full
    disk); any older file at the path is left as it was."""

    def __init__(self, path: object, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"cannot write {path}: {reason}")


class StoreBusyError(FlyttError):
    """The store is locked by another process (an import, or a command writing to it)."""
