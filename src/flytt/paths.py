"""Checks on folders given for output (``--out DIR``), before anything is written."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError


def check_output_dir(out_dir: str | Path, name: str, advice: str) -> Path:
    """``out_dir`` as a :class:`Path`, or :class:`InputError` when it, or a folder it would
    be created in, is an existing file. The message names the option (``name``) and ends
    with ``advice`` (what the folder is for and what to choose)."""
    out = Path(out_dir)
    for parent in (out, *out.parents):
        if parent.exists():
            if not parent.is_dir():
                what = "is a file" if parent == out else f"is inside {parent}, which is a file"
                raise InputError(f"{name} {out} {what}; {advice}")
            break
    return out
