"""The ``flytt`` Typer application.

Command modules import only Typer and the standard library at import time; heavy modules
(pandas, DuckDB, Altair, Spark) are imported inside the commands, so ``flytt --help`` is
instant. To add a command: write ``cli/<name>.py`` with ``register(app)`` and list it in
``COMMAND_MODULES``.
"""

from __future__ import annotations

import inspect
import sys
from importlib import import_module

import typer

app = typer.Typer(
    name="flytt",
    help="Migration statistics: SSB's migration tables, the attractiveness barometer, "
    "city out-migration analyses, migration indices and flow models.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

COMMAND_MODULES = ("table", "importing", "datasets", "report", "indices", "synth", "aggregate", "city", "serve", "fetch", "harmonize", "barometer")


def _show_version(value: bool) -> None:
    if value:
        from flytt import __version__

        typer.echo(f"flytt {__version__}")
        raise typer.Exit()


_VERBOSITY = {"level": 0}
"""-v (1: info, 2: debug, and tracebacks of internal errors) or -q (-1: errors only)."""


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Show the version and exit.",
                                 callback=_show_version, is_eager=True),
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="Say more: -v what "
                                "is done, -vv debugging details and the traceback of an "
                                "internal error."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors."),
) -> None:
    """Migration statistics from raw flows and registers to published tables."""
    import logging

    _VERBOSITY["level"] = -1 if quiet else verbose
    level = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(
        _VERBOSITY["level"], logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s",
                        force=True)
    for chatty in ("httpx", "httpcore"):  # one line per request: only with -vv
        logging.getLogger(chatty).setLevel(max(level, logging.DEBUG if level <= logging.DEBUG
                                               else logging.WARNING))


def _unwrap(text: str | None) -> str | None:
    """A docstring as help text: lines of a paragraph joined (Rich keeps every line break
    of a docstring, which breaks sentences in mid-line), paragraphs kept."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


def _unwrap_help(typer_app: typer.Typer) -> None:
    """Help texts of every command and group of ``typer_app`` unwrapped (:func:`_unwrap`)."""
    for command in typer_app.registered_commands:
        command.help = _unwrap(command.help or (command.callback.__doc__
                                                if command.callback else None))
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            group.help = _unwrap(group.help)
            _unwrap_help(group.typer_instance)


for _name in COMMAND_MODULES:
    import_module(f"flytt.cli.{_name}").register(app)
_unwrap_help(app)


def _say_error(message: str, hint: str = "") -> None:
    from rich.console import Console
    from rich.markup import escape

    from flytt.errors import visible

    console = Console(stderr=True, soft_wrap=True)
    console.print(f"[bold red]error:[/] {escape(visible(message))}", highlight=False)
    if hint:
        console.print(hint, style="dim", highlight=False)


def main() -> None:
    """Entry point: runs the app and turns flytt's own errors (and files the system cannot
    read or write) into one clear message and exit 2; any other exception is an internal
    error: one line and exit 1, its traceback only with ``-vv``."""
    from flytt.errors import FlyttError, OptionError

    try:
        app()
    except FlyttError as exc:
        message = str(exc)
        if isinstance(exc, OptionError):  # the core names its parameter; say the flag
            message = f"--{exc.param.replace('_', '-')}: {message}"
        _say_error(message)
        sys.exit(2)
    except OSError as exc:
        from flytt.output import reason

        _say_error(f"{exc.filename}: {reason(exc)}" if exc.filename else reason(exc))
        sys.exit(2)
    except KeyboardInterrupt:
        _say_error("interrupted")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if _VERBOSITY["level"] >= 2:
            raise
        from flytt.errors import shown

        _say_error(f"internal error: {type(exc).__name__}: {shown(exc, 200)}",
                   "This is a bug in flytt. Run again with -vv for the details and report it "
                   "with them.")
        sys.exit(1)


if __name__ == "__main__":
    main()
