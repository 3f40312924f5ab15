"""The Python API: resolve where data comes from (built-in dataset, files or the store)
and hand it to the core. The CLI, the report and the web dashboard call these.

>>> import flytt
>>> t = flytt.migration_table("balance", dataset="ssb-counties", year=2011)
>>> t.to_frame().iloc[0]["net_internal"]
0
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FlyttError, InputError, NotFoundError
from .flows import Flows, Grouping
from .tables import MigrationTable, TableKind, build_table

if TYPE_CHECKING:
    from .barometer import Panel
    from .ssb.statbank_file import StatBankImport
    from .store import ImportReport


def read_flows(path: str | Path, *, year: int | None = None, encoding: str | None = None,
               delimiter: str | None = None) -> Flows:
    """Read and validate a flows file (CSV/Parquet/Excel) into :class:`Flows`."""
    from .readers import read_input

    frame = read_input(path, "flows", year=year, encoding=encoding, delimiter=delimiter)
    return Flows.from_frame(frame)


def read_grouping(path: str | Path, *, name: str | None = None, encoding: str | None = None,
                  delimiter: str | None = None) -> Grouping:
    """Read a groups file (``code,group_code,group_name``) into a :class:`Grouping`."""
    from .readers import read_input

    frame = read_input(path, "groups", encoding=encoding, delimiter=delimiter)
    return Grouping.from_frame(frame, name or Path(path).stem, source=str(path))


def import_file(kind: str, path: str | Path, *, db: str | Path | None = None,
                year: int | None = None, name: str | None = None,
                sheet: str | int | None = None, encoding: str | None = None,
                delimiter: str | None = None) -> ImportReport:
    """Validate the ``kind`` file at ``path`` (see :func:`flytt.readers.read_input`) and
    write it into the store ``db`` (default store if None) in one transaction.

    The file is read and checked before the store is opened for writing: a bad file changes
    nothing, and a store that did not exist before a failed import does not exist after it.
    ``name`` names a grouping (default: the file's name without suffix).
    """
    from .readers import read_input
    from .store import Store, default_path, file_sha256

    _not_a_statbank_file(path, kind)
    target = Path(db) if db is not None else default_path()
    known = None
    if kind != "regions" and target.is_file():
        with Store(target, read_only=True) as store:
            known = store.known_codes()
    frame = read_input(path, kind, year=year, encoding=encoding, delimiter=delimiter,
                       sheet=sheet, known_codes=known)
    sha256 = file_sha256(path)
    existed = target.exists()
    try:
        with Store(target) as store:
            return store.import_frame(kind, frame, source=str(path),
                                      grouping=name or Path(path).stem, sha256=sha256)
    except BaseException:
        if not existed:  # leave no empty store behind
            _remove_store(target)
        raise


def _not_a_statbank_file(path: str | Path, kind: str) -> None:
    """Refuse a StatBank answer (JSON-stat, PX) given to a flytt-layout import, pointing at
    ``flytt import statbank``."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return  # the reader reports it
    from .ssb.formats import sniff

    if head[:1] == b"{" or head[:8].upper().startswith((b"CHARSET", b"AXIS-VER", b"CODEPAGE",
                                                        b"MATRIX", b"LANGUAGE")):
        fmt = sniff(head if head[:1] != b"{" else b'{"version": "2.0"}', str(path))
        raise InputError(f"{path}: this is a StatBank {fmt} file, not a {kind} file in "
                         f"flytt's layout; put it into the store with 'flytt import "
                         f"statbank {path}' (Python: flytt.api.import_statbank)")


def import_statbank(path: str | Path, *, db: str | Path | None = None,
                    table: str | None = None) -> StatBankImport:
    """Put a table saved from StatBank (JSON-stat 2 or 1, PX, CSV or Excel; the format is
    detected from the content) into the store ``db``, shaped exactly as the ``fetch ssb``
    recipe of that table stores it, so that ``barometer``, ``table`` and the dashboard read
    it; a table no recipe uses is kept as ``ssb_<table>``. ``table`` gives the table
    number when the file does not say it. Atomic like :func:`import_file`."""
    from .ssb.formats import decode
    from .ssb.recipes import store_frame
    from .ssb.statbank_file import StatBankImport, shape
    from .store import default_path

    source = str(path)
    try:
        content = Path(path).read_bytes()
    except OSError as exc:
        from .output import reason

        raise InputError(f"{source}: cannot read: {reason(exc)}") from None
    try:
        answer = decode(content, source=source)
    except (ValueError, KeyError) as exc:  # a table layout the decoders do not know
        from .errors import DataError, shown

        raise DataError(f"{source}: not a StatBank table flytt can read ({shown(exc, 200)}); "
                        "save it from StatBank as JSON-stat 2 or PX") from None
    shaped = shape(answer, table=table, source=source)
    target = Path(db) if db is not None else default_path()
    existed = target.exists()
    try:
        stored = store_frame(shaped.store_table, shaped.frame, str(target),
                             source=f"{source} (StatBank table {shaped.table})")
    except BaseException:
        if not existed:
            _remove_store(target)
        raise
    return StatBankImport(source, shaped.table, shaped.answer.label,
                          shaped.recipe.name if shaped.recipe else None, shaped.store_table,
                          stored, tuple(shaped.dimensions), shaped.answer.notes,
                          shaped.dropped)


def _remove_store(target: Path) -> None:
    """Remove a store file (and its WAL) that a failed first import created."""
    for left in (target, target.with_name(target.name + ".wal")):
        if left.is_file():
            left.unlink()


def migration_table(
    kind: TableKind,
    *,
    year: int | None = None,
    dataset: str | None = None,
    flows: str | Path | Flows | None = None,
    groups: str | Path | Grouping | None = None,
    grouping: str | None = None,
    db: str | Path | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> MigrationTable:
    """One of SSB's tables (``od``, ``net``, ``balance``) for ``year``.

    Data come from exactly one of: a built-in ``dataset`` (a published table of that kind
    and year is used as published; otherwise it is computed from the dataset's flows),
    a ``flows`` file or object, or the store (``db``; default store if nothing else is
    given). ``groups`` (a file) or ``grouping`` (a name in the store) aggregates regions
    first.
    """
    if dataset is not None and flows is not None:
        raise FlyttError("give either a dataset or a flows file, not both")
    grouping_obj: Grouping | None = None
    if isinstance(groups, Grouping):
        grouping_obj = groups
    elif groups is not None:
        grouping_obj = read_grouping(groups, encoding=encoding, delimiter=delimiter)
    if dataset is not None:
        from . import datasets

        ds = datasets.load(dataset)
        if grouping_obj is None and year is not None and (kind, year) in ds.published:
            return ds.published[(kind, year)]
        if ds.flows is None and not ds.published:
            raise NotFoundError(f"dataset '{dataset}' holds no migration tables or flows "
                                f"({ds.description})")
        if ds.flows is None or (year is not None and year not in ds.flows.years):
            have = sorted({f"{k} {y}" for k, y in ds.published} |
                          {f"od/net/balance {y}" for y in (ds.flows.years if ds.flows else [])})
            raise NotFoundError(f"dataset '{dataset}' has no {kind} table for {year}; it has: "
                                + "; ".join(have))
        source_flows = ds.flows
    elif isinstance(flows, Flows):
        source_flows = flows
    elif flows is not None:
        source_flows = read_flows(flows, year=year, encoding=encoding, delimiter=delimiter)
    else:
        from .store import Store

        with Store(db, read_only=True) as store:
            source_flows = store.flows([year] if year is not None else None)
            if grouping is not None:
                grouping_obj = store.grouping(grouping)
    if dataset is None:
        source_flows = _with_official_names(source_flows)
    table = build_table(kind, source_flows, year, grouping_obj)
    return table


def _with_official_names(flows: Flows) -> Flows:
    """``flows`` with SSB's names (:func:`flytt.geo.official_names`, of the data's last
    year) for the municipality and county codes the data do not name themselves."""
    from . import geo

    names = geo.complete_names(flows.names, flows.regions(), max(flows.years))
    return Flows(frame=flows.frame, names=names)


def barometer_panel(*, panel: str | Path | None = None, demo: bool = False,
                    db: str | Path | None = None, encoding: str | None = None,
                    delimiter: str | None = None,
                    contents: dict[str, str] | None = None) -> Panel:
    """The barometer's panel from one source: a panel file (``panel``), the built-in
    SYNTHETIC demo panel (``demo``), or else the store ``db`` (default store when None):
    population and jobs with net migration from its flows or SSB tables. ``contents``
    names SSB content codes by kind where recognising them is not enough, e.g.
    ``{"out": "Fraflytting8"}`` (kinds: in, out, immigration, emigration, net)."""
    from .barometer import demo_panel, panel_from_store, read_panel
    from .errors import InputError

    if demo and panel is not None:
        raise InputError("give either a panel file (panel) or the demo panel (demo), not both")
    if demo:
        return demo_panel()
    if panel is not None:
        return read_panel(panel, encoding=encoding, delimiter=delimiter)
    return panel_from_store(db, contents=contents)


def dashboard_panel(db: str | Path | None) -> Panel:
    """The panel the dashboard and the report show: the store's when ``db`` is given and
    holds what a panel needs, else the SYNTHETIC demo panel (which says so everywhere)."""
    if db is None:
        return barometer_panel(demo=True)
    try:
        return barometer_panel(db=db)
    except FlyttError:  # no population/jobs/net migration in this store
        return barometer_panel(demo=True)


__all__ = ["barometer_panel", "dashboard_panel", "import_file", "import_statbank",
           "migration_table", "read_flows", "read_grouping"]
