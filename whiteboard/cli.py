"""The `whiteboard` command: the window by default, headless sub-commands for the rest.

Each sub-command lives in `whiteboard/commands/<name>.py` and exposes `NAME`, `HELP`,
`add_arguments(parser)` and `run(args) -> int`. Bad input ends in one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from whiteboard import __version__
from whiteboard.model.io import BoardFileError

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


def build_parser() -> argparse.ArgumentParser:
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
    for name in COMMAND_MODULES:
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
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if _is_subcommand(args_list) or "gui" not in COMMAND_MODULES:
            args = build_parser().parse_args(args_list)
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


def entry(argv: Sequence[str] | None = None) -> NoReturn:
    """The console script and `python -m whiteboard`: `main`, then exit with its code.

    A headless command's process ends with its work, so the collector is kept off what the
    work leaves (`gcpause.keep_what_bulk_work_leaves`), and everything is frozen before the
    interpreter exits: its last collections would walk the whole heap (half a second on a
    10,000-workload board) only to free what the exit frees anyway. Tests call `main`."""
    from whiteboard.gcpause import keep_what_bulk_work_leaves

    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in HEADLESS_COMMANDS:
        keep_what_bulk_work_leaves()
    code = main(args_list)
    gc.freeze()
    raise SystemExit(code)
