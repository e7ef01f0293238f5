"""`whiteboard import INVENTORY -o BOARD`: a board from a customer's inventory export.

The format (RVTools vInfo .xlsx/.csv, Migration Hub CSV, Azure Migrate CSV, or our own CSV
whose header names workload fields) is told by the file's header, or chosen with `--format`;
`whiteboard.inventory` reads it (docs/inventory.md has the mapping rules). Any bad row stops the
import before anything is written, with one line `file:ROW: column: problem`. The report of
what was read, skipped and defaulted is printed after the board is written.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from whiteboard.commands import check_output
from whiteboard.inventory import FORMATS, InventoryError, import_inventory
from whiteboard.inventory.ours import board_from_csv
from whiteboard.model import Board, save_board
from whiteboard.model.text import clipped, quoted, visible

if TYPE_CHECKING:
    from whiteboard.cli import UserError

NAME = "import"
HELP = "build a board from an inventory (RVTools, Migration Hub, Azure Migrate or our own CSV)"
__all__ = ["board_from_csv"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inventory", metavar="INVENTORY", help="inventory export (.xlsx, or CSV in UTF-8)"
    )
    parser.add_argument(
        "-o", "--output", metavar="BOARD", required=True, help="board file to write (.json)"
    )
    parser.add_argument("--name", help="board name (default: the inventory file's name)")
    parser.add_argument(
        "--format",
        choices=("auto", *FORMATS),
        default="auto",
        help="the inventory's format (default: told by its header)",
    )
    parser.add_argument(
        "--powered-off",
        choices=("skip", "idle"),
        default="skip",
        help="powered-off VMs: skip them (default) or import them with traffic 'idle'",
    )


def run(args: argparse.Namespace) -> int:
    source = Path(args.inventory)
    if args.name is not None and not args.name.strip():
        raise _error("--name", "must not be blank")
    check_output(Path(args.output), "-o")
    try:
        result = import_inventory(
            source,
            format=None if args.format == "auto" else args.format,
            powered_off=args.powered_off,
        )
    except InventoryError as error:
        raise _user_error(str(error)) from None
    name = args.name or source.stem.replace("_", " ").replace("-", " ").strip() or "Imported"
    if not result.workloads:
        raise _user_error(
            f"{visible(source.name)}: no workloads to import; "
            + " ".join(result.report.lines()[1:])
        )
    board = Board(name=name[:200], workloads=result.workloads)
    try:
        save_board(board, args.output)
    except OSError as error:
        raise _error(args.output, f"cannot write: {error.strerror or error}") from None
    print(
        f"{visible(args.output)}: wrote board {quoted(board.name, 200)} "
        f"with {len(board.workloads):,} workloads"
    )
    if result.report.format != "whiteboard":  # our own CSV maps nothing: one line, as before
        for line in result.report.lines():
            print(line)
    return 0


def _error(where: str, problem: str) -> UserError:
    return _user_error(f"{visible(where)}: {clipped(problem, 300)}")


def _user_error(text: str) -> UserError:
    from whiteboard.cli import UserError

    return UserError(text)
