"""What every result of the core is: a table with a title and footnotes as catalog messages.

The faces (:mod:`flytt.render`, :mod:`flytt.figures`, the report, the dashboard) draw any
:class:`Result` in the language the user asked for; the core never writes the sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from .i18n import Message

if TYPE_CHECKING:
    import pandas as pd


@runtime_checkable
class Result(Protocol):
    """A result of the core: ``kind`` names it (files, sheets), ``to_frame()`` is its table
    (the CSV contract), ``title_message`` and ``footnote_messages`` say what it is."""

    @property
    def kind(self) -> str: ...

    @property
    def title_message(self) -> Message: ...

    @property
    def footnote_messages(self) -> tuple[Message, ...]: ...

    def to_frame(self) -> pd.DataFrame: ...


class InEnglish:
    """Mixin of a :class:`Result`: ``title`` and ``footnote`` as English text (for code that
    wants a string; the faces render the messages in their language)."""

    @property
    def title_message(self) -> Message:
        raise NotImplementedError

    @property
    def footnote_messages(self) -> tuple[Message, ...]:
        raise NotImplementedError

    @property
    def title(self) -> str:
        """:attr:`title_message` in English."""
        return self.title_message.text("en")

    @property
    def footnote(self) -> str:
        """:attr:`footnote_messages` in English, as one paragraph."""
        return " ".join(m.text("en") for m in self.footnote_messages)


__all__ = ["InEnglish", "Result"]
