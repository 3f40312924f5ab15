"""Exceptions with messages a person can act on.

Every error raised at an edge (files, codes, years, API responses) names where the
problem is: the file, the row (1-based line number in the file, header = line 1)
and the column.
"""

from __future__ import annotations

from dataclasses import dataclass


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
            where.append(f"column '{self.column}'")
        return (", ".join(where) + ": " if where else "") + self.message


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
