"""Writing output files so that a failed write loses nothing, and CSV that a spreadsheet
cannot be tricked into running.

Every file flytt writes (tables, figures, reports, Parquet, fetched CSVs) goes through
:func:`writing`: the content is written to a temporary file beside the target, flushed to
disk and renamed over the target in one step. A failure midway (a full disk, an error while
rendering, Ctrl-C) removes the temporary file and leaves an older file at the target as it
was. A path that cannot be written is an :class:`~flytt.errors.OutputError` naming it and
saying why (a directory, a folder that is a file, no permission, no space left), which the
CLI prints as ``error: cannot write FILE: reason`` with exit code 2.

Special files (``/dev/stdout``, a named pipe) cannot be replaced by a rename; they are
written in place.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import OutputError

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EISDIR: "it is a directory",
    errno.ENOTDIR: "a folder on the way is a file",
}


def reason(exc: OSError) -> str:
    """A short reason for an :class:`OSError`, in words a user knows."""
    return _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()


def check_target(path: Path) -> None:
    """An :class:`~flytt.errors.OutputError` when ``path`` cannot be a file (a directory, a
    file where a folder should be, a name too long); makes its missing folders."""
    try:
        _check_path(path)
    except OSError as exc:  # a name too long, a loop of links
        raise OutputError(path, reason(exc)) from exc


def file_in_the_way(path: Path) -> Path | None:
    """The nearest existing folder of ``path`` when it is a file (``afile`` for
    ``afile/t.csv``), else None."""
    for parent in path.parents:
        if parent.exists():
            return None if parent.is_dir() else parent
    return None


def _check_path(path: Path) -> None:
    if path.is_dir():
        raise OutputError(path, "it is a directory; give a file name (e.g. "
                                f"{path / 'table.csv'})")
    blocking = file_in_the_way(path)
    if blocking is not None:
        raise OutputError(path, f"{blocking} is a file, not a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(path, f"cannot make the folder {path.parent}: {reason(exc)}") from exc


@contextmanager
def writing(path: str | Path) -> Iterator[Path]:
    """A temporary path to write the content of ``path`` to; on leaving the block it
    replaces ``path`` (atomically), on an error it is removed and ``path`` is untouched.
    :class:`OSError` s become :class:`~flytt.errors.OutputError`."""
    target = Path(path)
    check_target(target)
    if target.exists() and not (target.is_file() or target.is_dir()):
        try:  # a device or a pipe: written in place, as a shell redirection would
            yield target
        except OSError as exc:
            raise OutputError(target, reason(exc)) from exc
        return
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name[:80]}.", suffix=".part",
                                    dir=target.parent)
    except OSError as exc:
        raise OutputError(target, reason(exc)) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        if target.exists():  # keep the permissions the older file had
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(target, reason(exc)) from exc
    finally:
        tmp.unlink(missing_ok=True)
    log.debug("wrote %s", target)


def write_file(path: str | Path, content: str | bytes) -> Path:
    """Write ``content`` (text as UTF-8) to ``path`` through :func:`writing`; returns the
    path."""
    with writing(path) as tmp:
        if isinstance(content, bytes):
            tmp.write_bytes(content)
        else:
            tmp.write_text(content, encoding="utf-8")
    return Path(path)


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is a formula to a spreadsheet that opens a CSV."""
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def guard_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell that a spreadsheet would run as a formula (it starts
    with ``= + - @``, a tab or a carriage return, and is not a plain number such as
    ``-3``) prefixed with ``'``, as OWASP advises for CSV files: the text shows, nothing
    runs. Numbers and other cells are unchanged."""
    import pandas as pd
    from pandas.api.types import is_object_dtype, is_string_dtype

    out = frame.copy()
    for i, col in enumerate(out.columns):
        values = out.iloc[:, i]
        if not (is_object_dtype(values) or is_string_dtype(values)):
            continue
        text = values.astype(str)
        risky = (values.notna() & text.str.startswith(FORMULA_TRIGGERS)
                 & ~text.str.match(_PLAIN_NUMBER.pattern))
        if risky.any():
            out[col] = pd.Series([f"'{v}" if r else v for v, r in zip(values, risky)],
                                 index=values.index, dtype=object)
    return out


def csv_text(frame: pd.DataFrame, *, formula_guard: bool = True) -> str:
    """``frame`` as CSV text (no index, ``\\n`` line ends), text cells guarded by
    :func:`guard_formulas` unless ``formula_guard`` is False."""
    return (guard_formulas(frame) if formula_guard else frame).to_csv(index=False,
                                                                      lineterminator="\n")


__all__ = ["FORMULA_TRIGGERS", "check_target", "csv_text", "file_in_the_way", "guard_formulas", "reason",
           "write_file", "writing"]
