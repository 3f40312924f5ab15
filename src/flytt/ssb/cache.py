"""The on-disk cache of StatBank answers: one body file and one JSON description per
request, keyed by the request (URL, parameters, body).

Every entry records what it is (``kind``: config, metadata, codelist, data), the table,
when it was fetched (UTC) and, for data, the table's ``updated`` time it was valid for, so
that the client can revalidate metadata after an expiry and reuse data only while the
table has not been updated (:class:`flytt.ssb.client.StatBank`). Only answers that decoded
and matched their query are written; writes go through a temporary file and a rename.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    """One cached answer: its key, description and where the body lies."""

    key: str
    meta: dict[str, Any]
    body: Path

    @property
    def fetched(self) -> datetime:
        """When the answer was downloaded (UTC)."""
        try:
            return datetime.fromisoformat(str(self.meta["fetched"]))
        except (KeyError, ValueError):
            return datetime.fromtimestamp(0, UTC)

    def age(self, now: datetime | None = None) -> float:
        """Seconds since the answer was downloaded."""
        return ((now or datetime.now(UTC)) - self.fetched).total_seconds()

    @property
    def size(self) -> int:
        """Bytes of the body (0 if it vanished)."""
        try:
            return self.body.stat().st_size
        except OSError:
            return 0

    def content(self) -> bytes:
        return self.body.read_bytes()


@dataclass(frozen=True)
class AnswerCache:
    """The cache directory (``<cache>/ssb`` by default)."""

    root: Path

    @staticmethod
    def key(url: str, params: dict[str, str], body: Any) -> str:
        text = json.dumps({"url": url, "params": sorted(params.items()), "body": body},
                          sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _files(self, key: str) -> tuple[Path, Path]:
        return self.root / f"{key}.body", self.root / f"{key}.json"

    def get(self, key: str) -> Entry | None:
        """The entry of ``key``, or None when it is missing or its description is broken."""
        body, meta = self._files(key)
        if not (body.is_file() and meta.is_file()):
            return None
        try:
            described = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.drop(key)
            return None
        return Entry(key, described, body) if isinstance(described, dict) else None

    def put(self, key: str, content: bytes, meta: dict[str, Any]) -> Entry:
        """Store ``content`` with ``meta`` (``fetched`` is added), body first, atomically."""
        from ..output import writing

        self.root.mkdir(parents=True, exist_ok=True)
        body, described = self._files(key)
        meta = {**meta, "fetched": datetime.now(UTC).isoformat(timespec="seconds")}
        with writing(body) as tmp:
            tmp.write_bytes(content)
        with writing(described) as tmp:
            tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        return Entry(key, meta, body)

    def drop(self, key: str) -> None:
        for path in self._files(key):
            try:
                path.unlink()
            except FileNotFoundError:
                pass

    def entries(self) -> Iterator[Entry]:
        """Every entry, oldest first."""
        if not self.root.is_dir():
            return
        found = [e for p in self.root.glob("*.json") if (e := self.get(p.stem)) is not None]
        yield from sorted(found, key=lambda e: e.fetched)

    def clear(self, *, table: str | None = None, older_than: float | None = None) -> int:
        """Remove entries (of ``table``; older than ``older_than`` seconds); returns how many."""
        removed = 0
        for entry in list(self.entries()):
            if table is not None and entry.meta.get("table") != table:
                continue
            if older_than is not None and entry.age() < older_than:
                continue
            self.drop(entry.key)
            removed += 1
        for stray in self.root.glob("*.part") if self.root.is_dir() else ():
            os.unlink(stray)
        log.info("removed %d cached answers from %s", removed, self.root)
        return removed


__all__ = ["AnswerCache", "Entry"]
