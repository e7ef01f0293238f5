"""The `whiteboard` command: the window by default, headless sub-commands for the rest.

Each sub-command lives in `whiteboard/commands/<name>.py` and exposes `NAME`, `HELP`,
`add_arguments(parser)` and `run(args) -> int`. Bad input ends in one line on stderr and exit 2.

Start-up is part of every headless command's time (issue 18): this module imports no more than
argparse, and a command line that names a sub-command imports and builds only that one's
parser (`whiteboard --help` still builds them all).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from whiteboard import __version__

#: Sub-command modules, in the order `--help` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "gui",
    "validate",
    "present",
    "score",
    "recommend",
    "import_csv",
    "export",
    "prices",
)
#: Sub-commands whose module has another name (`import` is a Python keyword).
COMMAND_ALIASES: dict[str, str] = {"import": "import_csv"}

#: Sub-commands that run once and end, with no window: `entry` lets them keep what they make.
HEADLESS_COMMANDS = frozenset({"validate", "score", "recommend", "import", "export", "prices"})

#: Options of `whiteboard` itself; other leading options belong to the window (`--screenshot`).
MAIN_OPTIONS = ("-h", "--help", "--version")

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class UserError(Exception):
    """Bad input from the user: reported as one line, exit code 2."""


def _command(name: str) -> ModuleType:
    return importlib.import_module(f"whiteboard.commands.{name}")


def _module_of(argv: Sequence[str]) -> str | None:
    """The module of the sub-command `argv` starts with; None for none (or a main option)."""
    if not argv:
        return None
    name = COMMAND_ALIASES.get(argv[0], argv[0])
    return name if name in COMMAND_MODULES else None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `only` (a module of COMMAND_MODULES), the parser of that
    one sub-command alone: it parses its command lines exactly as the whole one does, without
    importing the other commands' modules (a tenth of a second of a headless command's start
    went to building parsers it never used)."""
    parser = argparse.ArgumentParser(
        prog="whiteboard",
        description=(
            "Whiteboard: the compute abstractions story, workload placement and "
            "Well-Architected scoring."
            + (" With no sub-command, opens the window." if "gui" in COMMAND_MODULES else "")
        ),
    )
    parser.add_argument("--version", action="version", version=f"whiteboard {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMAND_MODULES if only is None else (only,):
        module = _command(name)
        sub = commands.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def _is_subcommand(argv: Sequence[str]) -> bool:
    return bool(argv) and (
        argv[0] in COMMAND_MODULES or argv[0] in COMMAND_ALIASES or argv[0] in MAIN_OPTIONS
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, run the sub-command (or the window), turn bad input into exit 2."""
    from whiteboard.model.io import BoardFileError

    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if _is_subcommand(args_list) or "gui" not in COMMAND_MODULES:
            args = build_parser(_module_of(args_list)).parse_args(args_list)
            if getattr(args, "run", None) is None:
                build_parser().print_help()
                return EXIT_OK
            return int(args.run(args))
        return int(_command("gui").run_from_argv(args_list))
    except (BoardFileError, UserError) as error:
        print(f"whiteboard: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


def _without_pydantic_plugins() -> None:
    """Before pydantic is imported: no third-party pydantic plugins in this process.

    pydantic looks for plugins (the `pydantic` entry points of every installed distribution)
    when it builds its first model, and imports each one it finds: a scan of the environment's
    metadata on every start, and an installed plugin's whole package (logfire's pulls in some
    670 modules, ~0.1 s: pydantic/logfire#2343) for a tool whose models are its own. The
    variable is pydantic's documented switch; one the user set is left as it is."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _import_quietly(module: str | None) -> None:
    """Import a headless command's module (and with it the board model and pydantic) with the
    collector off, then freeze what the imports made: classes, functions and schemas that last
    until the process ends, which the collector would otherwise walk again and again during
    start-up and the work after it. The pattern Python's `gc.freeze` documentation describes
    (disable early, freeze what lasts), applied here by `gcpause`."""
    from whiteboard.gcpause import collector_paused

    with collector_paused():
        if module is not None:
            _command(module)
        importlib.import_module("whiteboard.model.io")


def entry(argv: Sequence[str] | None = None) -> NoReturn:
    """The console script and `python -m whiteboard`: `main`, then exit with its code.

    A headless command's process ends with its work, so the collector is kept off what the
    work leaves (`gcpause.keep_what_bulk_work_leaves`), starting with what its imports leave,
    and everything is frozen before the interpreter exits: its last collections would walk the
    whole heap (half a second on a 10,000-workload board) only to free what the exit frees
    anyway. Tests call `main`."""
    _without_pydantic_plugins()
    from whiteboard.gcpause import keep_what_bulk_work_leaves

    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in HEADLESS_COMMANDS:
        keep_what_bulk_work_leaves()
        _import_quietly(_module_of(args_list))
    code = main(args_list)
    gc.freeze()
    raise SystemExit(code)
